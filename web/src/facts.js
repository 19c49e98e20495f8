// facts.js - how a fact reads: "Dana Whitfield — attended — Northgate
// Digital Summit — 2019 — 2 sources", negated facts struck through and
// marked "did not", planned ones marked "expected"; relation colours.
import { h, plural } from './dom.js';

const PHRASES = {
  attended: ['attended', 'did not attend'],
  invited_to: ['invited to', 'not invited to'],
  role: ['role at', 'no role at'],
  owns: ['owns', 'does not own'],
  based_in: ['based in', 'not based in'],
  blocked_in: ['blocked in', 'not blocked in'],
  held_in: ['held in', 'not held in'],
  hosted: ['hosted', 'did not host'],
  said: ['said', 'did not say'],
};

const MODALITY = { planned: 'expected', former: 'former', hedged: 'reportedly', reported: 'reported' };

export const relationName = (r) => (PHRASES[r] ? PHRASES[r][0] : r.replace(/_/g, ' '));

// The phrase of a fact's relation, with its title for roles.
export function phrase(f) {
  const [pos, neg] = PHRASES[f.relation] || [relationName(f.relation), `not ${relationName(f.relation)}`];
  if (f.relation === 'role' && f.title) return f.polarity === 'negative' ? `not ${f.title} of` : `${f.title} of`;
  return f.polarity === 'negative' ? neg : pos;
}

const PALETTE = ['#2a9d8f', '#e76f51', '#457b9d', '#f4a261', '#8e7dbe', '#e9c46a', '#6a994e', '#d62828',
                 '#118ab2', '#bc6c25', '#7f5539', '#ff006e'];
const FIXED = { attended: 0, role: 2, invited_to: 3, held_in: 4, based_in: 6, owns: 7, said: 5, hosted: 8,
                blocked_in: 1 };

export function relationColor(r) {
  if (r in FIXED) return PALETTE[FIXED[r]];
  let x = 0;
  for (const c of r) x = (x * 31 + c.charCodeAt(0)) >>> 0;
  return PALETTE[x % PALETTE.length];
}

export const TYPE_LABEL = { PERSON: 'person', ORG: 'organisation', GPE: 'place', LOC: 'location',
                            EVENT: 'event', PRODUCT: 'product', MISC: 'other', LITERAL: 'quote' };

export function entityLink(id, name, type) {
  if (id == null) return h('q', { class: 'literal' }, name);
  const href = type === 'EVENT' ? `/event/${id}` : `/entity/${id}`;
  return h('a', { href, class: `ent t-${type}`, title: TYPE_LABEL[type] || type }, name);
}

function badges(f) {
  const out = [];
  if (MODALITY[f.modality]) out.push(h('span', { class: `badge m-${f.modality}` }, MODALITY[f.modality]));
  return out;
}

// One fact as a list item; `self` (an entity id) is written plainly.
export function factLine(f, self) {
  const arg = (id, name, type) => (id === self ? h('span', { class: 'self' }, name) : entityLink(id, name, type));
  const neg = f.polarity === 'negative';
  return h('li', { class: `fact${neg ? ' is-neg' : ''}${f.modality === 'planned' ? ' is-planned' : ''}` },
    arg(f.subject_id, f.subject, f.subject_type), h('span', { class: 'sep' }, ' — '),
    h('a', { class: 'rel', href: `/fact/${f.id}`, title: 'Open the evidence',
             style: `--rel:${relationColor(f.relation)}` }, phrase(f)),
    h('span', { class: 'sep' }, ' — '), arg(f.object_id, f.object, f.object_type),
    f.year ? [h('span', { class: 'sep' }, ' — '), h('span', { class: 'year' }, f.time && f.time.length > 4 ? f.time : f.year)] : null,
    h('span', { class: 'sep' }, ' — '), h('span', { class: 'src' }, plural(f.sources || 0, 'source')),
    ' ', badges(f));
}

export function factList(facts, self) {
  return h('ul', { class: 'facts', 'data-nav': '' }, facts.map((f) => factLine(f, self)));
}
