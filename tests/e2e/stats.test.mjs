// The statistics charts of the communes page (/communes/) follow the explorer's filters
// its address holds; the call funnel.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { useSite, newPage, laureates } from './harness.mjs';

const site = useSite();

// Expected counts, from data/projects.csv.
const ROWS = laureates();
const where = (test) => ROWS.filter(test).length;

/** Opens the communes page (`path`, with filters or not) once its charts are there. */
async function openStats(path = '/communes/') {
  const page = await newPage(site.browser, { viewport: { width: 1280, height: 1000 } });
  await page.goto(`${site.url}${path}`);
  await page.getByTestId('stats-charts').getByTestId('chart-stats-themes').waitFor();
  return page;
}

/** The rows of a chart's table (shown or not) as [label, ...cells]. */
const tableRows = (page, id) =>
  page.getByTestId(`chart-table-${id}`).locator('tbody tr').evaluateAll((trs) =>
    trs.map((tr) => [...tr.children].map((c) => (c.querySelector('[aria-hidden]') ? '–' : c.textContent.trim()))));

const headers = (page, id) =>
  page.getByTestId(`chart-table-${id}`).locator('thead th').evaluateAll((ths) => ths.map((th) => th.textContent.trim()));

test('the statistics charts are all there: counts and subsidy by theme, province and call, and the funnel', async () => {
  const page = await openStats();
  for (const id of ['stats-themes', 'stats-themes-subsidy', 'stats-provinces', 'stats-provinces-subsidy',
    'stats-calls', 'stats-calls-subsidy', 'stats-funnel']) {
    await page.getByTestId(`chart-${id}`).waitFor();
    assert.equal(await page.getByTestId(`chart-download-csv-${id}`).count(), 1, id);
  }
  // Without filters: one series, the counts of every documented project.
  const themes = await tableRows(page, 'stats-themes');
  assert.equal(themes.reduce((sum, row) => sum + Number(row[1]), 0), ROWS.length);
  assert.ok(themes.every((row) => row.length === 2));
  // Every project is in a province or in the "unassigned" bar.
  const provinces = await tableRows(page, 'stats-provinces');
  assert.ok(provinces.reduce((sum, row) => sum + Number(row[1].replace(/\D/g, '')), 0) >= ROWS.length);
  assert.deepEqual(page.errors, []);
});

test('the explorer\'s filters in the address change the statistics charts\' data', async () => {
  const page = await openStats();
  assert.equal(await page.getByTestId('stats-selection').count(), 0, 'no selection without filters');
  const toggle = page.getByTestId('chart-table-toggle-stats-themes');
  await toggle.click();
  await page.getByTestId('chart-table-stats-themes').waitFor({ state: 'visible' });
  const before = await tableRows(page, 'stats-themes');
  const mobility = before.findIndex((row) => /mobilit/i.test(row[0]));
  assert.ok(mobility >= 0, JSON.stringify(before));
  const mobilityCount = String(where((p) => p.theme === 'mobility-logistics'));
  assert.deepEqual(before[mobility].slice(1), [mobilityCount]);
  assert.equal((await headers(page, 'stats-themes')).length, 2);

  // A shared address with the explorer's filter: a "selection" series beside the totals.
  const filtered = await openStats('/communes/?theme=mobility-logistics');
  const note = filtered.getByTestId('stats-selection');
  await note.waitFor();
  assert.match(await note.textContent(), new RegExp(`${mobilityCount} projet\\(s\\)`));
  await filtered.getByTestId('chart-table-toggle-stats-themes').click();
  await filtered.waitForFunction(() =>
    document.querySelectorAll('[data-testid="chart-table-stats-themes"] thead th').length === 3);
  const after = await tableRows(filtered, 'stats-themes');
  assert.equal(after.length, before.length);
  for (const [i, row] of after.entries()) {
    assert.equal(row[1], before[i][1], 'the totals stay');
    assert.equal(row[2], i === mobility ? mobilityCount : '0', row[0]);
  }
  const calls = await tableRows(filtered, 'stats-calls');
  assert.equal(calls.reduce((sum, row) => sum + Number(row[2]), 0), Number(mobilityCount));
  const provinces = await tableRows(filtered, 'stats-provinces');
  assert.ok(provinces.every((row) => row.length === 3));
  assert.ok(provinces.some((row) => Number(row[2]) > 0));

  // "See this selection in the explorer" opens the explorer on the same filter.
  const back = filtered.getByTestId('stats-selection-explorer');
  assert.equal(await back.getAttribute('href'), '/?theme=mobility-logistics&lang=fr');
  await back.click();
  await filtered.waitForURL(/\/\?theme=mobility-logistics&lang=fr$/);
  await filtered.waitForFunction((n) => document.querySelector('[data-testid="result-count"]')?.dataset.count === n, mobilityCount);
  await filtered.goBack();
  // "All projects" drops the filters: the selection series goes.
  await filtered.getByTestId('stats-selection-clear').click();
  await filtered.waitForURL(/\/communes\/\?lang=fr$/);
  await filtered.waitForFunction(() =>
    document.querySelectorAll('[data-testid="chart-table-stats-themes"] thead th').length === 2);
  assert.equal(await filtered.getByTestId('stats-selection').count(), 0);
  assert.deepEqual(await tableRows(filtered, 'stats-themes'), before);
  assert.deepEqual([...page.errors, ...filtered.errors], []);
});

test('the call funnel shows submitted, selected and finalised per call, a dash where unpublished', async () => {
  const page = await openStats();
  await page.getByTestId('chart-table-toggle-stats-funnel').click();
  await page.getByTestId('chart-table-stats-funnel').waitFor({ state: 'visible' });
  // Two sources disagree on the 2019 call's outcome: 36 "concretised" (press, 2022)
  // and 35 "finalised" (2023 call text); both are shown, each with its source.
  assert.deepEqual((await headers(page, 'stats-funnel')).slice(1), ['Déposés', 'Lauréats', 'Concrétisés (autre source)', 'Finalisés']);
  const rows = await tableRows(page, 'stats-funnel');
  const first = rows.find((row) => /2019/.test(row[0]));
  assert.deepEqual(first.slice(1), ['88', '43', '36', '35']);
  const phase1 = rows.find((row) => /2023/.test(row[0]));
  assert.deepEqual(phase1.slice(1), ['80', '34', '–', '–']);
  const chart = page.getByTestId('chart-stats-funnel');
  assert.match(await page.getByTestId('chart-note-stats-funnel').textContent(), /ne concordent pas/);
  const sources = await chart.locator('.chart__sources a').evaluateAll((as) => as.map((a) => [a.textContent, a.getAttribute('href')]));
  assert.deepEqual(sources.map(([label]) => label), ['dhnet.be', 'digitalwallonia.be']);
  assert.ok(sources.every(([, href]) => href.startsWith('https://')));
  // The funnel does not follow the filters: it is about the calls.
  const filtered = await openStats('/communes/?theme=mobility-logistics');
  await filtered.waitForFunction(() =>
    document.querySelectorAll('[data-testid="chart-table-stats-themes"] thead th').length === 3);
  assert.deepEqual(await tableRows(filtered, 'stats-funnel'), rows);
  assert.deepEqual([...page.errors, ...filtered.errors], []);
});
