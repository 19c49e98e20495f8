// evidence.js - a fact and the sentences it was read from (/fact/ID), and a
// document (/doc/ID): title, source, date, author, the body with the
// evidence sentence highlighted and every recognised entity underlined.
import { api } from '../api.js';
import { h, plural } from '../dom.js';
import { factLine, TYPE_LABEL } from '../facts.js';
import { empty } from '../states.js';

// UTF-8 byte offsets (as the store keeps them) to string indices.
function byteIndex(text) {
  const map = [];
  let i = 0;
  for (const ch of text) {
    const cp = ch.codePointAt(0);
    const n = cp < 0x80 ? 1 : cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4;
    for (let k = 0; k < n; k++) map.push(i);
    i += ch.length;
  }
  map.push(i);
  return (off) => map[Math.max(0, Math.min(off, map.length - 1))];
}

// The body as nodes: mentions as links, the span [hl.start, hl.end) marked.
function body(text, mentions, hl) {
  const at = byteIndex(text);
  const ms = [];
  let last = -1;
  for (const m of mentions) { // sorted by start, longest first: keep the non-overlapping ones
    if (m.start_byte < last) continue;
    ms.push({ s: at(m.start_byte), e: at(m.end_byte), m });
    last = m.end_byte;
  }
  const hs = hl ? at(hl.start) : -1, he = hl ? at(hl.end) : -1;
  const cuts = new Set([0, text.length, ...ms.flatMap((x) => [x.s, x.e])]);
  if (hl) { cuts.add(hs); cuts.add(he); }
  const points = [...cuts].sort((a, b) => a - b);
  const out = [];
  let mark = null, k = 0;
  for (let i = 0; i + 1 < points.length; i++) {
    const a = points[i], b = points[i + 1];
    while (k < ms.length && ms[k].e <= a) k++;
    const m = k < ms.length && ms[k].s <= a && a < ms[k].e ? ms[k].m : null;
    const piece = text.slice(a, b);
    const node = m ? h('a', { href: m.type === 'EVENT' ? `/event/${m.entity_id}` : `/entity/${m.entity_id}`,
      class: `mention t-${m.type}`, title: `${m.name} (${TYPE_LABEL[m.type] || m.type})` }, piece) : piece;
    if (hl && a >= hs && b <= he) {
      if (!mark) { mark = h('mark', { id: 'evidence', class: 'evidence', tabindex: '-1' }); out.push(mark); }
      mark.append(node);
    } else {
      out.push(node);
    }
  }
  return h('div', { class: 'body' }, out);
}

function docHead(doc) {
  return h('header', { class: 'doc-head' }, h('h1', {}, doc.title || doc.doc),
    h('p', { class: 'meta' }, [doc.publisher, doc.date && doc.date.slice(0, 10), doc.author && `by ${doc.author}`]
      .filter(Boolean).join(' · '),
    doc.url ? [' · ', h('a', { href: doc.url, rel: 'noopener noreferrer', target: '_blank' }, 'original')] : null,
    doc.dup_of ? [' · ', h('a', { href: `/doc/${doc.dup_of}` }, 'near-copy of an earlier article')] : null));
}

function docFacts(evidence, docId, current) {
  if (!evidence.length) return null;
  return h('section', { class: 'card' }, h('h2', {}, 'Facts read in this article'),
    h('ul', { class: 'facts', 'data-nav': '' }, evidence.map((v) => h('li', { class: v.fact === current ? 'current' : '' },
      h('a', { href: `/doc/${docId}?fact=${v.fact}#evidence` }, `${v.subject} — ${v.polarity === 'negative' ? 'not ' : ''}${v.relation.replace(/_/g, ' ')}${v.title ? ` (${v.title})` : ''} — ${v.object}`)))));
}

// The document with the evidence of fact (or the byte span) marked.
async function documentView(docId, fact, span) {
  const d = await api(`/api/documents/${docId}`);
  const ev = fact ? d.evidence.find((v) => v.fact === fact) : null;
  const hl = ev ? { start: ev.start_byte, end: ev.end_byte } : span;
  const view = h('div', { class: 'doc' }, docHead(d.document), body(d.document.body, d.mentions, hl),
    docFacts(d.evidence, docId, fact));
  requestAnimationFrame(() => view.querySelector('#evidence')?.scrollIntoView({ block: 'center' }));
  return view;
}

export async function factPage(idText, params) {
  const d = await api(`/api/facts/${Number(idText)}`);
  const f = d.fact;
  const pick = Math.min(Number(params.get('e')) || 0, Math.max(0, d.evidence.length - 1));
  const page = h('article', { class: 'evidence-page' },
    h('p', { class: 'crumb' }, 'Evidence for'),
    h('ul', { class: 'facts headline' }, factLine(f)));
  if (!d.evidence.length) {
    page.append(empty('This fact has no stored evidence.'));
    return page;
  }
  if (d.evidence.length > 1)
    page.append(h('nav', { class: 'sources', 'aria-label': 'Sources' }, h('span', {}, `${plural(d.evidence.length, 'source')}: `),
      d.evidence.map((v, i) => h('a', { href: `/fact/${f.id}?e=${i}`, 'aria-current': i === pick ? 'page' : null },
        `${v.publisher || v.doc}${v.date ? `, ${v.date.slice(0, 10)}` : ''}`))));
  const v = d.evidence[pick];
  page.append(await documentView(v.document_id, f.id, null));
  return page;
}

export async function docPage(idText, params) {
  const fact = Number(params.get('fact')) || null;
  const m = /^(\d+)-(\d+)$/.exec(params.get('span') || '');
  return documentView(Number(idText), fact, m ? { start: Number(m[1]), end: Number(m[2]) } : null);
}
