// api.js - the JSON API of `newsgraph serve` (docs/api.md).
let current = new AbortController();

// Abort what the previous page asked for (a new page is being shown).
export function newPage() {
  current.abort();
  current = new AbortController();
}

// GET /api/... as JSON; throws an Error whose message says what to do.
export async function api(path) {
  let res;
  try {
    res = await fetch(path, { signal: current.signal, headers: { Accept: 'application/json' } });
  } catch (e) {
    if (e.name === 'AbortError') throw e;
    throw new Error('The server does not answer. Is `newsgraph serve` still running?');
  }
  let body = null;
  try { body = await res.json(); } catch { /* not JSON */ }
  if (!res.ok) {
    const err = new Error((body && body.error) || `The server answered ${res.status}.`);
    err.status = res.status;
    throw err;
  }
  return body;
}
