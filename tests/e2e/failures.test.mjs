// Failure modes: a data file that 404s, never answers, or fails its SHA-256 check (or,
// without WebCrypto, its size check); the explorer's tools app that cannot be loaded; a
// slow network; a wasm panic. The app names what failed, offers Retry, keeps what
// loaded, and never leaves a blank page.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { useSite, newPage } from './harness.mjs';

const site = useSite();

const PROJECTS = '**/data/projects.*.json';
const BOUNDARIES = '**/data/boundaries-wallonia.*.json';

/** Errors the page logged other than the failed requests the test provoked. */
const unexpected = (page) => page.errors.filter((e) => !/Failed to load resource|status of 404/.test(e));

test('a dataset that answers 404 is named, the site shell works, and Retry loads it', async () => {
  const page = await newPage(site.browser);
  let broken = true;
  await page.route(PROJECTS, (route) => (broken ? route.fulfill({ status: 404, body: 'gone' }) : route.continue()));
  await page.goto(`${site.url}/`);
  const error = page.getByTestId('load-error');
  await error.waitFor();
  const text = await error.textContent();
  assert.match(text, /projects \(projects\.[0-9a-f]+\.json\): HTTP 404/);
  // The shell still works: the navigation leads to the About page.
  assert.ok(await page.locator('header nav').isVisible());
  broken = false;
  await page.getByTestId('retry').click();
  await page.getByTestId('map').locator('path').first().waitFor();
  assert.equal(await page.getByTestId('load-error').count(), 0);
  assert.deepEqual(unexpected(page), []);
});

test('a dataset altered after the build fails its SHA-256 check and says so', async () => {
  const page = await newPage(site.browser);
  await page.route(PROJECTS, async (route) => {
    const response = await route.fetch();
    const body = (await response.text()).replace('Namur', 'Nemur'); // same size, other bytes
    await route.fulfill({ response, body });
  });
  await page.goto(`${site.url}/`);
  const error = page.getByTestId('load-error');
  await error.waitFor();
  const text = await error.textContent();
  assert.match(text, /projects \(projects\.[0-9a-f]+\.json\): SHA-256 [0-9a-f]{64}, the catalog says [0-9a-f]{64}/);
  assert.match(text, /stale cache or an altered file/);
  assert.ok(await page.getByTestId('retry').isVisible());
  assert.deepEqual(unexpected(page), []);
});

test('without WebCrypto (a page outside a secure context) the files are checked by size alone', async () => {
  const page = await newPage(site.browser);
  // crypto.subtle exists only in a secure context (HTTPS or localhost).
  await page.addInitScript(() => Object.defineProperty(Crypto.prototype, 'subtle', { get: () => undefined }));
  await page.goto(`${site.url}/`);
  await page.waitForSelector('[data-testid="map"] path');
  assert.ok(Number(await page.getByTestId('result-count').getAttribute('data-count')) > 0);
  assert.equal(await page.getByTestId('load-error').count(), 0);
  // A file of another size is still refused, and named.
  await page.route(PROJECTS, async (route) => {
    const response = await route.fetch();
    await route.fulfill({ response, body: `${await response.text()} ` });
  });
  await page.reload();
  const error = page.getByTestId('load-error');
  await error.waitFor();
  assert.match(await error.textContent(), /projects \(projects\.[0-9a-f]+\.json\): size \d+ bytes, the catalog says \d+/);
  assert.deepEqual(unexpected(page), []);
});

test('without the boundaries the explorer still lists and filters; the map says why it is missing', async () => {
  const page = await newPage(site.browser, { viewport: { width: 1280, height: 1000 } });
  await page.route(BOUNDARIES, (route) => route.fulfill({ status: 404, body: '' }));
  await page.goto(`${site.url}/`);
  const error = page.getByTestId('load-error');
  await error.waitFor();
  assert.match(await error.textContent(), /boundaries-wallonia \(boundaries-wallonia\.[0-9a-f]+\.json\): HTTP 404/);
  const count = page.getByTestId('result-count');
  const before = Number(await count.getAttribute('data-count'));
  assert.ok(before > 0);
  await page.getByTestId('facet-option-theme-mobility-logistics').click();
  await page.waitForFunction((n) => Number(document.querySelector('[data-testid="result-count"]').dataset.count) < n, before);
  assert.equal(await page.getByTestId('export-geojson').isDisabled(), true);
  assert.equal(await page.getByTestId('export-csv').isDisabled(), false);
  assert.deepEqual(unexpected(page), []);
});

test('when the explorer\'s tools cannot be loaded, the toolbar says so and the explorer works', async () => {
  const page = await newPage(site.browser, { viewport: { width: 1280, height: 1000 } });
  // The app's script loads; its wasm does not (its start script reports it).
  await page.route('**/tools-app-*_bg.wasm', (route) => route.fulfill({ status: 404, body: '' }));
  await page.goto(`${site.url}/`);
  const note = page.getByTestId('toolbar').getByTestId('tools-unavailable');
  await note.waitFor();
  assert.match(await note.textContent(), /« Partager ».*rechargez la page/);
  assert.equal(await page.getByTestId('share-button').count(), 0);
  // The first screen does not depend on them: filters, count and map answer.
  const count = page.getByTestId('result-count');
  const before = Number(await count.getAttribute('data-count'));
  await page.getByTestId('facet-option-theme-mobility-logistics').click();
  await page.waitForFunction((n) => Number(document.querySelector('[data-testid="result-count"]').dataset.count) < n, before);
  assert.equal(await page.getByTestId('map').locator('[data-testid^="map-commune-"]').count(), 262);
  assert.deepEqual(unexpected(page), []);
});

test('a dataset that never answers times out after 30 s with a clear message', async () => {
  const page = await newPage(site.browser);
  await page.clock.install();
  await page.route(PROJECTS, () => {}); // never answered
  await page.goto(`${site.url}/`);
  await page.getByTestId('loading').waitFor();
  // Everything else has arrived (catalog + 2 of the explorer's 3 datasets) before the clock jumps.
  await page.waitForFunction(() => document.querySelector('[data-testid="loading-progress"]')?.value === 3);
  await page.clock.runFor(31_000);
  const error = page.getByTestId('load-error');
  await error.waitFor();
  assert.match(await error.textContent(), /projects \(projects\.[0-9a-f]+\.json\): no complete answer after 30 s/);
});

test('on a slow network the page shows progress from the first byte, then the explorer', async () => {
  const page = await newPage(site.browser);
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Network.emulateNetworkConditions', {
    offline: false, latency: 150, downloadThroughput: 512 * 1024, uploadThroughput: 512 * 1024,
  });
  let release;
  const gate = new Promise((resolve) => { release = resolve; });
  await page.route(BOUNDARIES, async (route) => { await gate; await route.continue(); });
  await page.goto(`${site.url}/`, { waitUntil: 'commit' });
  // Before the wasm arrives, the static page says it is loading.
  await page.getByTestId('boot').waitFor();
  // Then the app counts the data files as they arrive; the boundaries are held back.
  await page.waitForFunction(() => document.querySelector('[data-testid="loading-progress"]')?.value === 3);
  assert.match(await page.getByTestId('loading-files').textContent(), /3 fichiers sur 4/);
  assert.equal(await page.getByTestId('boot').count(), 0);
  release();
  await page.getByTestId('map').locator('path').first().waitFor({ timeout: 60_000 });
  assert.deepEqual(page.errors, []);
});

test('a wasm panic shows a readable error page, not a blank screen, with a link that loads the page again', async () => {
  const page = await newPage(site.browser);
  await page.goto(`${site.url}/?theme=mobility-logistics#map`);
  await page.getByTestId('map').locator('path').first().waitFor();
  // Called from a task of its own, as an event handler would be: the trap (a panic in a
  // build with -Cpanic=immediate-abort, or the abort after the hook) is then uncaught.
  await page.evaluate(() => { setTimeout(() => window.wasmBindings.simulate_panic()); });
  const message = page.getByTestId('panic-message');
  await message.waitFor();
  assert.equal(await message.getAttribute('role'), 'alert');
  // The panic's message in a build that keeps them, the trap's in one that does not.
  assert.match(await message.locator('pre').textContent(), /simulated panic \(test hook\)|RuntimeError: unreachable/);
  assert.ok((await message.locator('h1').textContent()).length > 0);
  // The link loads this address again (without its fragment, which would only scroll).
  const reload = page.getByTestId('panic-reload');
  assert.equal(await reload.textContent(), 'Recharger la page');
  await reload.click();
  await page.getByTestId('map').locator('path').first().waitFor();
  assert.equal(page.url(), `${site.url}/?theme=mobility-logistics`);
  assert.equal(await page.getByTestId('panic-message').count(), 0);
  assert.ok(await page.getByTestId('facet-option-theme-mobility-logistics').locator('input').isChecked());
});

test('an out-of-bounds memory access (an engine fault) loads the page again once; a second one in the tab shows the error page', async () => {
  const page = await newPage(site.browser);
  await page.goto(`${site.url}/?theme=mobility-logistics`);
  await page.getByTestId('map').locator('path').first().waitFor();
  // WebKitGTK's JavaScriptCore raises this trap now and then at start-up; here the page
  // gets one as it would (a RuntimeError reaching the window), with JavaScriptCore's words.
  const fault = () => page.evaluate(() => {
    window.beforeFault = true;
    setTimeout(() => window.dispatchEvent(new ErrorEvent('error', { error: new WebAssembly.RuntimeError('Out of bounds memory access') })));
  });
  const loaded = page.waitForEvent('load');
  await fault();
  await loaded;
  await page.getByTestId('map').locator('path').first().waitFor();
  assert.equal(await page.evaluate(() => window.beforeFault), undefined);
  assert.equal(page.url(), `${site.url}/?theme=mobility-logistics`);
  assert.equal(await page.getByTestId('panic-message').count(), 0);
  // The same fault again: shown, with the link to load the page again.
  await fault();
  const message = page.getByTestId('panic-message');
  await message.waitFor();
  assert.match(await message.locator('pre').textContent(), /Out of bounds memory access/);
  assert.equal(await page.getByTestId('panic-reload').count(), 1);
});
