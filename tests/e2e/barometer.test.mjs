// The barometer page: one canvas per bar chart, drawn crisp and in the page's theme; the
// data table, the PNG and CSV downloads, the series toggles, languages and sources.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { useSite, newPage } from './harness.mjs';

const site = useSite();

const NNBSP = '\u202f';
const bars = '[data-testid^="chart-"][data-kind="bars"]';

/** Opens the barometer (French unless `lang`) and waits until every bar chart is drawn. */
async function openBarometer({ lang, ...options } = {}) {
  const page = await newPage(site.browser, { viewport: { width: 1200, height: 900 }, ...options });
  await page.goto(`${site.url}/barometer/${lang ? `?lang=${lang}` : ''}`);
  await page.getByTestId('chart-obstacles').waitFor();
  await page.waitForFunction((sel) => {
    const canvases = [...document.querySelectorAll(`${sel} canvas`)];
    return canvases.length > 0 && canvases.every((c) => c.width > 0 && c.style.width !== '');
  }, bars);
  return page;
}

/** Per bar-chart canvas: size, CSS size, and how many pixels differ from the background. */
function canvasStats(page, selector = `${bars} canvas`) {
  return page.$$eval(selector, (canvases) =>
    canvases.map((c) => {
      const { data } = c.getContext('2d').getImageData(0, 0, c.width, c.height);
      const bg = [data[0], data[1], data[2]];
      let ink = 0;
      let bar = 0;
      for (let i = 0; i < data.length; i += 4) {
        const d = Math.abs(data[i] - bg[0]) + Math.abs(data[i + 1] - bg[1]) + Math.abs(data[i + 2] - bg[2]);
        if (d > 40) ink += 1;
        // The single-series colour, #2c7fb8.
        if (Math.abs(data[i] - 0x2c) + Math.abs(data[i + 1] - 0x7f) + Math.abs(data[i + 2] - 0xb8) < 12) bar += 1;
      }
      return {
        id: c.dataset.testid, width: c.width, height: c.height, cssWidth: c.getBoundingClientRect().width,
        ink, bar, pixels: data.length / 4, bg,
      };
    }));
}

/** Clicks `testid` and returns the download's suggested name and content. */
async function download(page, testid) {
  const [file] = await Promise.all([page.waitForEvent('download'), page.getByTestId(testid).click()]);
  return { name: file.suggestedFilename(), bytes: await readFile(await file.path()) };
}

test('the barometer shows one canvas per bar chart, each with non-blank pixels', async () => {
  const page = await openBarometer();
  assert.equal(await page.locator('h1').textContent(), 'Baromètre Smart City');
  assert.equal(await page.locator('.barometer__section').count(), 6);
  const figures = await page.locator('figure[data-kind]').evaluateAll((fs) => fs.map((f) => [f.dataset.testid, f.dataset.kind]));
  const barCharts = figures.filter(([, kind]) => kind === 'bars');
  assert.ok(barCharts.length >= 20, `${barCharts.length} bar charts`);
  assert.ok(figures.some(([id, kind]) => id === 'chart-obstacles-rank' && kind === 'ranking'));
  assert.deepEqual(figures.at(-1), ['chart-figures', 'figures']);
  // One canvas in each bar chart, none elsewhere.
  for (const [id] of barCharts) {
    assert.equal(await page.locator(`[data-testid="${id}"] canvas`).count(), 1, id);
  }
  assert.equal(await page.locator('figure:not([data-kind="bars"]) canvas').count(), 0);

  const stats = await canvasStats(page);
  assert.equal(stats.length, barCharts.length);
  for (const s of stats) {
    assert.ok(s.ink > s.pixels * 0.01, `${s.id} looks blank: ${s.ink} of ${s.pixels} pixels drawn`);
    assert.ok(s.height > 60, `${s.id} is ${s.height}px high`);
  }
  // Single-series charts draw their bars in the palette's blue.
  const relevance = stats.find((s) => s.id === 'chart-canvas-relevance-2017');
  assert.ok(relevance.bar > 1000, `relevance bars: ${relevance.bar} blue pixels`);
  // Ranks are ordered lists.
  const ranks = await page.getByTestId('chart-obstacles-rank').locator('ol li').allTextContents();
  assert.deepEqual(ranks.map((t) => t.replace(/\s+/g, ' ').trim()), ['1er Budgets', '2e Expertise', '3e Technologies']);
  assert.deepEqual(page.errors, []);
});

test('canvases are scaled by the device pixel ratio and follow the container width', async () => {
  const page = await openBarometer({ deviceScaleFactor: 2 });
  const [wide] = await canvasStats(page, '[data-testid="chart-canvas-obstacles"]');
  assert.equal(wide.width, Math.round(wide.cssWidth * 2), 'backing store = 2 × CSS width');
  await page.setViewportSize({ width: 420, height: 900 });
  await page.waitForFunction((w) => {
    const c = document.querySelector('[data-testid="chart-canvas-obstacles"]');
    return c && c.width < w && c.width === Math.round(c.getBoundingClientRect().width * 2);
  }, wide.width);
  const [narrow] = await canvasStats(page, '[data-testid="chart-canvas-obstacles"]');
  assert.ok(narrow.cssWidth <= 420, `${narrow.cssWidth}px wide in a 420px window`);
  // Narrow: labels above the bars, so the chart grows taller.
  assert.ok(narrow.height > wide.height, `${narrow.height} ≤ ${wide.height}`);
  assert.ok(narrow.ink > narrow.pixels * 0.01);
  assert.deepEqual(page.errors, []);
});

test('the table toggle shows the chart\'s figures, formatted for the language', async () => {
  const page = await openBarometer();
  const chart = page.getByTestId('chart-obstacles');
  const toggle = page.getByTestId('chart-table-toggle-obstacles');
  const table = page.getByTestId('chart-table-obstacles');
  assert.equal(await table.isVisible(), false);
  assert.equal(await toggle.getAttribute('aria-expanded'), 'false');
  assert.equal((await toggle.textContent()).trim(), 'Afficher en tableau');
  await toggle.click();
  await table.waitFor({ state: 'visible' });
  assert.equal(await toggle.getAttribute('aria-expanded'), 'true');
  const head = await table.locator('thead th').allTextContents();
  assert.deepEqual(head, ['Libellé', '2018 · Wallonie', '2021 · Wallonie']);
  const rows = await table.locator('tbody tr').evaluateAll((trs) =>
    trs.map((tr) => [...tr.children].map((c) => c.querySelector('[aria-hidden]') ? '–' : c.textContent.trim())));
  assert.deepEqual(rows, [
    ['Obstacle : difficulté à mobiliser les budgets', `50${NNBSP}%`, `50${NNBSP}%`],
    ['Obstacle : acquisition de l\'expertise nécessaire', `38${NNBSP}%`, `49${NNBSP}%`],
    ['Répondants estimant les projets Smart City (très) difficiles à mettre en place', '–', `66${NNBSP}%`],
  ]);
  // The text alternative leads with the key figure.
  const label = await chart.locator('canvas').getAttribute('aria-label');
  assert.match(label, /^Obstacles aux projets Smart City\. Graphique en barres, 5 valeurs\. Valeur la plus élevée : .+, 66\u202f%\.$/);
  // Caption: unit, surveys with year and scope.
  const meta = await chart.locator('.chart__meta').textContent();
  assert.match(meta, /Unité : pourcentage/);
  assert.match(meta, /SCI Baromètre wallon Smart Cities 2018 \(2018, Wallonie\)/);
  await toggle.click();
  await table.waitFor({ state: 'hidden' });

  // English numbers: no space before %, thousands with commas.
  const en = await openBarometer({ lang: 'en' });
  await en.getByTestId('chart-table-toggle-population-2030').click();
  const cells = await en.getByTestId('chart-table-population-2030').locator('tbody td').allTextContents();
  assert.deepEqual(cells, ['11,000,000', '12,700,000']);
  await en.getByTestId('chart-table-toggle-obstacles').click();
  assert.match(await en.getByTestId('chart-table-obstacles').textContent(), /66%/);
  assert.deepEqual([...page.errors, ...en.errors], []);
});

test('PNG and CSV downloads hold the chart and its data', async () => {
  const page = await openBarometer();
  const csv = await download(page, 'chart-download-csv-obstacles');
  assert.equal(csv.name, 'barometre-obstacles.csv');
  const lines = csv.bytes.toString('utf8').split('\r\n').filter(Boolean);
  assert.equal(lines[0], 'survey,year,scope,indicator_id,breakdown,label,value,unit,sources');
  assert.equal(lines.length, 6);
  assert.deepEqual(lines.slice(1).map((l) => l.split(',').slice(3, 5).join(' ')), [
    'w18_obstacle_budgets all', 'w21_obstacle_budgets all', 'w18_obstacle_expertise all',
    'w21_obstacle_expertise all', 'w21_projects_difficult all',
  ]);
  assert.match(lines[5], /,66,percent,https:\/\/datanews\.levif\.be\//);
  assert.match(lines[1], /^SCI Baromètre wallon Smart Cities 2018,2018,Wallonia,/);

  const png = await download(page, 'chart-download-png-obstacles');
  assert.equal(png.name, 'barometre-obstacles.png');
  assert.deepEqual([...png.bytes.subarray(0, 8)], [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a], 'PNG signature');
  const width = png.bytes.readUInt32BE(16);
  const height = png.bytes.readUInt32BE(20);
  assert.ok(width >= 1280, `PNG ${width}px wide: exported at 2× at least 640 CSS px`);
  assert.ok(height > 300, `PNG ${height}px high`);

  // Rankings have their CSV too, but no image.
  assert.equal(await page.getByTestId('chart-download-png-obstacles-rank').count(), 0);
  const ranks = await download(page, 'chart-download-csv-obstacles-rank');
  assert.match(ranks.bytes.toString('utf8'), /w21_obstacle_rank_budgets,all,Principaux obstacles : budgets \(rang\),1,rank,/);
  assert.deepEqual(page.errors, []);
});

test('series toggles compare surveys, and the last one cannot be hidden', async () => {
  const page = await openBarometer();
  const [before] = await canvasStats(page, '[data-testid="chart-canvas-obstacles"]');
  const y2018 = page.getByTestId('chart-series-obstacles-0');
  const y2021 = page.getByTestId('chart-series-obstacles-1');
  assert.equal(await y2018.isChecked(), true);
  await y2018.uncheck();
  // Without 2018, three bars instead of five: the canvas gets shorter.
  await page.waitForFunction((h) => document.querySelector('[data-testid="chart-canvas-obstacles"]').height < h, before.height);
  assert.equal(await y2021.isDisabled(), true, 'the only visible series stays');
  await y2018.check();
  await page.waitForFunction((h) => document.querySelector('[data-testid="chart-canvas-obstacles"]').height === h, before.height);
  assert.equal(await y2021.isDisabled(), false);
  assert.deepEqual(page.errors, []);
});

test('the charts follow the dark colour scheme, also when it changes', async () => {
  const dark = await openBarometer({ colorScheme: 'dark' });
  const [d] = await canvasStats(dark, '[data-testid="chart-canvas-obstacles"]');
  assert.deepEqual(d.bg, [0x12, 0x16, 0x1c], 'dark background (--bg)');
  assert.ok(d.ink > d.pixels * 0.01);
  await dark.emulateMedia({ colorScheme: 'light' });
  await dark.waitForFunction(() => {
    const c = document.querySelector('[data-testid="chart-canvas-obstacles"]');
    return c.getContext('2d').getImageData(0, 0, 1, 1).data[0] === 255;
  });
  assert.deepEqual(dark.errors, []);
});

test('sources link only to the web, documents show their title, the conflicting reading is left out', async () => {
  const page = await openBarometer();
  const links = await page.locator('.chart__sources a').evaluateAll((as) => as.map((a) => [a.getAttribute('href'), a.rel]));
  assert.ok(links.length > 20);
  for (const [href, rel] of links) {
    assert.match(href, /^https?:\/\//);
    assert.equal(rel, 'noopener noreferrer');
  }
  const sources = await page.locator('.chart__sources').allTextContents();
  assert.ok(!sources.some((s) => /\.txt\b/.test(s)), 'document file names are replaced by titles');
  assert.match(await page.getByTestId('chart-project-managers-2017').locator('.chart__sources cite').textContent(),
    /^Synthèse succincte du baromètre/);

  // Only the relevance reading of 2017, with a note on the other one.
  const relevance = page.getByTestId('chart-relevance-2017');
  assert.match(await relevance.getByTestId('chart-note-relevance-2017').textContent(), /contredit/);
  await page.getByTestId('chart-table-toggle-relevance-2017').click();
  assert.equal(await page.getByTestId('chart-table-relevance-2017').locator('tbody tr').count(), 5);
  assert.equal(await page.getByText('selon la synthèse ; voir conflit').count(), 0);
  const all = await page.locator('main').textContent();
  assert.ok(!all.includes('be17_not_concerned_per_summary'));
  assert.deepEqual(page.errors, []);
});

test('Dutch and German pages show English data labels and say so', async () => {
  const page = await openBarometer({ lang: 'nl' });
  await page.getByTestId('barometer-labels-note').waitFor();
  assert.match(await page.getByTestId('barometer-section-progress').locator('h2').textContent(), /Vooruitgang en obstakels/);
  const chart = page.getByTestId('chart-obstacles');
  assert.equal(await chart.locator('h3').textContent(), 'Obstakels voor Smart City-projecten');
  await page.getByTestId('chart-table-toggle-obstacles').click();
  const first = page.getByTestId('chart-table-obstacles').locator('tbody th').first();
  assert.equal(await first.textContent(), 'Obstacle: difficulty mobilising budgets');
  assert.equal(await first.getAttribute('lang'), 'en');

  // German too: its own titles, English labels, the note.
  await page.getByTestId('lang-switch').selectOption('de');
  await page.waitForFunction(() => document.querySelector('[data-testid="chart-obstacles"] h3')?.textContent === 'Hindernisse für Smart-City-Projekte');
  await page.getByTestId('barometer-labels-note').waitFor();
  assert.match(await page.getByTestId('barometer-labels-note').textContent(), /Englisch/);

  // Switching to French rebuilds the charts in French, without the note.
  await page.getByTestId('lang-switch').selectOption('fr');
  await page.waitForFunction(() => document.querySelector('[data-testid="chart-obstacles"] h3')?.textContent === 'Obstacles aux projets Smart City');
  assert.equal(await page.getByTestId('barometer-labels-note').count(), 0);
  await page.waitForFunction(() => document.querySelector('[data-testid="chart-canvas-obstacles"]')?.width > 0);
  assert.deepEqual(page.errors, []);
});

test('the table of contents links to every section by a stable anchor, and a click scrolls there', async () => {
  const page = await openBarometer();
  const toc = page.getByRole('navigation', { name: 'Sur cette page' });
  const links = await toc.locator('a').evaluateAll((as) => as.map((a) => [a.getAttribute('href'), a.textContent]));
  const headings = await page.locator('.barometer__section > h2').evaluateAll((hs) => hs.map((h) => [`/barometer/#${h.id}`, h.textContent]));
  assert.equal(links.length, 6);
  assert.deepEqual(links, headings, 'one link per section, in page order, named by its heading');
  assert.deepEqual(links.map(([href]) => href), ['perception', 'approach', 'progress', 'smart-region', 'covid', 'surveys']
    .map((key) => `/barometer/#barometer-section-${key}`));
  // The router keeps the page, writes the fragment and scrolls to the section.
  await toc.getByRole('link', { name: 'La crise du Covid-19' }).click();
  await page.waitForURL(/\/barometer\/#barometer-section-covid$/);
  await page.waitForFunction(() => Math.abs(document.getElementById('barometer-section-covid').getBoundingClientRect().top) < 2);
  assert.equal(await page.getByTestId('chart-obstacles').count(), 1, 'still the same page');
  // Back leaves the fragment.
  await page.goBack();
  await page.waitForURL(/\/barometer\/$/);

  // The anchors are the same in another language; only the titles change.
  const nl = await openBarometer({ lang: 'nl' });
  const nlLinks = await nl.getByRole('navigation', { name: 'Op deze pagina' }).locator('a').evaluateAll((as) =>
    as.map((a) => [a.getAttribute('href'), a.textContent]));
  assert.deepEqual(nlLinks.map(([href]) => href), links.map(([href]) => href.replace('/#', '/?lang=nl#')));
  assert.match(nlLinks[2][1], /Vooruitgang en obstakels/);
  assert.deepEqual([...page.errors, ...nl.errors], []);
});

test('opened on a section\'s anchor, the page scrolls to it once the charts are drawn', async () => {
  const page = await newPage(site.browser, { viewport: { width: 1200, height: 900 } });
  const response = await page.goto(`${site.url}/barometer/#barometer-section-surveys`);
  assert.equal(response.status(), 200);
  await page.getByTestId('chart-figures').waitFor();
  await page.waitForFunction(() => {
    const top = document.getElementById('barometer-section-surveys').getBoundingClientRect().top;
    return top > -2 && top < 50;
  });
  assert.deepEqual(page.errors, []);
});

test('on a 320 px wide phone the table of contents wraps instead of scrolling sideways', async () => {
  const page = await openBarometer({ viewport: { width: 320, height: 640 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true });
  const toc = page.getByTestId('toc');
  const box = await toc.boundingBox();
  assert.ok(box.x >= 0 && box.x + box.width <= 320, `the contents span ${box.x}–${box.x + box.width} px`);
  const rows = await toc.locator('li').evaluateAll((lis) => new Set(lis.map((li) => Math.round(li.getBoundingClientRect().top))).size);
  assert.ok(rows > 1, 'the links wrap onto several rows');
  assert.ok(await page.evaluate(() => document.documentElement.scrollWidth) <= 320);
  assert.deepEqual(page.errors, []);
});
