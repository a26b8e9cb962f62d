// The programme page: the Smart Région programme told from its documents — strategy,
// elements, the 2019 call as charts with tables, the 2023 call, a timeline whose events
// link to the explorer's calls and the barometer's sections; its deep link under a
// sub-path; the links to it from the explorer's coverage box and a project's call context.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { readFile } from 'node:fs/promises';
import { useSite, newPage, serveStatic, ROOT, DIST } from './harness.mjs';

const site = useSite();

const NNBSP = '\u202f';
const catalog = JSON.parse(fs.readFileSync(path.join(DIST, 'data', 'catalog.json'), 'utf8'));
const projectsFile = catalog.datasets.find((d) => d.id === 'projects').file;
const { projects } = JSON.parse(fs.readFileSync(path.join(DIST, 'data', projectsFile), 'utf8'));
const projects2019 = projects.filter((p) => p.call_year === 2019 && p.phase === '2019');

const EVENTS = [
  '2017-belgian-barometer',
  '2018-strategy',
  '2018-walloon-barometer',
  '2019-call-launch',
  '2019-call-laureates',
  '2020-covid-study',
  '2021-walloon-barometer',
  '2023-call-phase1',
  '2024-call-phase2',
];

/** Opens the programme page (French unless `lang`) and waits for the timeline. */
async function openProgramme({ lang, hash = '', ...options } = {}) {
  const page = await newPage(site.browser, { viewport: { width: 1200, height: 900 }, ...options });
  await page.goto(`${site.url}/programme/${lang ? `?lang=${lang}` : ''}${hash}`);
  await page.getByTestId('programme-timeline').locator('li').first().waitFor();
  return page;
}

/** The rows of a chart's table (header cell then values), after showing it. */
async function tableRows(page, id) {
  await page.getByTestId(`chart-table-toggle-${id}`).click();
  const table = page.getByTestId(`chart-table-${id}`);
  await table.waitFor();
  return table.locator('tbody tr').evaluateAll((rows) =>
    rows.map((r) => [...r.children].map((c) => c.textContent.replace(/\s+/g, ' ').trim())));
}

test('the page tells why, how, the calls and the timeline, citing documents by title and publisher', async () => {
  const page = await openProgramme();
  assert.equal(await page.locator('h1').textContent(), 'Le programme Smart Région');
  await page.waitForFunction(() => document.title === 'Le programme Smart Région · Smart Région Explorer');
  // In the main navigation, marked as the current page.
  const nav = page.getByRole('navigation').getByRole('link', { name: 'Le programme' });
  assert.equal(await nav.getAttribute('aria-current'), 'page');

  const strategy = page.locator('#strategy');
  assert.equal(await strategy.locator('ol > li').count(), 3, 'three strategic axes');
  assert.match(await strategy.textContent(), /Limiter le foisonnement.*Encourager la transversalité.*Utiliser les données/s);
  assert.match(await strategy.textContent(), /mutualisation des ressources.*modèle de gouvernance/s);
  assert.match(await strategy.locator('.programme__sources cite').textContent(),
    /^The Smart Région strategy of Wallonia.* — Digital Wallonia, 2018$/);
  const elements = page.locator('#elements');
  assert.match(await elements.textContent(), /Smart Data.*Open Data.*Wallonia in my pocket.*Marketplace/s);
  assert.match(await elements.textContent(), /Mobilité.*Citoyens intelligents et gouvernance.*Énergie.*gouvernance des données/s);
  assert.match(await elements.locator('.programme__sources cite').textContent(),
    /^From Smart City to Smart Region.* — Agence du Numérique \/ Digital Wallonia, 2019$/);

  // Never a seed document's file name; links only to the web.
  assert.doesNotMatch(await page.locator('main').innerText(), /\.txt\b/);
  const hrefs = await page.locator('.programme__sources a, .chart__sources a').evaluateAll((as) => as.map((a) => a.getAttribute('href')));
  assert.ok(hrefs.length > 5);
  for (const href of hrefs) assert.match(href, /^https?:\/\//);

  // The timeline: one child per event, in date order, each with its date and sources.
  const timeline = page.getByTestId('programme-timeline');
  const ids = await timeline.locator(':scope > li').evaluateAll((lis) => lis.map((li) => li.dataset.testid));
  assert.deepEqual(ids, EVENTS.map((e) => `programme-event-${e}`));
  const dates = await timeline.locator('time').evaluateAll((ts) => ts.map((t) => t.getAttribute('datetime')));
  assert.deepEqual(dates, [...dates].sort());
  assert.equal(await page.getByTestId('programme-event-2019-call-launch').locator('time').textContent(), '15 janvier 2019');
  assert.equal(await page.getByTestId('programme-event-2024-call-phase2').locator('time').textContent(), '14 mars 2024');
  for (const id of EVENTS) {
    assert.ok(await page.getByTestId(`programme-event-${id}`).locator('.programme__sources a, .programme__sources cite').count() > 0, id);
  }
  // The 2023 call from the calls dataset: both phases with their counts.
  const later = await page.locator('#call-2023').innerText();
  assert.match(later, /80 projets déposés, 34 lauréats/);
  assert.match(later, /80 projets déposés, 46 lauréats/);
  assert.deepEqual(page.errors, []);
});

test('the 2019 call: the presentation figures as charts with tables, the disagreement kept visible', async () => {
  const page = await openProgramme();
  const section = page.locator('#call-2019');
  const ids = await section.locator('figure[data-testid^="chart-"]').evaluateAll((fs) => fs.map((f) => f.dataset.testid));
  assert.deepEqual(ids, [
    'chart-programme-2019-applicants', 'chart-programme-2019-municipalities', 'chart-programme-2019-themes',
    'chart-programme-2019-envelopes', 'chart-programme-2019-amounts', 'chart-programme-2019-selection',
  ]);
  // Drawn like the barometer's: one canvas per bar chart, not blank.
  await page.waitForFunction(() => [...document.querySelectorAll('#call-2019 figure[data-kind="bars"] canvas')]
    .every((c) => c.width > 0 && c.style.width !== ''));
  assert.equal(await section.locator('figure[data-kind="bars"] canvas').count(), 5);

  assert.deepEqual(await tableRows(page, 'programme-2019-applicants'), [
    ['Projets valides', '88'],
    ['Projets déposés par des intercommunales de développement économique', '9'],
    ['Intercommunales qui les ont déposés', '6'],
    ['Projets déposés par des communes associées', '5'],
  ]);
  assert.deepEqual(await tableRows(page, 'programme-2019-municipalities'), [
    ['Communes candidates', '100'], ["Communes concernées par l'appel", '188'], ['Communes wallonnes', '262'],
  ]);
  assert.deepEqual(await tableRows(page, 'programme-2019-themes'), [
    ['Énergie et environnement', '23', '10', '15'],
    ['Mobilité', '21', '5', '16'],
    ['Gouvernance et participation citoyenne', '42', '20', '22'],
  ]);
  assert.deepEqual(await tableRows(page, 'programme-2019-envelopes'), [
    ['Petits projets (60 000 € au plus)', '35'], ['Grands projets', '53'],
  ]);
  // French groups digits with a narrow no-break space.
  const amounts = page.getByTestId('chart-table-programme-2019-amounts');
  assert.deepEqual(await tableRows(page, 'programme-2019-amounts'), [
    ['Petits projets', '1 415 690', '803 642', '94 083'],
    ['Grands projets', '14 767 752', '6 673 152', '678 574'],
  ]);
  assert.equal(await amounts.locator('tbody td').first().textContent(), `1${NNBSP}415${NNBSP}690`);
  const selection = await tableRows(page, 'programme-2019-selection');
  assert.deepEqual(selection.map((r) => r[1]), ['4 000 000', '40', '50']);

  // Each chart cites the presentation by title and publisher.
  for (const id of ids) {
    assert.match(await page.getByTestId(id).locator('.chart__sources').textContent(),
      /From Smart City to Smart Region.*Agence du Numérique \/ Digital Wallonia/, id);
  }
  // 23 + 21 + 42 = 86, not 88: said under the chart, with both splits shown.
  const note = await page.getByTestId('programme-themes-note').textContent();
  assert.match(note, /\(23 \+ 21 \+ 42\) fait 86, et non 88/);
  assert.match(note, /10 \+ 15/);
  // What followed, from the calls dataset: 43 selected where about 40 were announced.
  assert.match(await page.getByTestId('programme-2019-after').textContent(), /43 projets sélectionnés.*environ 40/);

  // The same CSV download as the barometer's charts.
  const [file] = await Promise.all([page.waitForEvent('download'), page.getByTestId('chart-download-csv-programme-2019-themes').click()]);
  assert.equal(file.suggestedFilename(), 'smart-region-programme-2019-themes.csv');
  const csv = (await readFile(await file.path(), 'utf8')).split('\r\n');
  assert.equal(csv[0], 'key,label,all,small,large');
  assert.equal(csv[1], 'energy,Énergie et environnement,23,10,15');
  assert.deepEqual(page.errors, []);
});

test('in English, the headings, charts and dates follow', async () => {
  const page = await openProgramme({ lang: 'en' });
  assert.equal(await page.locator('h1').textContent(), 'The Smart Région programme');
  assert.match(await page.getByTestId('chart-programme-2019-themes').locator('h3').textContent(), /by theme/);
  assert.equal(await page.getByTestId('programme-event-2019-call-laureates').locator('time').textContent(), '31 May 2019');
  assert.match(await page.getByTestId('programme-themes-note').textContent(), /makes 86, not 88/);
  assert.deepEqual(page.errors, []);
});

test('an event of a call opens the explorer filtered on that call', async () => {
  const page = await openProgramme();
  const link = page.getByTestId('programme-event-2019-call-laureates').locator('a').first();
  assert.equal(await link.getAttribute('href'), '/?call=2019&lang=fr');
  await link.click();
  await page.waitForURL(/\/\?call=2019/);
  const option = page.getByTestId('facet-option-call-2019').locator('input');
  await option.waitFor();
  assert.equal(await option.isChecked(), true);
  await page.waitForFunction((n) => document.querySelector('[data-testid="result-count"]')?.dataset.count === String(n), projects2019.length);
  assert.match(await page.getByTestId('active-filters').textContent(), /2019/);
  // The 2023 phases link to their own filters.
  await page.goBack();
  await page.getByTestId('programme-timeline').waitFor();
  assert.equal(await page.getByTestId('programme-event-2024-call-phase2').locator('a').first().getAttribute('href'), '/?call=2023-phase2&lang=fr');
  // A barometer event links to its section, which is scrolled to once drawn.
  const covid = page.getByTestId('programme-event-2020-covid-study').locator('a').first();
  assert.equal(await covid.getAttribute('href'), '/barometer/?lang=fr#barometer-section-covid');
  await covid.click();
  await page.waitForURL(/\/barometer\/\?lang=fr#barometer-section-covid$/);
  await page.locator('#barometer-section-covid').waitFor();
  await page.waitForFunction(() => {
    const top = document.getElementById('barometer-section-covid').getBoundingClientRect().top;
    return top > -2 && top < window.innerHeight;
  });
  assert.deepEqual(page.errors, []);
});

test('the explorer coverage box and a project page link to their call on the programme page', async () => {
  const page = await newPage(site.browser, { viewport: { width: 1200, height: 900 } });
  await page.goto(`${site.url}/`);
  const link = page.getByTestId('coverage-programme-2019');
  await link.waitFor();
  assert.equal(await link.getAttribute('href'), '/programme/?lang=fr#call-2019');
  assert.equal(await page.getByTestId('coverage-programme-2023-phase1').getAttribute('href'), '/programme/?lang=fr#call-2023');
  await link.click();
  await page.waitForURL(/\/programme\/\?lang=fr#call-2019$/);
  await page.getByTestId('chart-programme-2019-themes').waitFor();
  // Scrolled to the call's section.
  await page.waitForFunction(() => {
    const top = document.getElementById('call-2019').getBoundingClientRect().top;
    return top > -2 && top < window.innerHeight;
  });

  const project = projects.find((p) => p.call_year === 2023);
  await page.goto(`${site.url}/project/${project.id}/`);
  const context = page.getByTestId('call-context-programme');
  await context.waitFor();
  assert.equal(await context.getAttribute('href'), '/programme/?lang=fr#call-2023');
  assert.match(await context.textContent(), /Appel 2023, phase \d dans le programme Smart Région/);
  assert.deepEqual(page.errors, []);
});

test('the deep link under a sub-path: its own entry page, anchors and links under the base', async () => {
  const siteDir = path.join(ROOT, 'target', 'site');
  const html = fs.readFileSync(path.join(siteDir, 'smart-region-explorer', 'programme', 'index.html'), 'utf8');
  assert.match(html, /<title>Le programme Smart Région · Smart Région Explorer<\/title>/);
  assert.match(html, /<meta property="og:title" content="Le programme Smart Région · Smart Région Explorer"/);
  const sub = await serveStatic(siteDir);
  try {
    const page = await newPage(site.browser, { viewport: { width: 1200, height: 900 } });
    const base = `${sub.url}/smart-region-explorer`;
    const response = await page.goto(`${base}/programme/#call-2023`);
    assert.equal(response.status(), 200);
    await page.getByTestId('programme-timeline').locator('li').first().waitFor();
    await page.waitForFunction(() => {
      const top = document.getElementById('call-2023').getBoundingClientRect().top;
      return top > -2 && top < window.innerHeight;
    });
    const link = page.getByTestId('programme-event-2023-call-phase1').locator('a').first();
    assert.equal(await link.getAttribute('href'), '/smart-region-explorer/?call=2023-phase1&lang=fr');
    await link.click();
    await page.waitForURL(/\/smart-region-explorer\/\?call=2023-phase1/);
    assert.equal(await page.getByTestId('facet-option-call-2023-phase1').locator('input').isChecked(), true);
    assert.deepEqual(page.errors, []);
  } finally {
    sub.stop();
  }
});

test('the table of contents lists the sections by their anchors; a link scrolls to its section', async () => {
  const page = await openProgramme();
  const toc = page.getByRole('navigation', { name: 'Sur cette page' });
  const links = await toc.locator('a').evaluateAll((as) => as.map((a) => [a.getAttribute('href'), a.textContent]));
  const sections = await page.locator('.programme__section').evaluateAll((ss) => ss.map((s) => [`/programme/#${s.id}`, s.querySelector('h2').textContent]));
  assert.deepEqual(links, sections);
  assert.deepEqual(links.map(([href]) => href.replace('/programme/', '')), ['#strategy', '#elements', '#call-2019', '#call-2023', '#timeline']);
  await toc.getByRole('link', { name: sections[3][1], exact: true }).click();
  await page.waitForURL(/\/programme\/#call-2023$/);
  await page.waitForFunction(() => Math.abs(document.getElementById('call-2023').getBoundingClientRect().top) < 2);
  assert.deepEqual(page.errors, []);
});

test('on a 320 px wide screen the page does not scroll sideways', async () => {
  const page = await openProgramme({ viewport: { width: 320, height: 640 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true });
  await page.getByTestId('chart-programme-2019-amounts').waitFor();
  await page.waitForFunction(() => [...document.querySelectorAll('figure[data-kind="bars"] canvas')].every((c) => c.style.width !== ''));
  for (const id of ['programme-2019-themes', 'programme-2019-amounts']) {
    await page.getByTestId(`chart-table-toggle-${id}`).click();
  }
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  assert.ok(overflow <= 1, `the page is ${overflow} px wider than the screen`);
});
