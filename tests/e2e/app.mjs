// app.mjs - the web UI end to end in a real browser (Debian's chromium
// driven by playwright-core from web/node_modules): open the app, search for
// a person, open their page, see the timeline and graph, click a fact, see
// the evidence sentence highlighted; the event table, the facts table and
// its CSV, a narrow screen, error and empty states, keyboard use.
// Screenshots go to $OUT (build/e2e).  Prints FIGURE lines (page weight,
// time to first render).  Exit 0 pass, 1 fail.
//
//   BASE=http://127.0.0.1:PORT OUT=build/e2e node tests/e2e/app.mjs
import { createRequire } from 'node:module';
import { mkdtempSync, mkdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const require = createRequire(new URL('../../web/package.json', import.meta.url));
const { chromium } = require('playwright-core');

const BASE = process.env.BASE;
const OUT = process.env.OUT || 'build/e2e';
const CHROMIUM = process.env.CHROMIUM || '/usr/bin/chromium';
mkdirSync(OUT, { recursive: true });

// A fresh profile per launch (launchPersistentContext takes its directory).
const launchOptions = {
  executablePath: CHROMIUM, headless: true, viewport: { width: 1280, height: 900 },
  // The app's Content-Security-Policy forbids eval; the test harness's own
  // page functions need it (the app itself is tested under the policy).
  bypassCSP: true,
  args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update',
    '--disable-sync', '--no-first-run', '--disable-dev-shm-usage'],
};

let failures = 0;
function check(ok, what) {
  console.log(`${ok ? 'ok  ' : 'FAIL'} ${what}`);
  if (!ok) failures++;
}

// Wait until the app has rendered the page of path (it sets data-ready).
const ready = (page, path) => page.waitForFunction((p) => document.documentElement.dataset.ready === p, path,
  { timeout: 10000 });

async function shot(page, name) {
  await page.screenshot({ path: join(OUT, `${name}.png`), fullPage: true });
}

// Bytes on the wire (compressed) and time to first contentful paint and to
// the page's data being shown, for a cold load of url.
async function coldLoad(context, url, path) {
  const page = await context.newPage();
  await page.goto(url);
  await ready(page, path);
  const m = await page.evaluate(() => {
    const nav = performance.getEntriesByType('navigation')[0];
    const res = performance.getEntriesByType('resource');
    const fcp = performance.getEntriesByName('first-contentful-paint')[0];
    const bytes = nav.transferSize + res.reduce((a, r) => a + r.transferSize, 0);
    const body = nav.decodedBodySize + res.reduce((a, r) => a + r.decodedBodySize, 0);
    const shown = performance.getEntriesByName('first-page')[0];
    return { bytes, body, fcp: fcp ? Math.round(fcp.startTime) : -1, n: res.length + 1,
             shown: shown ? Math.round(shown.startTime) : -1,
             api: res.filter((r) => r.name.includes('/api/')).map((r) => `${new URL(r.name).pathname} ${Math.round(r.responseEnd - r.startTime)}ms`) };
  });
  return { page, readyMs: m.shown, ...m };
}

async function main() {
  const profile = mkdtempSync(join(tmpdir(), 'ng-e2e-'));
  const context = await chromium.launchPersistentContext(profile, launchOptions);
  const errors = [];
  context.on('weberror', (e) => errors.push(String(e.error())));
  try {
    // ---------------------------------------------------------- home
    const home = await coldLoad(context, `${BASE}/`, '/');
    const page = home.page;
    page.on('console', (m) => m.type() === 'error' && !/status of 404/.test(m.text()) && errors.push(m.text()));
    console.log(`FIGURE home page: ${home.n} requests, ${(home.bytes / 1024).toFixed(1)} KB transferred ` +
      `(${(home.body / 1024).toFixed(1)} KB uncompressed), first contentful paint ${home.fcp} ms, ` +
      `data shown ${home.readyMs} ms (${home.api.join(', ')})`);
    check(await page.locator('h1').textContent() === 'Overview', 'home: overview heading');
    check(await page.locator('.stat').first().textContent() === '6documents', 'home: 6 documents at a glance');
    check(await page.locator('.ranked a.ent').count() > 0, 'home: top entities listed');
    await shot(page, 'home');

    // ------------------------------------- search with suggestions, keyboard
    await page.keyboard.press('/');
    check(await page.evaluate(() => document.activeElement.id) === 'q', '"/" focuses the search box');
    await page.keyboard.type('Whitf');
    await page.locator('#suggest li', { hasText: 'Dana Whitfield' }).waitFor();
    await shot(page, 'suggest');
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('Enter');
    await page.waitForURL(/\/entity\/\d+$/);
    const entityPath = new URL(page.url()).pathname;
    await ready(page, entityPath);
    check(await page.locator('h1').textContent() === 'Dana Whitfield', 'suggestion opens the entity page');
    check((await page.locator('.aliases').textContent()).includes('Whitfield'), 'entity: aliases shown');
    check(await page.locator('.roles li', { hasText: 'chief executive' }).count() === 1, 'entity: role listed');
    check(await page.locator('#timeline .bar i').count() >= 4, 'entity: timeline bars drawn');
    check(await page.locator('.fact.is-planned .badge', { hasText: 'expected' }).count() >= 1, 'entity: planned fact marked expected');
    await page.locator('#graph[data-nodes]').waitFor({ timeout: 10000 });
    check(Number(await page.locator('#graph').getAttribute('data-nodes')) >= 3, 'entity: graph has its neighbours');
    check(await page.locator('#graph canvas').count() > 0, 'entity: graph drawn on canvas');
    await page.waitForTimeout(300);
    await shot(page, 'entity');

    // ---------------------------------------- a fact opens its evidence
    const fact = page.locator('#facts .fact', { hasText: 'Northgate Digital Summit' }).filter({ hasText: '2019' }).locator('a.rel').first();
    await fact.click();
    await page.waitForURL(/\/fact\/\d+/);
    await ready(page, new URL(page.url()).pathname);
    const mark = page.locator('mark#evidence');
    await mark.waitFor();
    const sentence = await mark.textContent();
    check(sentence.startsWith('Dana Whitfield, chief executive of Lumen Robotics, attended'), `evidence sentence highlighted: "${sentence}"`);
    check(await mark.locator('a.mention').count() >= 2, 'evidence: entities underlined inside the sentence');
    check((await page.locator('.doc-head .meta').textContent()).includes('The Harbour Ledger'), 'evidence: source and date shown');
    check(await mark.isVisible(), 'evidence: sentence scrolled into view');
    await shot(page, 'evidence');

    // UTF-8 offsets: the sentence after a non-ASCII name is marked exactly.
    await page.goto(`${BASE}/facts?relation=attended&subject=Ferreira&year=2019`);
    await ready(page, '/facts');
    await page.locator('.table a.rel').first().click();
    await page.locator('mark#evidence').waitFor();
    check(await page.locator('mark#evidence').textContent() === 'Tomás Ferreira, the founder of Orbital Freight, also attended.',
      'evidence: byte offsets after non-ASCII text map to the right characters');

    // ------------------------------------------------------- event table
    await page.goto(`${BASE}/entities?type=EVENT`);
    await ready(page, '/entities');
    await page.locator('.entities a', { hasText: 'Northgate Digital Summit' }).click();
    await page.waitForURL(/\/event\/\d+/);
    const eventPath = new URL(page.url()).pathname;
    await page.goto(`${BASE}${eventPath}?year=2022`);
    await ready(page, eventPath);
    const row = (who) => page.locator('.matrix tbody tr', { hasText: who });
    const cols = await page.locator('.matrix thead th').allTextContents();
    const col2022 = cols.indexOf('2022'), col2019 = cols.indexOf('2019');
    check(col2019 > 0 && col2022 > 0, 'event: editions 2019 and 2022 are columns');
    const cellText = async (who, col) => (await row(who).locator('th, td').nth(col).locator('.sym').textContent()).trim();
    check(await cellText('Dana Whitfield', col2022) === '✓', 'event: Whitfield attended 2022 (✓)');
    check(await cellText('Ravi Castellan', col2022) === '✗', 'event: Castellan stayed away 2022 (✗)');
    check(await cellText('Aiko Marsh', col2019) === '✗', 'event: Marsh stayed away 2019 (✗)');
    check(await page.locator('.matrix td.marked').count() > 0, 'event: ?year=2022 marks that edition');
    check(await page.locator('.editions li', { hasText: 'Port Elsa' }).count() === 3, 'event: three editions held in Port Elsa');
    await shot(page, 'event');
    await row('Ravi Castellan').locator('td').nth(col2022 - 1).locator('a').click();
    await page.locator('mark#evidence').waitFor();
    check((await page.locator('mark#evidence').textContent()).includes('Ravi Castellan did not attend'), 'event: a cell opens its evidence');

    // ------------------------------------------------------- facts table
    await page.goto(`${BASE}/facts?relation=attended&polarity=negative`);
    await ready(page, '/facts');
    check(await page.locator('.table tbody tr').count() === 3, 'facts: filters in the URL (3 did-not-attend facts)');
    check(await page.locator('.table tbody tr.is-neg').count() === 3, 'facts: negated facts struck through');
    const csvHref = await page.locator('a[download]').getAttribute('href');
    const csv = await (await page.request.get(`${BASE}${csvHref}`)).text();
    check(csv.split('\r\n')[0].startsWith('id,relation,subject_id,subject') && csv.trim().split('\r\n').length === 4,
      'facts: CSV download holds the same 3 facts');
    await page.evaluate(() => delete document.documentElement.dataset.ready);
    await page.selectOption('select[name=polarity]', '');
    await page.waitForURL((u) => !u.search.includes('polarity'));
    await ready(page, '/facts');
    check(await page.locator('.table tbody tr').count() === 9, 'facts: changing a filter updates the table and URL');
    await shot(page, 'facts');

    // ------------------------------------- arrows move in lists
    await page.goto(`${BASE}/`);
    await ready(page, '/');
    await page.locator('.ranked a.ent').first().focus();
    await page.keyboard.press('ArrowDown');
    const focused = await page.evaluate(() => document.activeElement.textContent);
    const second = await page.locator('.ranked a.ent').nth(1).textContent();
    check(focused === second, 'arrow keys move down a list');

    // ------------------------------------------- error and empty states
    await page.goto(`${BASE}/entity/999999`);
    await ready(page, '/entity/999999');
    check((await page.locator('.state.error').textContent()).includes('no entity 999999'), 'error state: unknown entity');
    await page.goto(`${BASE}/search?q=zzzzqqq`);
    await ready(page, '/search');
    check(await page.locator('.state.empty').count() === 2, 'empty state: a search that finds nothing');
    await page.goto(`${BASE}/search?q=summit`);
    await ready(page, '/search');
    check(await page.locator('.sentences mark').count() > 0, 'search: matching words marked in sentences');
    await shot(page, 'search');

    // ------------------------------------------------ a narrow screen
    const phone = await context.newPage();
    await phone.setViewportSize({ width: 390, height: 844 });
    await phone.goto(`${BASE}${entityPath}`);
    await ready(phone, entityPath);
    await phone.locator('#graph[data-nodes]').waitFor({ timeout: 10000 });
    const overflow = await phone.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    check(overflow <= 1, `narrow screen: no sideways scrolling (${overflow}px)`);
    await shot(phone, 'entity-narrow');
    await phone.goto(`${BASE}${eventPath}`);
    await ready(phone, eventPath);
    const overflow2 = await phone.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    check(overflow2 <= 1, `narrow screen: the event table scrolls inside its card (${overflow2}px)`);
    await shot(phone, 'event-narrow');

    // Cold load of an entity page (fresh profile): what the graph library adds.
    const profile2 = mkdtempSync(join(tmpdir(), 'ng-e2e-'));
    const cold = await chromium.launchPersistentContext(profile2, launchOptions);
    try {
      const ent = await coldLoad(cold, `${BASE}${entityPath}`, entityPath);
      await ent.page.locator('#graph[data-nodes]').waitFor({ timeout: 10000 });
      const all = await ent.page.evaluate(() => performance.getEntriesByType('resource').reduce((a, r) => a + r.transferSize, 0)
        + performance.getEntriesByType('navigation')[0].transferSize);
      console.log(`FIGURE entity page (cold, with the graph library): ${(all / 1024).toFixed(1)} KB transferred, ` +
        `first contentful paint ${ent.fcp} ms, data shown ${ent.readyMs} ms`);
    } finally {
      await cold.close();
      rmSync(profile2, { recursive: true, force: true });
    }

    check(errors.length === 0, `no script errors${errors.length ? `: ${errors.join(' | ')}` : ''}`);
  } finally {
    await context.close();
    rmSync(profile, { recursive: true, force: true });
  }
}

main().then(() => {
  console.log(failures ? `${failures} check(s) failed` : 'all browser checks passed');
  process.exit(failures ? 1 : 0);
}, (e) => {
  console.log(`FAIL ${e.stack || e}`);
  process.exit(1);
});
