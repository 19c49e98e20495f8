// event.js - an event series: where and when each edition was held, and a
// table edition × participant (attended ✓, stayed away ✗, invited ?,
// expected …), each cell opening its evidence.  ?year=2019 marks an edition.
import { api } from '../api.js';
import { h, plural } from '../dom.js';
import { entityLink, phrase } from '../facts.js';
import { empty } from '../states.js';

// The state of one fact in a cell, strongest first.
function state(f) {
  if (f.relation === 'attended' || f.relation === 'hosted') {
    if (f.polarity === 'negative') return { k: 'no', sym: '✗', text: 'stayed away', rank: 4 };
    if (f.modality === 'planned') return { k: 'plan', sym: '…', text: 'expected', rank: 2 };
    if (f.modality === 'hedged' || f.modality === 'reported') return { k: 'maybe', sym: '✓?', text: 'reportedly attended', rank: 3 };
    return { k: 'yes', sym: '✓', text: f.relation === 'hosted' ? 'hosted' : 'attended', rank: 5 };
  }
  if (f.relation === 'invited_to')
    return f.polarity === 'negative' ? { k: 'no', sym: '✗', text: 'not invited', rank: 1 }
      : { k: 'inv', sym: '?', text: 'invited', rank: 1 };
  return { k: 'other', sym: '•', text: phrase(f), rank: 0 };
}

function cell(facts, who, year) {
  if (!facts) return h('td', { class: 'c-none' }, h('span', { class: 'sr' }, 'no report'));
  const states = facts.map((f) => ({ f, ...state(f) })).sort((a, b) => b.rank - a.rank);
  const top = states[0];
  const label = `${who} ${year}: ${states.map((x) => x.text).join(', ')} — open the evidence`;
  const more = [...new Set(states.slice(1).map((x) => x.sym))].filter((x) => x !== top.sym);
  return h('td', { class: `c-${top.k}` }, h('a', { href: `/fact/${top.f.id}`, title: label, 'aria-label': label },
    h('span', { class: 'sym' }, top.sym), more.length ? h('small', { class: 'more' }, more.join(' ')) : null));
}

export async function eventPage(idText, params) {
  const d = await api(`/api/events/${Number(idText)}`);
  const ev = d.event;
  const marked = Number(params.get('year')) || null;
  const page = h('article', { class: 'event' }, h('header', { class: 'entity-head' }, h('h1', {}, ev.name),
    h('span', { class: 'type t-EVENT' }, 'event'),
    h('p', { class: 'meta' }, `${plural(ev.documents, 'document')} · `, h('a', { href: `/entity/${ev.id}` }, 'entity page, timeline and graph'))));
  const editions = new Map();
  for (const e of d.editions) {
    if (!editions.has(e.year)) editions.set(e.year, []);
    editions.get(e.year).push(e);
  }
  page.append(h('section', { class: 'card' }, h('h2', {}, 'Editions'), editions.size
    ? h('ul', { class: 'editions', 'data-nav': '' }, [...editions].map(([year, list]) => h('li', { class: year === marked ? 'marked' : '' },
      h('a', { href: `/event/${ev.id}?year=${year}` }, h('b', {}, year ?? 'undated')), ' — held in ',
      list.map((e, i) => [i ? ', ' : '', entityLink(e.place_id, e.place, 'GPE'), ' ', h('a', { class: 'ev', href: `/fact/${e.fact}` }, 'evidence')]))))
    : empty('No report of where or when it was held.')));
  // Participants × years.
  const people = new Map(), years = new Set(editions.keys());
  for (const f of d.participants) {
    if (!people.has(f.subject_id)) people.set(f.subject_id, { name: f.subject, type: f.subject_type, cells: new Map() });
    const y = f.year ?? 0;
    years.add(y);
    const p = people.get(f.subject_id);
    if (!p.cells.has(y)) p.cells.set(y, []);
    p.cells.get(y).push(f);
  }
  const cols = [...years].sort((a, b) => a - b);
  if (!people.size) {
    page.append(h('section', { class: 'card' }, h('h2', {}, 'Participants'), empty('No one is reported attending, staying away or invited yet.')));
    return page;
  }
  const table = h('table', { class: 'matrix' },
    h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, 'Participant'), cols.map((y) =>
      h('th', { scope: 'col', class: y === marked ? 'marked' : '' }, h('a', { href: `/event/${ev.id}?year=${y}` }, y || 'undated'))))),
    h('tbody', { 'data-nav': '' }, [...people].map(([pid, p]) => h('tr', {},
      h('th', { scope: 'row' }, entityLink(pid, p.name, p.type)),
      cols.map((y) => {
        const td = cell(p.cells.get(y), p.name, y || 'undated');
        if (y === marked) td.classList.add('marked');
        return td;
      })))));
  page.append(h('section', { class: 'card wide' }, h('h2', {}, 'Who came, who stayed away'),
    h('p', { class: 'legend cells' }, h('span', { class: 'c-yes' }, '✓ attended'), h('span', { class: 'c-no' }, '✗ stayed away'),
      h('span', { class: 'c-inv' }, '? invited'), h('span', { class: 'c-plan' }, '… expected'),
      h('span', { class: 'hint' }, 'Each mark opens its evidence.')),
    h('div', { class: 'scroll' }, table)));
  return page;
}
