// search.js - search results (entities whose names match, sentences that
// contain the words, matches marked) and the entities list.
import { api } from '../api.js';
import { h, qs, plural } from '../dom.js';
import { entityLink, TYPE_LABEL } from '../facts.js';
import { empty } from '../states.js';

// FTS marks matches with \x02 ... \x03.
function marked(text) {
  return text.split(/(\x02[^\x03]*\x03)/).map((p) => (p.startsWith('\x02') ? h('mark', {}, p.slice(1, -1)) : p));
}

function entityRows(items) {
  return h('ul', { class: 'entities', 'data-nav': '' }, items.map((e) => h('li', {},
    entityLink(e.id, e.name, e.type), ' ', h('small', {}, `${TYPE_LABEL[e.type] || e.type} · ${plural(e.documents, 'document')} · ${plural(e.facts, 'fact')}`))));
}

export async function searchPage(_, params) {
  const q = (params.get('q') || '').trim();
  const input = document.getElementById('q');
  if (input && document.activeElement !== input) input.value = q;
  const page = h('article', { class: 'search-page' }, h('h1', {}, q ? `Search: ${q}` : 'Search'));
  if (!q) {
    page.append(empty('Type a name or some words in the search box above.'));
    return page;
  }
  const sort = params.get('sort') === 'relevance' ? 'relevance' : 'recent';
  const [ents, sents] = await Promise.all([api(`/api/entities${qs({ q, limit: 20 })}`),
    api(`/api/search${qs({ q, sort, limit: 50 })}`).catch((e) => (e.status === 400 ? { items: [] } : Promise.reject(e)))]);
  page.append(h('section', { class: 'card' }, h('h2', {}, 'Entities', h('small', {}, ents.total)),
    ents.items.length ? entityRows(ents.items) : empty('No entity has this name.')));
  const order = h('p', { class: 'chips' }, [['recent', 'latest added first'], ['relevance', 'best match first']].map(([k, t]) =>
    h('a', { class: `chip${k === sort ? ' on' : ''}`, href: `/search${qs({ q, sort: k === 'recent' ? null : k })}` }, t)));
  page.append(h('section', { class: 'card wide' }, h('h2', {}, 'Sentences', h('small', {}, sents.items.length)), order,
    sents.items.length ? h('ul', { class: 'sentences', 'data-nav': '' }, sents.items.map((s) => h('li', {},
      h('a', { href: `/doc/${s.document_id}?span=${s.start_byte}-${s.end_byte}#evidence` }, marked(s.text)),
      h('small', {}, [s.title, s.publisher, s.date && s.date.slice(0, 10)].filter(Boolean).join(' · ')))))
      : empty('No sentence contains all these words.')));
  return page;
}

const PAGE = 50;

export async function entitiesPage(_, params) {
  const type = params.get('type') || '', q = params.get('q') || '';
  const offset = Math.max(0, Number(params.get('offset')) || 0);
  const r = await api(`/api/entities${qs({ type, q, limit: PAGE, offset })}`);
  const page = h('article', {}, h('h1', {}, type ? `Entities: ${TYPE_LABEL[type] || type}` : 'Entities'),
    h('p', { class: 'chips' }, ['', 'PERSON', 'ORG', 'GPE', 'LOC', 'EVENT', 'PRODUCT', 'MISC'].map((t) =>
      h('a', { class: `chip${t === type ? ' on' : ''}`, href: `/entities${qs({ type: t, q })}` }, t ? TYPE_LABEL[t] : 'all'))));
  if (!r.items.length) {
    page.append(empty('No entities yet — ingest some articles with ', h('code', {}, 'newsgraph ingest'), '.'));
    return page;
  }
  page.append(h('p', { class: 'meta' }, `${plural(r.total, 'entity', 'entities')}; showing ${offset + 1}–${offset + r.items.length}`));
  page.append(entityRows(r.items));
  const link = (o, text) => h('a', { class: 'button', href: `/entities${qs({ type, q, offset: o || null })}` }, text);
  page.append(h('nav', { class: 'pager' }, offset > 0 ? link(Math.max(0, offset - PAGE), '← Previous') : null,
    offset + PAGE < r.total ? link(offset + PAGE, 'Next →') : null));
  return page;
}
