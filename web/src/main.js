// main.js - the single-page app: routes (shareable URLs), links without
// reloads, the search box with suggestions, keyboard manners.
import './style.css';
import { newPage } from './api.js';
import { h } from './dom.js';
import { loading, failure } from './states.js';
import { home } from './pages/home.js';
import { entityPage } from './pages/entity.js';
import { eventPage } from './pages/event.js';
import { factPage, docPage } from './pages/evidence.js';
import { factsPage } from './pages/facts.js';
import { searchPage, entitiesPage } from './pages/search.js';

const app = document.getElementById('app');

const routes = [
  [/^\/$/, home],
  [/^\/search$/, searchPage],
  [/^\/entities$/, entitiesPage],
  [/^\/entity\/(\d+)$/, entityPage],
  [/^\/event\/(\d+)$/, eventPage],
  [/^\/fact\/(\d+)$/, factPage],
  [/^\/doc\/(\d+)$/, docPage],
  [/^\/facts$/, factsPage],
];

let seq = 0;

// Show the page of the current URL: a loading state after 150 ms, then the
// page, or an error with a retry.
async function render() {
  const mine = ++seq;
  newPage();
  const url = new URL(location.href);
  const route = routes.find(([re]) => re.test(url.pathname));
  const timer = setTimeout(() => mine === seq && app.replaceChildren(loading()), 150);
  let node;
  try {
    if (!route) throw Object.assign(new Error(`There is no page ${url.pathname}.`), { status: 404 });
    node = await route[1](url.pathname.match(route[0])[1], url.searchParams, url);
  } catch (e) {
    if (e.name === 'AbortError') return;
    node = failure(e, render);
  } finally {
    clearTimeout(timer);
  }
  if (mine !== seq) return;
  app.replaceChildren(node);
  document.title = (app.querySelector('h1')?.textContent || 'Overview') + ' · newsgraph';
  if (!url.hash) window.scrollTo(0, 0);
  app.dispatchEvent(new CustomEvent('rendered'));
  document.documentElement.dataset.ready = url.pathname;
  if (!performance.getEntriesByName('first-page').length) performance.mark('first-page'); // time to first data
}

export function navigate(href, replace = false) {
  if (replace) history.replaceState(null, '', href);
  else history.pushState(null, '', href);
  render();
}

// Same-origin links change the page without a reload.
document.addEventListener('click', (e) => {
  const a = e.target.closest('a[href]');
  if (!a || e.defaultPrevented || e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey || e.altKey) return;
  const href = a.getAttribute('href');
  if (!href.startsWith('/') || href.startsWith('/api/') || a.hasAttribute('download')) return;
  e.preventDefault();
  navigate(href);
});
window.addEventListener('popstate', render);

// ------------------------------------------------------------ search box
const input = document.getElementById('q');
const box = document.getElementById('suggest');
let items = [], active = -1, suggestTimer = 0;

function closeSuggest() {
  box.hidden = true;
  input.setAttribute('aria-expanded', 'false');
  input.removeAttribute('aria-activedescendant');
  active = -1;
}

function showSuggest(list) {
  items = list;
  active = -1;
  box.replaceChildren(...list.map((it, i) => h('li', { id: `sg-${i}`, role: 'option', 'data-href': it.href,
    onmousedown: (e) => { e.preventDefault(); pick(i); } },
  h('span', { class: `dot t-${it.type}` }), it.name, h('small', {}, it.note))));
  box.hidden = list.length === 0;
  input.setAttribute('aria-expanded', String(!box.hidden));
}

function pick(i) {
  const it = items[i];
  closeSuggest();
  if (it) { input.value = ''; input.blur(); navigate(it.href); }
}

function highlight(i) {
  active = (i + items.length) % items.length;
  box.querySelectorAll('li').forEach((li, k) => li.setAttribute('aria-selected', String(k === active)));
  input.setAttribute('aria-activedescendant', `sg-${active}`);
}

input.addEventListener('input', () => {
  clearTimeout(suggestTimer);
  const q = input.value.trim();
  if (q.length < 2) return closeSuggest();
  suggestTimer = setTimeout(async () => {
    try {
      const r = await fetch(`/api/suggest?q=${encodeURIComponent(q)}&limit=8`).then((x) => x.json());
      if (input.value.trim() !== q) return;
      const list = (r.items || []).map((e) => ({
        name: e.name, type: e.type, href: e.type === 'EVENT' ? `/event/${e.id}` : `/entity/${e.id}`,
        note: e.matched && e.matched !== e.name ? `as “${e.matched}”` : `${e.documents} docs` }));
      list.push({ name: `Search sentences for “${q}”`, type: 'TEXT', note: '', href: `/search?q=${encodeURIComponent(q)}` });
      showSuggest(list);
    } catch { closeSuggest(); }
  }, 120);
});

input.addEventListener('keydown', (e) => {
  if (box.hidden) return;
  if (e.key === 'ArrowDown') { e.preventDefault(); highlight(active + 1); }
  else if (e.key === 'ArrowUp') { e.preventDefault(); highlight(active - 1); }
  else if (e.key === 'Enter' && active >= 0) { e.preventDefault(); pick(active); }
  else if (e.key === 'Escape') closeSuggest();
});
input.addEventListener('blur', () => setTimeout(closeSuggest, 100));
input.form.addEventListener('submit', (e) => {
  e.preventDefault();
  const q = input.value.trim();
  closeSuggest();
  if (q) navigate(`/search?q=${encodeURIComponent(q)}`);
});

// ------------------------------------------------------------- keyboard
const typing = (el) => el && (el.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(el.tagName));

document.addEventListener('keydown', (e) => {
  if (e.key === '/' && !typing(document.activeElement) && !e.ctrlKey && !e.metaKey) {
    e.preventDefault();
    input.focus();
    input.select();
    return;
  }
  // Arrows move between the links of a list ([data-nav]).
  if (e.key !== 'ArrowDown' && e.key !== 'ArrowUp') return;
  const list = document.activeElement?.closest?.('[data-nav]');
  if (!list || typing(document.activeElement)) return;
  const links = [...list.querySelectorAll('a[href], button')];
  const i = links.indexOf(document.activeElement);
  if (i < 0) return;
  e.preventDefault();
  const step = e.key === 'ArrowDown' ? 1 : -1;
  // Move to the next line's first link, not the next link on the same line.
  const line = (el) => el.closest('li, tr') || el;
  let k = i;
  do k += step; while (k >= 0 && k < links.length && line(links[k]) === line(links[i]));
  if (k >= 0 && k < links.length) {
    // The same column of the other line (the evidence link stays the evidence link).
    const inLine = (el) => [...line(el).querySelectorAll('a[href], button')];
    const there = inLine(links[k]);
    (there[inLine(links[i]).indexOf(links[i])] || there[0]).focus();
  }
});

render();
