// "/data/": the explorer over a user's own dataset — an Opendatasoft-style export
// (";", BOM, decimal comma, commune names with accents and in Dutch, NIS codes, a
// year) profiled, filtered by facets, a range, a search and a map click, its filters
// kept in the address; shared, embedded and downloaded when opened from the site's
// own address; the site's own datasets as one-click examples.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { useSite, newPage, serveStatic, DIST, laureates } from './harness.mjs';

const site = useSite();

// Commune names as a publisher writes them, with their NIS code.
const COMMUNES = [
  ['Liège', '62063'], ['Luik', '62063'], ['Namur', '92094'], ['Bergen', '53053'],
  ['Écaussinnes', '55050'], ['Braine-l’Alleud', '25014'], ['ANS', '62003'], ['Charleroi', '52011'],
];
const THEMES = ['Mobilité', 'Énergie', 'Gouvernance'];
const TITLES = ['Vélos partagés', 'Panneaux solaires', 'Budget participatif', 'Éclairage public'];
// 48 rows: row i has commune i % 8, theme i % 3, year 2019 + i % 6, title i % 4
// numbered i (free text), amount (i + 1) × 100,5 written with a decimal comma; one
// more row names a commune nobody has, and one has too few fields.
const ROWS = Array.from({ length: 48 }, (_, i) => ({
  commune: COMMUNES[i % 8][0],
  nis: COMMUNES[i % 8][1],
  theme: THEMES[i % 3],
  year: 2019 + (i % 6),
  title: `${TITLES[i % 4]} ${i}`,
  amount: `${(i + 1) * 100},5`,
}));
const CSV = '\ufeffCommune;Code INS;Thème;Année;Titre du projet;Montant (€)\n'
  + ROWS.map((r) => [r.commune, r.nis, r.theme, r.year, r.title, r.amount].join(';')).join('\n')
  + '\nAtlantis;;Mobilité;2020;Vélos partagés;12\nAns;62003\n';
const KEPT = ROWS.length + 1;

const count = (page) => page.getByTestId('result-count').getAttribute('data-count');
const waitCount = (page, n) =>
  page.waitForFunction((n) => document.querySelector('[data-testid="result-count"]')?.dataset.count === String(n), n);

async function openData(page, file) {
  await page.getByTestId('data-file').setInputFiles(file);
  await page.getByTestId('result-count').waitFor();
  await waitCount(page, KEPT);
}

test('an ODS-style export opens in the data explorer: profile, facets, range, search, map click, address', async () => {
  const page = await newPage(site.browser, { viewport: { width: 1280, height: 1000 } });
  // Reached from "Open data" on the explorer.
  await page.goto(`${site.url}/`);
  await page.getByTestId('open-data-button').click();
  await page.getByTestId('open-data-explore').click();
  await page.waitForURL(/\/data\/\?/);
  const file = site.fixture('ods-projets.csv', CSV);
  await openData(page, file);

  // The report: rows read = kept + rejected, each column's kind, the unknown commune.
  const report = page.getByTestId('data-report');
  assert.equal(await report.getAttribute('data-read'), String(KEPT + 1));
  assert.equal(await report.getAttribute('data-kept'), String(KEPT));
  assert.equal(await report.getAttribute('data-rejected'), '1');
  assert.equal(await page.getByTestId('column-kind-commune').inputValue(), 'commune');
  assert.equal(await page.getByTestId('column-kind-code-ins').inputValue(), 'commune');
  assert.equal(await page.getByTestId('column-kind-theme').inputValue(), 'category');
  assert.equal(await page.getByTestId('column-kind-annee').inputValue(), 'year');
  assert.equal(await page.getByTestId('column-kind-titre-du-projet').inputValue(), 'text');
  assert.equal(await page.getByTestId('column-kind-montant').inputValue(), 'number');
  assert.match(await page.getByTestId('unresolved-commune').textContent(), /Atlantis.*50/);
  assert.match(await page.getByTestId('data-problems').textContent(), /51/);
  // In the page's language, located: line, field, value.
  assert.match(await page.getByTestId('data-problems').textContent(),
    /ligne \d+, champ Commune: « Atlantis » n’est ni le code INS ni le nom d’une commune : gardé sans valeur/);

  // Facets: the theme, by count; Liège gathers "Liège" and "Luik".
  const mobility = ROWS.filter((r) => r.theme === 'Mobilité').length + 1;
  assert.equal(await page.getByTestId('facet-option-theme-Mobilité').getAttribute('data-count'), String(mobility));
  assert.equal(await page.getByTestId('facet-option-commune-62063').getAttribute('data-count'), String(ROWS.filter((r) => r.nis === '62063').length));
  assert.equal(await page.getByTestId('facet-option-province-60000').getAttribute('data-count'), String(ROWS.filter((r) => ['62063', '62003'].includes(r.nis)).length));
  await page.getByTestId('facet-option-theme-Mobilité').click();
  await waitCount(page, mobility);
  assert.match(decodeURIComponent(page.url()), /f\.theme=Mobilité/);

  // A range on the year.
  await page.getByTestId('range-annee-min').fill('2022');
  await page.getByTestId('range-annee-min').press('Tab');
  const inRange = ROWS.filter((r) => r.theme === 'Mobilité' && r.year >= 2022);
  await waitCount(page, inRange.length);

  // The map: a click keeps one commune (the one with most rows left).
  const rowsOf = (nis) => inRange.filter((r) => r.nis === nis).length;
  const [nis] = COMMUNES.map(([, code]) => code).sort((a, b) => rowsOf(b) - rowsOf(a));
  assert.ok(rowsOf(nis) > 0 && rowsOf(nis) < inRange.length);
  // Its colours and tooltips follow the filters: a commune without rows left is grey.
  const empty = COMMUNES.map(([, code]) => code).find((code) => rowsOf(code) === 0);
  const commune = page.getByTestId(`map-commune-${nis}`);
  await page.waitForFunction(([nis, n]) => document.querySelector(`[data-testid="map-commune-${nis}"] title`)?.textContent.endsWith(` — ${n}`), [nis, rowsOf(nis)]);
  assert.notEqual(await commune.getAttribute('fill'), '#e0e0e0');
  // Each tooltip names its commune (a name, not its code), whether it has rows or not.
  assert.match(await commune.locator('title').textContent(), new RegExp(`^\\D[^—]+ — ${rowsOf(nis)}$`));
  assert.ok(empty, 'a commune of the file has no row left');
  assert.equal(await page.getByTestId(`map-commune-${empty}`).getAttribute('fill'), '#e0e0e0');
  assert.match(await page.locator(`[data-testid="map-commune-${empty}"] title`).textContent(), /^\D[^—]+ — –$/);
  assert.equal(await page.locator('[data-testid="map-commune-62063"] title').textContent().then((t) => t.split(' — ')[0]), 'Liège');
  await commune.click();
  await waitCount(page, rowsOf(nis));
  assert.match(page.url(), new RegExp(`f\\.commune=${nis}`));

  // Back, then clear, then a search without accents.
  await page.goBack();
  await waitCount(page, inRange.length);
  await page.getByTestId('clear-filters').click();
  await waitCount(page, KEPT);
  // Pages of 20 rows, in the file's order.
  await page.getByTestId('page-next').click();
  await page.waitForURL(/page=2/);
  await page.getByTestId('page-status').filter({ hasText: 'Page 2 sur 3' }).waitFor();
  assert.equal(await page.locator('[data-testid="results-table"] tbody tr').first().getAttribute('data-line'), '22');
  await page.getByTestId('data-search').fill('velos');
  await page.getByTestId('data-search').press('Tab');
  const bikes = ROWS.filter((r) => r.title.startsWith('Vélos')).length + 1;
  await waitCount(page, bikes);
  assert.equal(await page.locator('[data-testid="results-table"] tbody tr').count(), bikes);

  // The address keeps the filters: after a reload the page asks for the file again,
  // then applies them.
  await page.reload();
  await page.getByTestId('data-reopen').waitFor();
  await page.getByTestId('data-file').setInputFiles(file);
  await waitCount(page, bikes);

  // The user changes a kind: the theme becomes text, its facet goes.
  await page.getByTestId('column-kind-theme').selectOption('text');
  await page.getByTestId('facet-theme').waitFor({ state: 'detached' });
  assert.match(page.url(), /kind\.theme=text/);

  // The site's other pages are another app: the header's links load them whole, and
  // Back comes back to the data explorer.
  await page.getByTestId('app-header').getByRole('link', { name: 'Communes' }).click();
  await page.getByTestId('municipality-list').locator('li').first().waitFor();
  assert.match(page.url(), /\/communes\/?\?/);
  await page.goBack();
  await page.getByTestId('data-file').waitFor();
  assert.match(page.url(), /\/data\/\?/);
  assert.deepEqual(page.errors, []);
});

test('a dataset without a commune column still filters and lists, and says why there is no map', async () => {
  const page = await newPage(site.browser, { viewport: { width: 1280, height: 1000 } });
  await page.goto(`${site.url}/data/`);
  const rows = Array.from({ length: 20 }, (_, i) => `${['a', 'b'][i % 2]},${i}`).join('\n');
  await page.getByTestId('data-file').setInputFiles(site.fixture('plain.csv', `kind,n\n${rows}\n`));
  await waitCount(page, 20);
  await page.getByTestId('map-empty').waitFor();
  // A local file cannot be embedded: the bar says so instead of an embed button.
  await page.getByTestId('embed-needs-src').waitFor();
  assert.equal(await page.getByTestId('embed-button').count(), 0);
  await page.getByTestId('facet-option-kind-a').click();
  await waitCount(page, 10);
  assert.deepEqual(page.errors, []);
});

test('a dataset opened from an address is in the address: reload reopens it; other schemes and failures are explained', async () => {
  const page = await newPage(site.browser, { viewport: { width: 1280, height: 1000 } });
  let served = 0;
  await page.route('https://opendata.example.org/**', async (route) => {
    const url = route.request().url();
    if (url.includes('missing')) return route.fulfill({ status: 404, body: 'not found' });
    served += 1;
    await route.fulfill({ status: 200, headers: { 'content-type': 'text/csv', 'access-control-allow-origin': '*' }, body: CSV });
  });
  await page.goto(`${site.url}/data/`);
  await page.getByTestId('data-url').fill('https://opendata.example.org/exports/projets.csv?lang=fr');
  await page.getByTestId('data-fetch').click();
  await waitCount(page, KEPT);
  assert.match(decodeURIComponent(page.url()), /src=https:\/\/opendata\.example\.org\/exports\/projets\.csv\?lang=fr/);
  await page.getByTestId('facet-option-theme-Énergie').click();
  const energy = ROWS.filter((r) => r.theme === 'Énergie').length;
  await waitCount(page, energy);
  // Reload: the dataset and the filter come back, with no file to choose.
  await page.reload();
  await waitCount(page, energy);
  assert.equal(served, 2);
  assert.ok(await page.getByTestId('data-reopen').isHidden());
  // A 404 and a plain http: address say what went wrong.
  await page.getByTestId('data-url').fill('https://opendata.example.org/missing.csv');
  await page.getByTestId('data-fetch').click();
  await page.getByTestId('data-status').filter({ hasText: '404' }).waitFor();
  await page.getByTestId('data-url').fill('http://opendata.example.org/data.csv');
  await page.getByTestId('data-fetch').click();
  await page.getByTestId('data-status').filter({ hasText: 'https://' }).waitFor();
  assert.deepEqual(page.errors.filter((e) => !/404|Failed to load/.test(e)), []);
});

// The export served by the test server itself (same origin), for the tests of a
// dataset opened from an address: written under dist/ for this file's tests only.
const SERVED_DIR = path.join(DIST, 'e2e-data');
const SERVED = '/e2e-data/ods-projets.csv';
before(() => {
  fs.mkdirSync(SERVED_DIR, { recursive: true });
  fs.writeFileSync(path.join(SERVED_DIR, 'ods-projets.csv'), CSV, 'utf8');
});
after(() => fs.rmSync(SERVED_DIR, { recursive: true, force: true }));

async function download(page, testid) {
  if (!(await page.getByTestId(testid).isVisible())) await page.getByTestId('download-menu-button').click();
  const [file] = await Promise.all([page.waitForEvent('download'), page.getByTestId(testid).click()]);
  return fs.readFileSync(await file.path());
}

test('a view of a dataset opened from the site downloads its matching rows and its map', async () => {
  const page = await newPage(site.browser, { viewport: { width: 1280, height: 1000 }, acceptDownloads: true });
  await page.goto(`${site.url}/data/?src=${encodeURIComponent(SERVED)}&f.theme=${encodeURIComponent('Énergie')}&sort=montant&desc=1`);
  const energy = ROWS.filter((r) => r.theme === 'Énergie');
  await waitCount(page, energy.length);

  // CSV: the file's header and the matching rows as written, in the view's order.
  const csv = (await download(page, 'export-csv')).toString('utf8').trimEnd().split('\n');
  assert.equal(csv[0], 'Commune,Code INS,Thème,Année,Titre du projet,Montant (€)');
  assert.equal(csv.length - 1, energy.length);
  const last = energy[energy.length - 1];
  assert.equal(csv[1], [last.commune, last.nis, last.theme, last.year, last.title, `"${last.amount}"`].join(','));
  await page.getByTestId('download-menu-button').click();
  await page.getByTestId('export-csv-spreadsheet').check();
  const sheet = await download(page, 'export-csv');
  assert.deepEqual([...sheet.subarray(0, 3)], [0xef, 0xbb, 0xbf]);
  assert.match(sheet.toString('utf8').split('\n')[1], /;Énergie;/);

  // JSON: the rows under their headers, with the source and the filters.
  const json = JSON.parse((await download(page, 'export-json')).toString('utf8'));
  assert.equal(json.metadata.count, energy.length);
  assert.equal(json.metadata.source, SERVED);
  assert.match(decodeURIComponent(json.metadata.filters), /f\.theme=Énergie/);
  assert.equal(json.rows.length, energy.length);
  assert.ok(json.rows.every((r) => r['Thème'] === 'Énergie'));

  // GeoJSON: every Walloon municipality, with its count of matching rows or null.
  const geojson = JSON.parse((await download(page, 'export-geojson')).toString('utf8'));
  assert.equal(geojson.features.length, 262);
  const expected = {};
  for (const r of energy) expected[r.nis] = (expected[r.nis] ?? 0) + 1;
  const values = Object.fromEntries(geojson.features.filter((f) => f.properties.value !== null)
    .map((f) => [f.properties.nis, f.properties.value]));
  assert.deepEqual(values, expected);
  assert.match(geojson.metadata.credit, /ods-projets\.csv/);

  // The map as a picture.
  const svg = (await download(page, 'export-svg')).toString('utf8');
  assert.match(svg, /^<svg[^>]*xmlns="http:\/\/www\.w3\.org\/2000\/svg"/);
  const png = await download(page, 'export-png');
  assert.deepEqual([...png.subarray(0, 4)], [0x89, 0x50, 0x4e, 0x47]);
  assert.deepEqual(page.errors, []);
});

test('a view of a dataset opened from the site is shared and embedded, and its embed reopens it', async () => {
  const context = await site.browser.newContext({ viewport: { width: 1280, height: 1000 } });
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: site.url });
  const page = await context.newPage();
  const query = `src=${encodeURIComponent(SERVED)}&f.theme=${encodeURIComponent('Mobilité')}`;
  await page.goto(`${site.url}/data/?${query}`);
  const mobility = ROWS.filter((r) => r.theme === 'Mobilité');
  await waitCount(page, mobility.length + 1);

  // Share copies the address, which holds the dataset and the view.
  await page.getByTestId('share-button').click();
  await page.waitForFunction(() => document.querySelector('[data-testid="share-status"]')?.textContent.length > 0);
  const shared = await page.evaluate(() => navigator.clipboard.readText());
  assert.equal(shared, page.url());
  assert.match(decodeURIComponent(shared), /src=\/e2e-data\/ods-projets\.csv&f\.theme=Mobilité/);

  // The embed snippet names the data explorer's embed of the same view.
  await page.getByTestId('embed-button').click();
  const snippet = await page.getByTestId('embed-snippet').inputValue();
  assert.match(snippet, /<iframe src="http:\/\/127\.0\.0\.1:\d+\/data\/embed\/map\/\?src=%2Fe2e-data%2Fods-projets\.csv&amp;f\.theme=Mobilit%C3%A9[^"]*" title="ods-projets\.csv/);
  await page.getByTestId('embed-preview').waitFor();

  // Pasted in an article on another site: the map of that view loads and resizes.
  const host = fs.mkdtempSync(path.join(os.tmpdir(), 'sre-host-'));
  fs.writeFileSync(path.join(host, 'index.html'), `<!doctype html><html><head><meta charset="utf-8"><title>Article</title></head><body><h1>Article</h1>${snippet}</body></html>`);
  const hostServer = await serveStatic(host);
  try {
    const article = await context.newPage();
    await article.goto(`${hostServer.url}/`);
    const frame = article.frameLocator('iframe[data-sre-embed]');
    await frame.locator(`[data-testid="result-count"][data-count="${mobility.length + 1}"]`).waitFor();
    const [nis] = mobility.map((r) => r.nis);
    await frame.getByTestId(`map-commune-${nis}`).waitFor();
    await article.waitForFunction(() => /^\d+px$/.test(document.querySelector('iframe').style.height));
    // A click on a commune filters inside the embed.
    await frame.getByTestId(`map-commune-${nis}`).click();
    await frame.locator(`[data-testid="result-count"][data-count="${mobility.filter((r) => r.nis === nis).length}"]`).waitFor();
  } finally {
    hostServer.stop();
    fs.rmSync(host, { recursive: true, force: true });
  }

  // The projects' embed address with a dataset is the data explorer's embed.
  const table = await context.newPage();
  await table.goto(`${site.url}/embed/table/?${query}&plain=1`);
  await table.waitForURL(/\/data\/embed\/table\/\?/);
  await table.locator('[data-testid="results-table"] tbody tr').first().waitFor();
  assert.equal(await table.locator('[data-testid="results-table"] tbody tr').count(), Math.min(20, mobility.length + 1));
  assert.equal(await table.getByTestId('embed-credit').count(), 0);
  await context.close();
});

test('the site\'s own datasets open in one click: the projects and the municipalities', async () => {
  const page = await newPage(site.browser, { viewport: { width: 1280, height: 1000 } });
  await page.goto(`${site.url}/data/`);
  await page.getByTestId('data-example-municipalities').click();
  await waitCount(page, 262);
  assert.equal(await page.getByTestId('column-kind-nis').inputValue(), 'commune');
  assert.equal(await page.getByTestId('column-kind-population-2020').inputValue(), 'number');
  // The file's own province column, and the province derived from the communes
  // (its key made unique) agree.
  const hainaut = page.getByTestId('facet-option-province-Province du Hainaut');
  const inHainaut = Number(await hainaut.getAttribute('data-count'));
  assert.ok(inHainaut > 50 && inHainaut < 262);
  assert.equal(await page.getByTestId('facet-option-province-2-50000').getAttribute('data-count'), String(inHainaut));
  await hainaut.click();
  await waitCount(page, inHainaut);

  await page.getByTestId('data-example-projects').click();
  await page.waitForURL(/projects\.csv$|projects\.csv&/);
  // The report is the projects' once it has read their rows (until then, it may
  // still be the municipalities').
  await page.waitForFunction((n) => document.querySelector('[data-testid="data-report"]')?.dataset.read === String(n), laureates().length);
  const report = page.getByTestId('data-report');
  const kept = Number(await report.getAttribute('data-kept'));
  assert.ok(kept >= 27, `${kept} projects`);
  await waitCount(page, kept);
  // A project of several communes counts in each (its communes are one cell).
  assert.equal(await page.getByTestId('unresolved-municipalities').count(), 0);
  assert.deepEqual(page.errors, []);
});
