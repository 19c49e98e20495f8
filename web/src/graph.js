// graph.js - the neighbourhood graph with Cytoscape.js (bundled, no CDN):
// nodes coloured by type, edges labelled by relation, negated edges dashed;
// clicking a node opens its page.
import cytoscape from 'cytoscape';
import { relationColor, relationName } from './facts.js';

const TYPE_COLOR = { PERSON: '#f2b134', ORG: '#457b9d', GPE: '#2a9d8f', LOC: '#6a994e', EVENT: '#e76f51',
                     PRODUCT: '#8e7dbe', MISC: '#9aa5b1' };

export function drawGraph(holder, g, center) {
  const elements = [
    ...g.nodes.map((n) => ({ data: { id: String(n.id), label: n.name, type: n.type, center: n.center ? 1 : 0 } })),
    ...g.edges.map((e, i) => ({ data: { id: `e${i}`, source: String(e.source), target: String(e.target),
      label: (e.polarity === 'negative' ? 'not ' : '') + relationName(e.relation) + (e.facts > 1 ? ` ×${e.facts}` : ''),
      color: relationColor(e.relation), neg: e.polarity === 'negative' ? 1 : 0 } })),
  ];
  const cy = cytoscape({
    container: holder, elements, minZoom: 0.3, maxZoom: 3,
    // The entity in the middle, its neighbours on a ring around it.
    layout: { name: 'concentric', concentric: (n) => (n.data('center') ? 2 : 1), levelWidth: () => 1,
              minNodeSpacing: 70, padding: 30, animate: false },
    style: [
      { selector: 'node', style: { 'background-color': (n) => TYPE_COLOR[n.data('type')] || '#9aa5b1',
        label: 'data(label)', 'font-size': 11, 'text-valign': 'bottom', 'text-margin-y': 4, width: 22, height: 22,
        'text-wrap': 'wrap', 'text-max-width': 110, color: '#1d2733', 'text-background-color': '#fbfcfd',
        'text-background-opacity': 0.9, 'text-background-padding': 2 } },
      { selector: 'node[center = 1]', style: { width: 34, height: 34, 'border-width': 3, 'border-color': '#1f3a5f',
        'font-weight': 'bold' } },
      { selector: 'edge', style: { width: 1.5, 'line-color': 'data(color)', 'target-arrow-color': 'data(color)',
        'target-arrow-shape': 'triangle', 'curve-style': 'bezier', 'control-point-step-size': 70, label: 'data(label)', 'font-size': 9,
        'text-rotation': 'none', 'text-background-color': '#fff', 'text-background-opacity': 0.85,
        'text-background-padding': 1, color: '#3d4b5c' } },
      { selector: 'edge[neg = 1]', style: { 'line-style': 'dashed' } },
    ],
  });
  if (cy.zoom() > 1.3) cy.zoom({ level: 1.3, position: cy.getElementById(String(center)).position() });
  cy.center();
  cy.on('tap', 'node', (ev) => {
    const n = ev.target;
    if (Number(n.id()) === center) return;
    history.pushState(null, '', n.data('type') === 'EVENT' ? `/event/${n.id()}` : `/entity/${n.id()}`);
    window.dispatchEvent(new PopStateEvent('popstate')); // the app renders the new URL
  });
  holder.dataset.nodes = String(g.nodes.length);
  holder.dataset.edges = String(g.edges.length);
  return cy;
}
