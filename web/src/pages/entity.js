// entity.js - one entity: name, type, aliases, roles, facts grouped by
// relation, a year timeline, and the neighbourhood graph.
import { api } from '../api.js';
import { h, plural } from '../dom.js';
import { factList, relationName, relationColor, TYPE_LABEL, entityLink } from '../facts.js';
import { empty, loading } from '../states.js';
import { yearBars } from '../timeline.js';

function roles(facts, id) {
  const list = facts.filter((f) => f.relation === 'role' && f.subject_id === id);
  if (!list.length) return null;
  return h('section', { class: 'card' }, h('h2', {}, 'Roles'), h('ul', { class: 'roles', 'data-nav': '' }, list.map((f) =>
    h('li', { class: f.polarity === 'negative' ? 'is-neg' : '' },
      h('b', {}, f.title || 'role'), ' of ', entityLink(f.object_id, f.object, f.object_type),
      f.year ? h('span', { class: 'year' }, ` · ${f.year}`) : null,
      f.modality === 'former' ? h('span', { class: 'badge m-former' }, 'former') : null,
      f.polarity === 'negative' ? h('span', { class: 'badge neg' }, 'not') : null,
      ' ', h('a', { class: 'ev', href: `/fact/${f.id}` }, 'evidence')))));
}

function grouped(facts, id, docs) {
  if (!facts.length)
    return [empty('No facts about it yet.'), docs.length ? [h('p', { class: 'hint' }, 'Mentioned in:'),
      h('ul', { class: 'entities', 'data-nav': '' }, docs.map((d) => h('li', {},
        h('a', { href: `/doc/${d.id}` }, d.title || d.doc), ' ', h('small', {}, d.date ? d.date.slice(0, 10) : ''))))] : null];
  const groups = new Map();
  for (const f of facts) {
    if (!groups.has(f.relation)) groups.set(f.relation, []);
    groups.get(f.relation).push(f);
  }
  return [...groups].map(([rel, list]) => h('div', { class: 'group' },
    h('h3', { style: `--rel:${relationColor(rel)}` }, relationName(rel), h('small', {}, list.length)),
    factList(list, id)));
}

// The graph library is loaded only here, after the rest of the page shows.
function graphCard(id) {
  const holder = h('div', { class: 'graph', id: 'graph', 'aria-label': 'Neighbourhood graph' }, loading('Drawing the graph…'));
  const card = h('section', { class: 'card wide' }, h('h2', {}, 'Neighbourhood'),
    h('p', { class: 'hint' }, 'Entities linked by facts; click a node to go there.'), holder);
  queueMicrotask(async () => {
    try {
      const [{ drawGraph }, g] = await Promise.all([import('../graph.js'), api(`/api/graph/${id}?limit=40`)]);
      if (!holder.isConnected) await new Promise((r) => setTimeout(r, 0));
      if (g.edges.length === 0) return holder.replaceWith(empty('No links to other entities yet.'));
      holder.replaceChildren();
      drawGraph(holder, g, id);
    } catch (e) {
      if (e.name !== 'AbortError') holder.replaceChildren(empty(`The graph could not be drawn: ${e.message}`));
    }
  });
  return card;
}

export async function entityPage(idText) {
  const id = Number(idText);
  const d = await api(`/api/entities/${id}`);
  const e = d.entity;
  const head = h('header', { class: 'entity-head' },
    h('h1', {}, e.name), h('span', { class: `type t-${e.type}` }, TYPE_LABEL[e.type] || e.type),
    d.aliases.length ? h('p', { class: 'aliases' }, 'Also: ', d.aliases.map((a, i) => [i ? ', ' : '', h('span', {}, a.alias)])) : null,
    h('p', { class: 'meta' }, `${plural(e.documents, 'document')} · ${plural(e.facts, 'fact')}`,
      e.first_seen ? ` · seen ${e.first_seen.slice(0, 10)} → ${e.last_seen.slice(0, 10)}` : '',
      e.type === 'EVENT' ? [' · ', h('a', { href: `/event/${e.id}` }, 'editions and participants')] : null,
      ' · ', h('a', { href: `/facts?entity=${e.id}` }, 'all facts as a table')));
  const timeline = d.years.length ? yearBars(d.years, { unit: 'fact' })
    : d.doc_years.length ? [h('p', { class: 'hint' }, 'No dated facts; documents mentioning it per year:'),
      yearBars(d.doc_years.map((y) => ({ year: y.year, relation: 'documents', facts: y.documents })), { single: '#9aa5b1', unit: 'document' })]
      : empty('Nothing dated yet.');
  return h('article', { class: 'entity' }, head,
    h('div', { class: 'grid' },
      roles(d.facts, id),
      h('section', { class: 'card wide', id: 'timeline' }, h('h2', {}, 'Timeline'), timeline),
      h('section', { class: 'card wide', id: 'facts' }, h('h2', {}, 'Facts'),
        d.facts.length < e.facts ? h('p', { class: 'hint' }, `The first ${d.facts.length} of ${e.facts} facts; `,
          h('a', { href: `/facts?entity=${e.id}` }, 'all of them in the facts table'), '.') : null,
        grouped(d.facts, id, d.documents || [])),
      graphCard(id)));
}
