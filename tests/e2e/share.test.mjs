// Journalists and open-data users: embeds, the embed snippet on another site, share,
// exports, and the site served under a sub-path as GitHub Pages does.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { useSite, serveStatic, newPage, ROOT, laureates } from './harness.mjs';

const site = useSite();

// Expected counts, from data/projects.csv.
const ROWS = laureates();
const where = (test) => ROWS.filter(test).length;

const NO_PROJECT = '#e0e0e0';
const waitCount = (page, n) =>
  page.waitForFunction((n) => document.querySelector('[data-testid="result-count"]')?.dataset.count === String(n), n);

test('the embed route has no site chrome, honours the filters, plain and dark', async () => {
  const page = await newPage(site.browser);
  await page.goto(`${site.url}/embed/map/?theme=mobility-logistics`);
  await page.getByTestId('map').locator('path').first().waitFor();
  assert.equal(await page.getByTestId('app-header').count(), 0);
  assert.equal(await page.locator('nav').count(), 0);
  assert.equal(await page.getByTestId('map-commune-52011').getAttribute('fill'), NO_PROJECT);
  assert.notEqual(await page.getByTestId('map-commune-25121').getAttribute('fill'), NO_PROJECT);
  const credit = page.getByTestId('embed-credit');
  assert.match(await credit.textContent(), /Source/);
  // The full view: the same filters on the site, without the embed's render options.
  const full = new URL(await credit.locator('a').getAttribute('href'), page.url()).href;
  assert.match(full, /^http:\/\/127\.0\.0\.1:\d+\/\?theme=mobility-logistics$/);
  assert.equal(await page.locator('h1').count(), 1);

  await page.goto(`${site.url}/embed/table/?theme=mobility-logistics&plain=1&dark=on`);
  await page.getByTestId('results-table').locator('tbody tr').first().waitFor();
  assert.equal(await page.locator('[data-testid="results-table"] tbody tr').count(), where((p) => p.theme === 'mobility-logistics'));
  assert.equal(await page.getByTestId('embed-credit').count(), 0);
  assert.equal(await page.locator('h1').count(), 0);
  assert.equal(await page.locator('html').getAttribute('data-theme'), 'dark');
  const background = await page.evaluate(() => getComputedStyle(document.body).backgroundColor);
  assert.notEqual(background, 'rgb(255, 255, 255)');
  // A project's link in the table embed opens its page (another app's, loaded whole).
  const first = page.locator('[data-testid="results-table"] tbody tr a[href*="/project/"]').first();
  const project = new URL(await first.getAttribute('href'), page.url()).pathname;
  await first.click();
  await page.getByTestId('project-page').waitFor();
  assert.equal(new URL(page.url()).pathname, project);
  assert.deepEqual(page.errors, []);
});

test('a click on the embedded map selects its commune in the frame, not in the reader\'s history', async () => {
  const page = await newPage(site.browser);
  const address = `${site.url}/embed/map/?theme=mobility-logistics`;
  await page.goto(address);
  const commune = page.getByTestId('map-commune-25121');
  await commune.waitFor();
  const filled = () => page.evaluate((none) =>
    [...document.querySelectorAll('[data-testid^="map-commune-"]')].filter((path) => path.getAttribute('fill') !== none).length, NO_PROJECT);
  const before = await filled();
  const history = await page.evaluate(() => history.length);
  await commune.click();
  await page.waitForFunction(() => document.querySelector('[data-testid="map-commune-25121"]').getAttribute('aria-pressed') === 'true');
  // The map shows the commune's projects of the theme only: fewer communes filled.
  assert.notEqual(await commune.getAttribute('fill'), NO_PROJECT);
  assert.ok(await filled() < before, `${await filled()} communes filled, ${before} before`);
  // The full view follows the embed's state; the address and the history do not move.
  const full = new URL(await page.getByTestId('embed-credit').locator('a').getAttribute('href'), page.url());
  assert.equal(full.pathname, '/');
  assert.equal(full.searchParams.get('theme'), 'mobility-logistics');
  assert.equal(full.searchParams.get('commune'), '25121');
  assert.equal(page.url(), address);
  assert.equal(await page.evaluate(() => history.length), history);
  // A host answering another address with the map embed's page: "page not found".
  const html = await (await page.request.get(`${site.url}/embed/map/`)).text();
  await page.route(`${site.url}/embed/mapping/`, (route) => route.fulfill({ status: 200, contentType: 'text/html', body: html }));
  await page.goto(`${site.url}/embed/mapping/`);
  await page.locator('h1').waitFor();
  assert.equal(await page.getByTestId('map').count(), 0);
  assert.deepEqual(page.errors, []);
});

test('the embed snippet, pasted in a page of another site, loads and resizes to its content', async () => {
  const page = await newPage(site.browser, { viewport: { width: 1280, height: 900 } });
  await page.goto(`${site.url}/?theme=governance-citizenship`);
  await waitCount(page, where((p) => p.theme === 'governance-citizenship'));
  await page.getByTestId('embed-button').click();
  await page.getByTestId('embed-view').selectOption('table');
  const snippet = await page.getByTestId('embed-snippet').inputValue();
  assert.match(snippet, /<iframe src="http:\/\/127\.0\.0\.1:\d+\/embed\/table\/\?theme=governance-citizenship[^"]*" title="[^"]+" loading="lazy"/);
  assert.match(snippet, /<script src="http:\/\/127\.0\.0\.1:\d+\/embed\.js" async><\/script>/);

  const host = fs.mkdtempSync(path.join(os.tmpdir(), 'sre-host-'));
  fs.writeFileSync(path.join(host, 'index.html'), `<!doctype html><html><head><meta charset="utf-8"><title>Article</title></head><body><h1>Article</h1>${snippet}<p>End.</p></body></html>`);
  const hostServer = await serveStatic(host);
  try {
    const article = await newPage(site.browser, { viewport: { width: 1000, height: 900 } });
    await article.goto(`${hostServer.url}/`);
    const frame = article.frameLocator('iframe[data-sre-embed]');
    await frame.getByTestId('results-table').locator('tbody tr').first().waitFor();
    // embed.js set the iframe's height from the embed's message (not the snippet's 600).
    await article.waitForFunction(() => /^\d+px$/.test(document.querySelector('iframe').style.height));
    const height = await article.evaluate(() => parseInt(document.querySelector('iframe').style.height, 10));
    assert.ok(height > 100 && height !== 600, `iframe height ${height}`);
    // A message of the right shape from another origin is ignored.
    await article.evaluate(() => window.postMessage({ type: 'sre-embed-height', height: 77 }, '*'));
    await article.waitForTimeout(200);
    assert.equal(await article.evaluate(() => document.querySelector('iframe').style.height), `${height}px`);
  } finally {
    hostServer.stop();
    fs.rmSync(host, { recursive: true, force: true });
  }
});

async function download(page, testid) {
  // The exports sit in the toolbar's "Télécharger" menu.
  if (!(await page.getByTestId(testid).isVisible())) await page.getByTestId('download-menu-button').click();
  const [file] = await Promise.all([page.waitForEvent('download'), page.getByTestId(testid).click()]);
  return fs.readFileSync(await file.path());
}

test('exports hold exactly the filtered rows, with a header and the credit', async () => {
  const page = await newPage(site.browser, { acceptDownloads: true });
  // A theme whose projects name communes, so that the GeoJSON has values to check.
  await page.goto(`${site.url}/?theme=mobility-logistics`);
  await waitCount(page, where((p) => p.theme === 'mobility-logistics'));
  const shown = Number(await page.getByTestId('result-count').getAttribute('data-count'));

  const csv = (await download(page, 'export-csv')).toString('utf8');
  const lines = csv.trimEnd().split('\n');
  assert.match(lines[0], /^# Source: Smart Région Explorer/);
  assert.match(lines[1], /^id,call,title,/);
  assert.equal(lines.length - 2, shown);

  await page.getByTestId('download-menu-button').click();
  await page.getByTestId('export-csv-spreadsheet').check();
  const sheet = await download(page, 'export-csv');
  assert.deepEqual([...sheet.subarray(0, 3)], [0xef, 0xbb, 0xbf]);
  assert.match(sheet.toString('utf8').split('\n')[1], /^id;call;title;/);

  const json = JSON.parse((await download(page, 'export-json')).toString('utf8'));
  assert.equal(json.projects.length, shown);
  assert.equal(json.metadata.count, shown);

  const geojson = JSON.parse((await download(page, 'export-geojson')).toString('utf8'));
  assert.equal(geojson.type, 'FeatureCollection');
  assert.equal(geojson.features.length, 262);
  assert.ok(geojson.features.every((f) => f.geometry.type === 'MultiPolygon'));
  // The default metric: each commune's number of filtered projects (a project counts
  // once in each of its communes), null where there is none.
  // (Counted from the JSON export's projects, which carry their communes' NIS codes.)
  const expected = {};
  for (const p of json.projects) {
    for (const nis of new Set(p.municipalities ?? [])) expected[nis] = (expected[nis] ?? 0) + 1;
  }
  assert.ok(Object.keys(expected).length > 0, 'the filtered projects name communes');
  const inMap = new Set(geojson.features.map((f) => f.properties.nis));
  const values = Object.fromEntries(geojson.features.filter((f) => f.properties.value !== null)
    .map((f) => [f.properties.nis, f.properties.value]));
  assert.deepEqual(values, Object.fromEntries(Object.entries(expected).filter(([nis]) => inMap.has(nis))));
  assert.ok(geojson.features.every((f) => f.properties.metric === 'projects'));

  const svg = (await download(page, 'export-svg')).toString('utf8');
  assert.match(svg, /^<svg[^>]*xmlns="http:\/\/www\.w3\.org\/2000\/svg"/);
  assert.equal((svg.match(/data-testid="map-commune-/g) || []).length, 262);
  const png = await download(page, 'export-png');
  assert.deepEqual([...png.subarray(0, 8)], [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  assert.ok(png.length > 5000);
});

test('share copies the permalink of the current state', async () => {
  const context = await site.browser.newContext();
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: site.url });
  const page = await context.newPage();
  await page.goto(`${site.url}/?status=completed`);
  await waitCount(page, where((p) => p.status === 'completed'));
  await page.getByTestId('share-button').click();
  await page.waitForFunction(() => document.querySelector('[data-testid="share-status"]')?.textContent.length > 0);
  const copied = await page.evaluate(() => navigator.clipboard.readText());
  assert.equal(copied, page.url());
  assert.match(copied, /status=completed/);
  await context.close();
});

test('the site served under a sub-path works for every kind of route', async () => {
  const siteDir = path.join(ROOT, 'target', 'site');
  const sub = await serveStatic(siteDir);
  try {
    const page = await newPage(site.browser);
    const base = `${sub.url}/smart-region-explorer`;
    const checks = [
      ['/', '[data-testid="map"] path'],
      ['/barometer/', 'h1'],
      ['/about/', '[data-dataset="municipalities"]'],
      ['/commune/62063/', '[data-testid="neighbours"] li'],
      ['/project/ti2019-ride-buy/', '[data-testid="project-page"] h1'],
      ['/embed/map/', '[data-testid="map"] path'],
    ];
    for (const [route, selector] of checks) {
      const response = await page.goto(`${base}${route}`);
      assert.equal(response.status(), 200, route);
      await page.locator(selector).first().waitFor();
    }
    await page.goto(`${base}/`);
    await page.getByRole('link', { name: 'Baromètre' }).click();
    await page.waitForURL(/\/smart-region-explorer\/barometer/);
    await page.getByRole('link', { name: 'Explorer', exact: true }).click();
    await page.getByTestId('facet-option-theme-mobility-logistics').click();
    await waitCount(page, where((p) => p.theme === 'mobility-logistics'));
    // Every navigation keeps the base path's trailing slash (a static host answers
    // /smart-region-explorer?… with a redirect).
    assert.match(page.url(), /\/smart-region-explorer\/\?theme=mobility-logistics/);
    const chip = page.getByTestId('active-filters').getByRole('link', { name: /Retirer le filtre/ });
    assert.match(await chip.getAttribute('href'), /^\/smart-region-explorer\/\?lang=fr$/);
    // The language switch goes through the router too, and keeps the slash.
    await page.getByTestId('lang-switch').selectOption('nl');
    await page.waitForURL(/\/smart-region-explorer\/\?theme=mobility-logistics&lang=nl$/);
    await page.getByTestId('lang-switch').selectOption('fr');
    await page.waitForURL(/lang=fr$/);
    // The import worker is found under the sub-path (by its hashed name).
    const csv = path.join(os.tmpdir(), `sre-sub-path-${process.pid}.csv`);
    fs.writeFileSync(csv, 'nis;valeur\n62063;1\n92094;2\n');
    await page.getByTestId('open-data-button').click();
    await page.getByTestId('open-data-file').setInputFiles(csv);
    await page.waitForFunction(() => document.querySelector('[data-testid="import-counts"]')?.dataset.kept === '2');
    fs.rmSync(csv);
    assert.deepEqual(page.errors, []);
    // An unknown path: GitHub Pages answers 404 with the site's 404.html, the app itself,
    // which says the page does not exist and keeps the navigation.
    const notFound = fs.readFileSync(path.join(siteDir, 'smart-region-explorer', '404.html'), 'utf8');
    // (The context's route: the page's service worker fetches the navigation.)
    await page.context().route(`${base}/no/such/page/`, (route) => route.fulfill({ status: 404, contentType: 'text/html', body: notFound }));
    const response = await page.goto(`${base}/no/such/page/`);
    assert.equal(response.status(), 404);
    await page.locator('main h1').waitFor();
    assert.match(await page.locator('main h1').textContent(), /introuvable|n’existe|n'existe/i);
    await page.getByRole('link', { name: 'Explorer', exact: true }).click();
    await page.getByTestId('map').locator('path').first().waitFor();
  } finally {
    sub.stop();
  }
});
