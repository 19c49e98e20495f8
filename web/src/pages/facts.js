// facts.js (page) - the facts table: filters in the URL (shareable), paging,
// and the same selection as CSV.
import { api } from '../api.js';
import { h, qs, plural } from '../dom.js';
import { entityLink, phrase, relationColor, relationName } from '../facts.js';
import { empty, noFacts } from '../states.js';

const FILTERS = ['relation', 'subject', 'object', 'year', 'polarity', 'modality', 'source', 'entity'];
const PAGE = 50;

function field(label, input) {
  return h('label', {}, h('span', {}, label), input);
}

function form(params, relations) {
  const val = (k) => params.get(k) || '';
  const select = (name, options) => {
    const el = h('select', { name }, options.map(([v, t]) => h('option', { value: v }, t)));
    el.value = val(name);
    return el;
  };
  const text = (name, placeholder, extra = {}) => h('input', { name, value: val(name), placeholder, ...extra });
  const f = h('form', { class: 'filters', action: '/facts' },
    field('Relation', select('relation', [['', 'any'], ...relations.map((r) => [r.relation, `${relationName(r.relation)} (${r.facts})`])])),
    field('Subject', text('subject', 'name')),
    field('Object', text('object', 'name or quote')),
    field('Year', text('year', 'e.g. 2019', { inputmode: 'numeric', pattern: '[0-9]{1,4}', size: 6 })),
    field('Polarity', select('polarity', [['', 'any'], ['positive', 'did'], ['negative', 'did not']])),
    field('Modality', select('modality', [['', 'any'], ['asserted', 'asserted'], ['planned', 'expected'],
      ['former', 'former'], ['hedged', 'reportedly'], ['reported', 'reported']])),
    field('Source', text('source', 'publisher')),
    params.get('entity') ? h('input', { type: 'hidden', name: 'entity', value: val('entity') }) : null,
    h('button', { type: 'submit' }, 'Filter'));
  f.addEventListener('submit', (e) => {
    e.preventDefault();
    const o = {};
    for (const [k, v] of new FormData(f)) if (v) o[k] = v;
    history.pushState(null, '', `/facts${qs(o)}`);
    window.dispatchEvent(new PopStateEvent('popstate'));
  });
  f.addEventListener('change', (e) => { if (e.target.tagName === 'SELECT') f.requestSubmit(); });
  return f;
}

function row(f) {
  const neg = f.polarity === 'negative';
  return h('tr', { class: neg ? 'is-neg' : '' },
    h('td', {}, entityLink(f.subject_id, f.subject, f.subject_type)),
    h('td', {}, h('a', { class: 'rel', href: `/fact/${f.id}`, style: `--rel:${relationColor(f.relation)}`, title: 'Open the evidence' }, phrase(f))),
    h('td', {}, entityLink(f.object_id, f.object, f.object_type)),
    h('td', {}, f.time || f.year || ''),
    h('td', {}, neg ? 'negative' : 'positive'),
    h('td', {}, f.modality === 'planned' ? 'expected' : f.modality),
    h('td', { class: 'num' }, f.sources),
    h('td', {}, f.publishers || ''));
}

export async function factsPage(_, params) {
  const filters = {};
  for (const k of FILTERS) if (params.get(k)) filters[k] = params.get(k);
  const offset = Math.max(0, Number(params.get('offset')) || 0);
  const [list, overview] = await Promise.all([api(`/api/facts${qs({ ...filters, limit: PAGE, offset })}`), api('/api/overview')]);
  const page = h('article', { class: 'facts-page' }, h('h1', {}, 'Facts'), form(params, overview.relations));
  const csv = `/api/facts${qs({ ...filters, format: 'csv' })}`;
  const count = `${list.total_exact === false ? 'at least ' : ''}${plural(list.total, 'fact')}`;
  page.append(h('p', { class: 'meta' }, list.total ? `${count}; showing ${offset + 1}–${offset + list.items.length}` : '',
    list.total ? [' · ', h('a', { href: csv, download: 'facts.csv' }, 'Download CSV')] : null));
  if (!list.items.length) {
    page.append(overview.counts.facts ? empty('No fact matches these filters. ', h('a', { href: '/facts' }, 'Clear them')) : empty(...noFacts()));
    return page;
  }
  page.append(h('div', { class: 'scroll' }, h('table', { class: 'table' },
    h('thead', {}, h('tr', {}, ['Subject', 'Relation', 'Object', 'Time', 'Polarity', 'Modality', 'Sources', 'Publishers']
      .map((t) => h('th', { scope: 'col' }, t)))),
    h('tbody', { 'data-nav': '' }, list.items.map(row)))));
  const link = (o, text) => h('a', { class: 'button', href: `/facts${qs({ ...filters, offset: o || null })}` }, text);
  page.append(h('nav', { class: 'pager' }, offset > 0 ? link(Math.max(0, offset - PAGE), '← Previous') : null,
    offset + PAGE < list.total ? link(offset + PAGE, 'Next →') : null));
  return page;
}
