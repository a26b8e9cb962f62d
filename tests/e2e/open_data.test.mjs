// "Your own data": a user's file read in the browser, its report, and its metric on the map.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { useSite, newPage, laureates } from './harness.mjs';

const site = useSite();

// Expected counts, from data/projects.csv.
const ROWS = laureates();
const where = (test) => ROWS.filter(test).length;

const NO_PROJECT = '#e0e0e0';
const fill = (page, nis) => page.getByTestId(`map-commune-${nis}`).getAttribute('fill');
const waitCount = (page, n) =>
  page.waitForFunction((n) => document.querySelector('[data-testid="result-count"]')?.dataset.count === String(n), n);

const fixture = site.fixture;

async function openExplorer() {
  const page = await newPage(site.browser, { viewport: { width: 1280, height: 1000 } });
  await page.goto(`${site.url}/`);
  await page.getByTestId('map').locator('path').first().waitFor();
  return page;
}

async function load(page, file) {
  await page.getByTestId('open-data-button').click();
  await page.getByTestId('open-data-file').setInputFiles(file);
  await page.getByTestId('import-counts').waitFor();
  return page.getByTestId('import-report');
}

test('an Opendatasoft-style CSV (";", BOM, decimal comma) loads as a metric and colours the map', async () => {
  const page = await openExplorer();
  const file = fixture(
    'ods-export.csv',
    '\ufeffCode INS;Commune;Montant\n' +
      '62063;Liège;1 234,5\n' +
      '92094;Namur;"2 000,75"\n' +
      '25112;Wavre;10\n' +
      '57081;Tournai;50\n' +
      '53053;Mons;5 000\n' +
      '52011;Charleroi;9 000\n',
  );
  const report = await load(page, file);
  const counts = page.getByTestId('import-counts');
  assert.equal(await counts.getAttribute('data-read'), '6');
  assert.equal(await counts.getAttribute('data-kept'), '6');
  assert.equal(await counts.getAttribute('data-rejected'), '0');
  assert.match(await report.textContent(), /6 lignes lues, 6 gardées, 0 rejetées/);
  // Auto-detected columns.
  assert.equal(await page.getByTestId('open-data-nis-column').inputValue(), '0');
  assert.equal(await page.getByTestId('open-data-value-column').inputValue(), '2');
  await page.getByTestId('open-data-show').click();
  await page.getByTestId('user-layer-remove').waitFor();
  assert.equal(await page.getByTestId('map-legend-title').textContent(), 'Montant');
  const liege = await fill(page, '62063');
  const namur = await fill(page, '92094');
  assert.notEqual(liege, NO_PROJECT);
  assert.notEqual(namur, NO_PROJECT);
  assert.notEqual(liege, namur, 'different classes');
  // A municipality absent from the file is grey.
  assert.equal(await fill(page, '63023'), NO_PROJECT);
  // Removing the data brings the explorer's metric back.
  await page.getByTestId('user-layer-remove').click();
  await page.getByTestId('user-layer-remove').waitFor({ state: 'detached' });
  assert.notEqual(await page.getByTestId('map-legend-title').textContent(), 'Montant');
  assert.deepEqual(page.errors, []);
});

test('a malformed file shows its errors with line numbers and the app keeps working', async () => {
  const page = await openExplorer();
  const file = fixture(
    'bad.csv',
    'Code INS;Montant\n' + '62063;12,5\n' + '12345;3\n' + '92094;beaucoup\n' + '25112;7\n',
  );
  const report = await load(page, file);
  const counts = page.getByTestId('import-counts');
  assert.equal(await counts.getAttribute('data-read'), '4');
  assert.equal(await counts.getAttribute('data-kept'), '2');
  assert.equal(await counts.getAttribute('data-rejected'), '2');
  const text = await report.textContent();
  assert.match(text, /ligne 3, champ Code INS: code INS inconnu « 12345 »/);
  assert.match(text, /ligne 4, champ Montant: /);
  await page.getByTestId('open-data-show').click();
  await page.getByTestId('user-layer-remove').waitFor();
  assert.notEqual(await fill(page, '62063'), NO_PROJECT);
  assert.notEqual(await fill(page, '25112'), NO_PROJECT);
  assert.equal(await fill(page, '92094'), NO_PROJECT);
  // The explorer still works: a facet still filters the results.
  await page.getByTestId('facet-option-theme-mobility-logistics').click();
  await waitCount(page, where((p) => p.theme === 'mobility-logistics'));
  assert.deepEqual(page.errors, []);
});

test('an unreadable file is reported and the dialog stays usable', async () => {
  const page = await openExplorer();
  const file = fixture('broken.json', '[{"nis": "62063", "v": 1},');
  await page.getByTestId('open-data-button').click();
  await page.getByTestId('open-data-file').setInputFiles(file);
  const report = page.getByTestId('import-report');
  await report.waitFor();
  assert.match(await report.textContent(), /broken\.json/);
  assert.equal(await page.getByTestId('open-data-show').isDisabled(), true);
  assert.deepEqual(page.errors, []);
});

/** A CSV of about `megabytes` MB: every Walloon-ish code of `codes` once, then repeats. */
function bigCsv(name, megabytes) {
  const codes = ['62063', '92094', '25112', '57081', '53053', '52011'];
  const lines = ['nis;valeur;commentaire'];
  let size = 0;
  for (let i = 0; size < megabytes * 1024 * 1024; i++) {
    const line = `${codes[i % codes.length]};${i % 1000},5;ligne numéro ${i} du grand fichier`;
    lines.push(line);
    size += line.length + 1;
  }
  return fixture(name, lines.join('\n') + '\n');
}

test('a large file is parsed off the main thread: the page answers and Cancel stops the parse', async () => {
  const page = await openExplorer();
  const big = bigCsv('big.csv', 40);
  await page.getByTestId('open-data-button').click();
  await page.getByTestId('open-data-file').setInputFiles(big);
  await page.locator('[data-testid="import-phase"][data-phase="parsing"]').waitFor();
  // The worker is parsing; the page still runs its own code meanwhile.
  const ticks = await page.evaluate(
    () => new Promise((resolve) => {
      let n = 0;
      const timer = setInterval(() => { if (++n === 5) { clearInterval(timer); resolve(n); } }, 10);
    }),
  );
  assert.equal(ticks, 5);
  await page.getByTestId('import-cancel').click();
  const report = page.getByTestId('import-report');
  await report.waitFor();
  assert.match(await report.textContent(), /Annulé/);
  assert.equal(await page.getByTestId('import-phase').count(), 0);
  // The cancelled parse never delivers: no column choice appears.
  await page.waitForTimeout(300);
  assert.equal(await page.getByTestId('open-data-nis-column').count(), 0);
  assert.equal(await page.getByTestId('import-counts').count(), 0);
  // A new worker takes the next file.
  await page.getByTestId('open-data-file').setInputFiles(fixture('small.csv', 'nis;v\n62063;1\n92094;2\n'));
  await page.getByTestId('import-counts').waitFor();
  assert.equal(await page.getByTestId('import-counts').getAttribute('data-kept'), '2');
  assert.deepEqual(page.errors, []);
});

test('a large file goes through the worker whole: every row is counted', async () => {
  const page = await openExplorer();
  const big = bigCsv('big-count.csv', 12);
  const rows = fs.readFileSync(big, 'utf8').trimEnd().split('\n').length - 1;
  const report = await load(page, big);
  const counts = page.getByTestId('import-counts');
  assert.equal(await counts.getAttribute('data-read'), String(rows));
  assert.equal(await counts.getAttribute('data-kept'), '6');
  assert.equal(await counts.getAttribute('data-rejected'), String(rows - 6));
  // 1,000 errors travel back, the rest are counted; 200 are listed.
  assert.equal(await page.getByTestId('import-errors').locator('li').count(), 201);
  assert.ok((await report.textContent()).includes(`… et ${rows - 6 - 200} autres`));
  assert.deepEqual(page.errors, []);
});

test('a file is fetched from an https URL with progress; CORS refusals and other schemes are explained', async () => {
  const page = await openExplorer();
  const csv = 'Code INS;Montant\n62063;1\n92094;2\n25112;3\n';
  let release;
  const gate = new Promise((resolve) => { release = resolve; });
  await page.route('https://opendata.example.org/**', async (route) => {
    const url = route.request().url();
    if (url.endsWith('/slow.csv')) await gate;
    // A CORS refusal reaches the page as an opaque network error, as an abort does.
    if (url.includes('nocors')) return route.abort('failed');
    await route.fulfill({ status: 200, headers: { 'content-type': 'text/csv', 'access-control-allow-origin': '*' }, body: csv });
  });
  await page.getByTestId('open-data-button').click();
  const fetchUrl = async (url) => {
    await page.getByTestId('open-data-url').fill(url);
    await page.getByTestId('open-data-url').press('Enter');
  };
  // A slow answer shows the progress bar (and Cancel) until it arrives.
  await fetchUrl('https://opendata.example.org/slow.csv');
  await page.getByTestId('import-progress').waitFor();
  assert.ok(await page.getByTestId('import-cancel').isVisible());
  release();
  await page.waitForFunction(() => document.querySelector('[data-testid="import-counts"]')?.dataset.kept === '3');
  // A server that does not allow this site (no Access-Control-Allow-Origin): the
  // browser only says the fetch failed; the report explains the likely reason.
  await fetchUrl('https://opendata.example.org/nocors.csv');
  await page.waitForFunction(() => /CORS/.test(document.querySelector('[data-testid="import-report"]')?.textContent ?? ''));
  // A plain http: address cannot be fetched from this page at all.
  await fetchUrl('http://opendata.example.org/data.csv');
  await page.waitForFunction(() => /seules les adresses https:\/\//.test(document.querySelector('[data-testid="import-report"]')?.textContent ?? ''));
  assert.deepEqual(page.errors.filter((e) => !/CORS|Access-Control|Failed to load|ERR_FAILED/.test(e)), []);
});
