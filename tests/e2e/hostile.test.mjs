// Hostile and broken inputs, end to end: a bundle whose texts carry markup, script
// URLs, bidi and zero-width characters and a 10,000-character title; user files with
// the same plus unknown codes, duplicates, negative and non-numeric amounts, an empty
// file, a header alone and a truncated JSON. Nothing executes (no dialog, no request
// off the site, no injected element), the page stays usable, the import report names
// each problem with its line, and every valid row is kept.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { useSite, newPage, DIST } from './harness.mjs';

const site = useSite();

const IMG = '<img src=x onerror="window.__pwned=(window.__pwned||0)+1">';
const SCRIPT = '</script><script>window.__pwned=(window.__pwned||0)+1</script>';
const BIDI = '\u202Egnp.exe\u202C Ville\u200B\u200D\u2060-sur-Meuse \u05E9\u05DC\u05D5\u05DD';
const LONG = 'Projet très long '.repeat(600).slice(0, 10_000);

/** A page that records everything that would betray an injection. Its service worker
 * is blocked: the routes that serve the hostile data must answer every visit, and the
 * worker would serve the build's own files from its cache. */
async function watchedPage(options = {}) {
  const page = await newPage(site.browser, { viewport: { width: 1280, height: 900 }, serviceWorkers: 'block', ...options });
  page.dialogs = [];
  page.offsite = [];
  page.on('dialog', async (dialog) => { page.dialogs.push(dialog.message()); await dialog.dismiss(); });
  page.on('request', (request) => {
    const url = request.url();
    if (!url.startsWith(site.url) || new URL(url).pathname === '/x') page.offsite.push(url);
  });
  return page;
}

async function assertNothingRan(page) {
  assert.deepEqual(page.dialogs, [], 'no dialog opened');
  assert.deepEqual(page.offsite, [], 'no request off the site, nor to the injected image');
  assert.equal(await page.evaluate(() => window.__pwned), undefined, 'no injected script ran');
  assert.equal(await page.locator('img[src="x"]').count(), 0, 'no injected image');
  assert.equal(await page.locator('script', { hasText: '__pwned' }).count(), 0, 'no injected script');
  assert.equal(await page.locator('a[href^="javascript:" i], a[href^="data:" i]').count(), 0, 'no script or data link');
}

// ---------------------------------------------------------------- the bundle

/** Serves a copy of the bundle whose projects file holds the hostile records, with a
 * catalog that vouches for it (as a hostile fork of the data would). */
async function serveHostileBundle(page) {
  const catalog = JSON.parse(fs.readFileSync(path.join(DIST, 'data', 'catalog.json'), 'utf8'));
  const entry = catalog.datasets.find((d) => d.id === 'projects');
  const projects = JSON.parse(fs.readFileSync(path.join(DIST, 'data', entry.file), 'utf8'));
  const base = projects.projects.find((p) => p.municipalities?.length > 0);
  projects.projects.push(
    { ...base, id: 'hostile-markup', title: `${IMG} ${SCRIPT}`, lead_applicant: IMG,
      municipality_names: [IMG], sources: ['javascript:window.__pwned=1', 'data:text/html,<script>alert(1)</script>', 'https://example.org/source'] },
    { ...base, id: 'hostile-bidi', title: BIDI, lead_applicant: BIDI, sources: ['JaVaScRiPt:alert(1)', '//evil.example/x'] },
    { ...base, id: 'hostile-long', title: LONG, lead_applicant: LONG.slice(0, 2000) },
  );
  const body = Buffer.from(JSON.stringify(projects));
  entry.bytes = body.length;
  entry.sha256 = crypto.createHash('sha256').update(body).digest('hex');
  await page.route('**/data/catalog.json', (route) => route.fulfill({ contentType: 'application/json', body: JSON.stringify(catalog) }));
  await page.route(`**/data/${entry.file}`, (route) => route.fulfill({ contentType: 'application/json', body }));
  // The hostile projects have no page of their own in the build: the host answers
  // their address as GitHub Pages does an unknown path, with the site's 404.html
  // (the pages' app, which shows a project of the data it loads).
  const notFound = fs.readFileSync(path.join(DIST, '404.html'), 'utf8');
  await page.route(/\/project\/hostile-[^/?#]+\/?(\?[^#]*)?$/, (route) =>
    route.fulfill({ status: 404, contentType: 'text/html', body: notFound }));
  return projects.projects.length;
}

test('a bundle with markup, script links, bidi text and a 10,000-character title shows them as text', async () => {
  const page = await watchedPage();
  const total = await serveHostileBundle(page);
  await page.goto(`${site.url}/`);
  await page.getByTestId('map').locator('path').first().waitFor();
  assert.equal(await page.getByTestId('result-count').getAttribute('data-count'), String(total));
  // Search finds the hostile record; its title is literal text.
  await page.getByTestId('search-input').fill('onerror');
  await page.getByTestId('search-input').press('Enter');
  await page.waitForFunction(() => document.querySelector('[data-testid="result-count"]').dataset.count === '1');
  const table = page.getByTestId('results-table');
  assert.ok((await table.textContent()).includes('<img src=x onerror='));
  // The 10,000-character title wraps instead of widening the page.
  await page.getByTestId('search-input').fill('très long');
  await page.getByTestId('search-input').press('Enter');
  await page.waitForFunction(() => document.querySelector('[data-testid="result-count"]').dataset.count === '1');
  assert.ok(await page.evaluate(() => document.documentElement.scrollWidth <= document.documentElement.clientWidth + 1));
  await assertNothingRan(page);

  // The project pages (reached as a reader does, from the results): sources other
  // than http(s) are shown as text, never as links.
  await page.getByTestId('search-input').fill('onerror');
  await page.getByTestId('search-input').press('Enter');
  await page.waitForFunction(() => document.querySelector('[data-testid="result-count"]').dataset.count === '1');
  await page.getByTestId('results-table').locator('a', { hasText: '<img src=x' }).first().click();
  await page.getByTestId('project-page').locator('h1').waitFor();
  assert.equal(await page.locator('h1').textContent(), `${IMG} ${SCRIPT}`);
  const page_ = page.getByTestId('project-page');
  assert.ok((await page_.textContent()).includes('javascript:window.__pwned=1'));
  const web = page_.locator('a[href="https://example.org/source"]');
  assert.equal(await web.count(), 1);
  assert.equal(await web.getAttribute('rel'), 'noopener noreferrer');
  assert.match(await page.title(), /<img src=x/);
  await page.goBack();
  await page.getByTestId('search-input').fill('gnp');
  await page.getByTestId('search-input').press('Enter');
  await page.waitForFunction(() => document.querySelector('[data-testid="result-count"]').dataset.count === '1');
  await page.getByTestId('results-table').locator('a', { hasText: 'gnp.exe' }).first().click();
  await page.getByTestId('project-page').locator('h1').waitFor();
  assert.equal(await page.locator('h1').textContent(), BIDI);
  assert.equal(await page.locator('a[href*="evil.example"]').count(), 0, 'a protocol-relative link is not followed');
  // The page stays usable: the navigation leads back to the explorer, which filters.
  await page.locator('header nav a').first().click();
  await page.getByTestId('facet-option-theme-mobility-logistics').click();
  await page.waitForFunction(() => Number(document.querySelector('[data-testid="result-count"]').dataset.count) < 30);
  await assertNothingRan(page);
  // The only errors: the host's 404 status of the two project pages it does not have.
  assert.deepEqual(page.errors.filter((e) => !/status of 404/.test(e)), []);
});

// ---------------------------------------------------------------- user files

const fixture = site.fixture;

async function openDialog() {
  const page = await watchedPage();
  await page.goto(`${site.url}/`);
  await page.getByTestId('map').locator('path').first().waitFor();
  await page.getByTestId('open-data-button').click();
  return page;
}

test('a user CSV with markup, bidi, long values, unknown and repeated codes, odd amounts: each problem is named, valid rows kept', async () => {
  const page = await openDialog();
  const csv = [
    `nis;commune;${IMG}`, //                      line 1: the value column's name is markup
    `62063;${IMG};12,5`, //                       line 2: kept (markup in a name is just text)
    `92094;${BIDI};-7`, //                        line 3: kept (negative amounts are amounts)
    `25112;${LONG};3`, //                         line 4: kept (10,000 characters)
    '12345;Nowhere;4', //                         line 5: unknown NIS code
    '62063;Liège again;5', //                     line 6: repeated code
    `57081;Tournai;${SCRIPT}`, //                 line 7: not a number
    '53053;Mons;abc', //                          line 8: not a number
    '52011;Charleroi;1 000', //                   line 9: kept
  ].join('\n');
  await page.getByTestId('open-data-file').setInputFiles(fixture('hostile.csv', csv));
  await page.getByTestId('import-counts').waitFor();
  const counts = page.getByTestId('import-counts');
  assert.equal(await counts.getAttribute('data-read'), '8');
  assert.equal(await counts.getAttribute('data-kept'), '4');
  assert.equal(await counts.getAttribute('data-rejected'), '4');
  const errors = await page.getByTestId('import-errors').locator('li').allTextContents();
  assert.equal(errors.length, 4, errors.join('\n'));
  assert.equal(errors[0], 'ligne 5, champ nis: code INS inconnu « 12345 »');
  assert.equal(errors[1], 'ligne 6, champ nis: code INS « 62063 » déjà rencontré (ligne 2) ; non additionné');
  assert.equal(errors[2], `ligne 7, champ ${IMG}: « ${SCRIPT} » n’est pas un nombre`);
  assert.equal(errors[3], `ligne 8, champ ${IMG}: « abc » n’est pas un nombre`);
  // The markup header is offered, then shown as the legend's title, as text.
  assert.equal(await page.getByTestId('open-data-value-column').inputValue(), '2');
  await page.getByTestId('open-data-show').click();
  await page.getByTestId('user-layer-remove').waitFor();
  assert.equal(await page.getByTestId('map-legend-title').textContent(), IMG);
  assert.notEqual(await page.getByTestId('map-commune-92094').getAttribute('fill'), '#e0e0e0');
  await assertNothingRan(page);
  assert.deepEqual(page.errors, []);
});

test('a user GeoJSON with markup in its properties loads as text', async () => {
  const page = await openDialog();
  const geojson = {
    type: 'FeatureCollection',
    features: [
      { type: 'Feature', geometry: null, properties: { nis: '62063', name: IMG, value: 1 } },
      { type: 'Feature', geometry: null, properties: { nis: '92094', name: SCRIPT, value: 'javascript:alert(1)' } },
      { type: 'Feature', geometry: null, properties: { nis: '25112', name: BIDI, value: 2 } },
    ],
  };
  await page.getByTestId('open-data-file').setInputFiles(fixture('hostile.geojson', JSON.stringify(geojson)));
  await page.getByTestId('import-counts').waitFor();
  const counts = page.getByTestId('import-counts');
  assert.equal(await counts.getAttribute('data-kept'), '2');
  assert.equal(await counts.getAttribute('data-rejected'), '1');
  assert.match(await page.getByTestId('import-errors').textContent(), /\$\.features\[1\]/);
  await assertNothingRan(page);
  assert.deepEqual(page.errors, []);
});

for (const { name, text, expect } of [
  { name: 'empty.csv', text: '', expect: /empty\.csv: le fichier est vide/ },
  { name: 'blank.csv', text: '\n\n  \n', expect: /blank\.csv: le fichier est vide/ },
  { name: 'header-only.csv', text: 'nis;valeur\n', expect: /0 lignes lues, 0 gardées, 0 rejetées|aucune|no rows|choisi/i },
  { name: 'truncated.json', text: '[{"nis": "62063", "valeur": 1}, {"nis": "92094", "val', expect: /truncated\.json: ligne 1, colonne \d+: / },
  { name: 'truncated.geojson', text: '{"type": "FeatureCollection", "features": [{"type": "Feature", "properties": {"nis": "6', expect: /truncated\.geojson: ligne 1, colonne \d+: / },
]) {
  test(`${name}: the report says what is wrong and the dialog stays usable`, async () => {
    const page = await openDialog();
    await page.getByTestId('open-data-file').setInputFiles(fixture(name, text));
    const report = page.getByTestId('import-report');
    await report.waitFor();
    await page.waitForFunction(() => !document.querySelector('[data-testid="import-phase"]'));
    assert.match(await report.textContent(), expect);
    assert.equal(await page.getByTestId('open-data-show').isDisabled(), true);
    // A good file afterwards loads normally.
    await page.getByTestId('open-data-file').setInputFiles(fixture(`good-after-${name}.csv`, 'nis;v\n62063;1\n'));
    await page.waitForFunction(() => document.querySelector('[data-testid="import-counts"]')?.dataset.kept === '1');
    await assertNothingRan(page);
    assert.deepEqual(page.errors, []);
  });
}
