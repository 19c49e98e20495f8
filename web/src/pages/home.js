// home.js - the corpus at a glance: counts, date range, sources, entity
// types, relations, top entities by facts, recent facts.
import { api } from '../api.js';
import { h, plural, qs } from '../dom.js';
import { factList, entityLink, relationColor, relationName, TYPE_LABEL } from '../facts.js';
import { empty, noFacts } from '../states.js';
import { yearBars } from '../timeline.js';

function stat(n, label, href) {
  const body = [h('b', {}, typeof n === 'number' ? n.toLocaleString('en') : n), h('span', {}, label)];
  return href ? h('a', { class: 'stat', href }, body) : h('div', { class: 'stat' }, body);
}

export async function home() {
  const o = await api('/api/overview');
  const c = o.counts;
  const page = h('div', { class: 'home' }, h('h1', {}, 'Overview'));
  if (!c.documents) {
    page.append(empty('The knowledge base is empty — ingest some articles with ', h('code', {}, 'newsgraph ingest --db FILE articles/'),
      ', then reload this page.'));
    return page;
  }
  const range = c.first_date ? `${c.first_date.slice(0, 10)} → ${c.last_date.slice(0, 10)}` : 'undated';
  page.append(h('div', { class: 'stats' },
    stat(c.documents, 'documents'), stat(range, 'published'), stat(c.sources, 'sources'),
    stat(c.entities, 'entities', '/entities'), stat(c.facts, 'facts', '/facts')));
  const grid = h('div', { class: 'grid' });
  grid.append(h('section', { class: 'card' }, h('h2', {}, 'Top entities by facts'),
    o.top_entities.length ? h('ol', { class: 'ranked', 'data-nav': '' }, o.top_entities.map((e) =>
      h('li', {}, entityLink(e.id, e.name, e.type), ' ', h('small', {}, `${plural(e.facts, 'fact')} · ${TYPE_LABEL[e.type] || e.type}`))))
      : empty(...noFacts())));
  grid.append(h('section', { class: 'card' }, h('h2', {}, 'Sources'),
    h('ol', { class: 'ranked', 'data-nav': '' }, o.sources.map((s) => h('li', {},
      h('a', { href: `/facts${qs({ source: s.source })}` }, s.source), ' ', h('small', {}, plural(s.documents, 'document')))))));
  grid.append(h('section', { class: 'card' }, h('h2', {}, 'Relations'),
    o.relations.length ? h('ul', { class: 'chips', 'data-nav': '' }, o.relations.map((r) => h('li', {},
      h('a', { href: `/facts${qs({ relation: r.relation })}`, style: `--rel:${relationColor(r.relation)}`, class: 'chip' },
        relationName(r.relation), h('small', {}, r.facts.toLocaleString('en'))))))
      : empty(...noFacts())));
  grid.append(h('section', { class: 'card' }, h('h2', {}, 'Entities by type'),
    h('ul', { class: 'chips', 'data-nav': '' }, o.types.map((t) => h('li', {},
      h('a', { class: 'chip', href: `/entities${qs({ type: t.type })}` }, h('span', { class: `dot t-${t.type}` }),
        TYPE_LABEL[t.type] || t.type, h('small', {}, t.entities.toLocaleString('en'))))))));
  grid.append(h('section', { class: 'card wide' }, h('h2', {}, 'Recent facts'),
    o.recent_facts.length ? factList(o.recent_facts) : empty(...noFacts())));
  if (o.years.length > 1)
    grid.append(h('section', { class: 'card wide' }, h('h2', {}, 'Documents by year'),
      yearBars(o.years.map((y) => ({ year: y.year, relation: 'documents', facts: y.documents })), { single: '#457b9d', unit: 'document' })));
  page.append(grid);
  return page;
}
