// timeline.js - bars per year, stacked and coloured by relation, in plain
// HTML/CSS (scales with the page, no library): rows [{year, relation,
// facts}]; every year between the first and the last gets a column, so gaps
// show.  Hover a segment for its count.
import { h, plural } from './dom.js';
import { relationColor, relationName } from './facts.js';

export function yearBars(rows, { single = null, unit = 'fact' } = {}) {
  if (!rows.length) return null;
  const years = rows.map((r) => r.year);
  const y0 = Math.min(...years), y1 = Math.max(...years);
  const byYear = new Map();
  for (const r of rows) {
    if (!byYear.has(r.year)) byYear.set(r.year, []);
    byYear.get(r.year).push(r);
  }
  const total = (y) => (byYear.get(y) || []).reduce((a, r) => a + r.facts, 0);
  const n = y1 - y0 + 1, step = Math.ceil(n / 12);
  let max = 0;
  for (let y = y0; y <= y1; y++) max = Math.max(max, total(y));
  const cols = [];
  for (let y = y0; y <= y1; y++) {
    const list = byYear.get(y) || [];
    const t = total(y);
    cols.push(h('div', { class: 'col', 'data-year': y, title: `${y}: ${plural(t, unit)}` },
      h('div', { class: 'bar', style: `height:${(100 * t) / max}%` }, list.map((r) =>
        h('i', { style: `flex:${r.facts};background:${single || relationColor(r.relation)}`,
                 title: `${y}: ${plural(r.facts, unit)}${single ? '' : ` (${relationName(r.relation)})`}` }))),
      h('span', { class: 'label' }, (y - y0) % step === 0 ? String(y) : '')));
  }
  const rels = single ? [] : [...new Set(rows.map((r) => r.relation))];
  return h('figure', { class: 'timeline' },
    h('div', { class: 'bars', role: 'img', 'aria-label': `${unit}s per year, ${y0} to ${y1}, at most ${max}` },
      h('span', { class: 'max' }, String(max)), cols),
    rels.length ? h('figcaption', { class: 'legend' }, rels.map((r) =>
      h('span', {}, h('i', { style: `background:${relationColor(r)}` }), relationName(r)))) : null);
}
