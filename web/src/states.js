// states.js - what a page shows while loading, when empty, after an error.
import { h } from './dom.js';

export const loading = (what = 'Loading…') => h('p', { class: 'state loading', role: 'status' }, what);

export const empty = (...text) => h('p', { class: 'state empty' }, ...text);

export function failure(err, retry) {
  const notFound = err.status === 404;
  return h('div', { class: 'state error', role: 'alert' },
    h('p', {}, h('strong', {}, notFound ? 'Not found. ' : 'Something went wrong. '), err.message),
    notFound ? h('p', {}, h('a', { href: '/' }, 'Back to the overview'))
      : h('p', {}, h('button', { type: 'button', onclick: retry }, 'Try again')));
}

export const noFacts = () => ['No facts yet — ingest some articles with ', h('code', {}, 'newsgraph ingest'), '.'];
