// timeline.js - bars per year, stacked and coloured by relation, as SVG
// (no library): rows [{year, relation, facts}]; every year between the first
// and the last gets a slot, so gaps show.
import { h, s, plural } from './dom.js';
import { relationColor, relationName } from './facts.js';

export function yearBars(rows, { single = null, unit = 'fact', onYear = null } = {}) {
  if (!rows.length) return null;
  const years = rows.map((r) => r.year);
  const y0 = Math.min(...years), y1 = Math.max(...years);
  const byYear = new Map();
  for (const r of rows) {
    if (!byYear.has(r.year)) byYear.set(r.year, []);
    byYear.get(r.year).push(r);
  }
  const max = Math.max(...[...byYear.values()].map((l) => l.reduce((a, r) => a + r.facts, 0)));
  // A fixed 720-unit width: few years get wide slots, bars at most 56 wide.
  const n = y1 - y0 + 1, W = 720, slot = (W - 44) / n, bw = Math.min(56, slot * 0.8), H = 170, top = 10, bottom = 24;
  const scale = (H - top - bottom) / max;
  const svg = s('svg', { viewBox: `0 0 ${W} ${H}`, class: 'bars', role: 'img',
                         'aria-label': `${unit}s per year, ${y0} to ${y1}` });
  svg.append(s('line', { x1: 30, x2: W - 5, y1: H - bottom, y2: H - bottom, class: 'axis' }));
  svg.append(s('text', { x: 26, y: top + 8, class: 'tick', 'text-anchor': 'end' }, String(max)));
  for (let y = y0; y <= y1; y++) {
    const x = 34 + (y - y0) * slot + (slot - bw) / 2;
    let base = H - bottom;
    const g = s('g', { class: 'year', 'data-year': y });
    for (const r of byYear.get(y) || []) {
      const hgt = Math.max(1, r.facts * scale);
      base -= hgt;
      g.append(s('rect', { x, y: base, width: bw, height: hgt, rx: 2, fill: single || relationColor(r.relation) },
        s('title', {}, `${y}: ${plural(r.facts, unit)}${single ? '' : ` (${relationName(r.relation)})`}`)));
    }
    if (onYear && byYear.has(y)) { g.style.cursor = 'pointer'; g.addEventListener('click', () => onYear(y)); }
    svg.append(g);
    if (n <= 16 || (y - y0) % Math.ceil(n / 16) === 0)
      svg.append(s('text', { x: x + bw / 2, y: H - 8, class: 'tick', 'text-anchor': 'middle' }, String(y)));
  }
  const rels = single ? [] : [...new Set(rows.map((r) => r.relation))];
  return h('figure', { class: 'timeline' }, svg, rels.length ? h('figcaption', { class: 'legend' }, rels.map((r) =>
    h('span', {}, h('i', { style: `background:${relationColor(r)}` }), relationName(r)))) : null);
}
