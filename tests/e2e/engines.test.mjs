// What a reader depends on, in Firefox ESR and in WebKit (engines.mjs) as well as in
// Chromium (the other files): the explorer walk with a facet and a map click, deep
// links, the embed snippet on another site, and opening a CSV file of one's own.
import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { serveStatic, laureates, ROOT } from './harness.mjs';
import { ENGINES, launchEngine } from './engines.mjs';

// Expected counts, from data/projects.csv.
const ROWS = laureates();
const ALL = ROWS.length;
const where = (test) => ROWS.filter(test).length;
const MOBILITY = (p) => p.theme === 'mobility-logistics';

const NO_PROJECT = '#e0e0e0';
const byTestId = (id) => `[data-testid="${id}"]`;
const fill = (page, nis) => page.attr(byTestId(`map-commune-${nis}`), 'fill');
const count = (page) => page.attr(byTestId('result-count'), 'data-count').then(Number);
const waitCount = (page, n) =>
  page.waitForFunction((n) => document.querySelector('[data-testid="result-count"]')?.dataset.count === String(n), n);
const tableRows = (page) => page.count('[data-testid="results-table"] tbody tr');

const TIMEOUT = { timeout: 180_000 };

let site;
let temp;
/** The embed dialog's snippets, from the first engine that opened it. */
let dialogSnippets;
before(async () => {
  site = await serveStatic();
  temp = fs.mkdtempSync(path.join(os.tmpdir(), 'sre-engines-'));
});
after(() => {
  site?.stop();
  if (temp) fs.rmSync(temp, { recursive: true, force: true });
});

for (const name of ENGINES) {
  describe(name, () => {
    let engine;
    before(async () => {
      engine = await launchEngine(name);
      console.log(`# ${name}: ${engine.version}`);
    });
    after(() => engine?.close());

    async function openExplorer(route = '/') {
      const page = await engine.newPage();
      await page.setViewport(1280, 1000);
      await page.goto(`${site.url}${route}`);
      await page.waitFor('[data-testid="map"] path');
      return page;
    }

    test('the explorer walk: a facet, then a commune on the map', TIMEOUT, async () => {
      const page = await openExplorer();
      await waitCount(page, ALL);
      assert.notEqual(await fill(page, '52011'), NO_PROJECT, 'Charleroi has projects');

      await page.click(byTestId('facet-option-theme-mobility-logistics'));
      await waitCount(page, where(MOBILITY));
      assert.match(await page.url(), /[?&]theme=mobility-logistics/);
      assert.equal(await tableRows(page), Math.min(where(MOBILITY), 20));
      // The other themes keep their own counts (disjunctive facets).
      assert.equal(
        await page.attr(byTestId('facet-option-theme-governance-citizenship'), 'data-count'),
        String(where((p) => p.theme === 'governance-citizenship')),
      );
      // The map follows: Ottignies-LLN keeps a colour, Charleroi loses it.
      assert.notEqual(await fill(page, '25121'), NO_PROJECT);
      assert.equal(await fill(page, '52011'), NO_PROJECT);

      await page.click(byTestId('map-commune-25121'));
      const inLln = where((p) => MOBILITY(p) && p.communes.includes('Ottignies-Louvain-la-Neuve'));
      assert.ok(inLln > 0);
      await waitCount(page, inLln);
      assert.match(await page.url(), /[?&]commune=25121/);
      assert.equal(await page.attr(byTestId('map-commune-25121'), 'aria-pressed'), 'true');
      assert.match(await page.text(byTestId('active-filters')), /Ottignies/);
      // The browser's Back button returns to the theme alone, and Forward to the commune.
      await page.back();
      await waitCount(page, where(MOBILITY));
      assert.doesNotMatch(await page.url(), /commune=/);
      assert.equal(await page.attr(byTestId('map-commune-25121'), 'aria-pressed'), 'false');
      await page.forward();
      await waitCount(page, inLln);
      // A second click on the commune clears it.
      await page.click(byTestId('map-commune-25121'));
      await waitCount(page, where(MOBILITY));
      assert.doesNotMatch(await page.url(), /commune=/);
      assert.deepEqual(await page.errors(), []);
    });

    test('deep links: a filtered view, a commune page, a project page', TIMEOUT, async () => {
      const page = await openExplorer('/?theme=governance-citizenship&status=completed');
      const expected = where((p) => p.theme === 'governance-citizenship' && p.status === 'completed');
      await waitCount(page, expected);
      assert.equal(await count(page), expected);
      assert.equal(await tableRows(page), Math.min(expected, 20));
      assert.match(await page.text(byTestId('active-filters')), /Gouvernance/);

      await page.goto(`${site.url}/commune/62063/`);
      await page.waitFor('[data-testid="neighbours"] li');
      assert.match(await page.text('[data-testid="commune-page"] h1'), /Liège/);
      const neighbours = await page.text(byTestId('neighbours'));
      assert.match(neighbours, /Chaudfontaine/);
      assert.match(neighbours, /Seraing/);
      assert.match(await page.evaluate(() => document.title), /Liège/);

      await page.goto(`${site.url}/project/ti2019-fais-tes-balises/`);
      await page.waitFor('[data-testid="project-page"] h1');
      assert.equal(await page.text('[data-testid="project-page"] h1'), 'Fais tes balises');
      const communes = await page.evaluate(() =>
        [...document.querySelectorAll('[data-testid="project-page"] a[href*="/commune/"]')].map((a) => a.textContent));
      assert.deepEqual(communes, ['Chaudfontaine', 'Trooz']);
      // Following a link of the page is a navigation inside the app.
      await page.click('[data-testid="project-page"] a[href*="/commune/62022"]');
      await page.waitForFunction(() => /Chaudfontaine/.test(document.querySelector('[data-testid="commune-page"] h1')?.textContent ?? ''));
      assert.match(await page.url(), /\/commune\/62022\/?(\?|$)/);
      assert.deepEqual(await page.errors(), []);

      // The same links on the site as GitHub Pages serves it, under a sub-path.
      const pages = await serveStatic(path.join(ROOT, 'target', 'site'));
      try {
        await page.goto(`${pages.url}/smart-region-explorer/?theme=governance-citizenship&status=completed`);
        await waitCount(page, expected);
        await page.goto(`${pages.url}/smart-region-explorer/project/ti2019-fais-tes-balises/`);
        await page.waitFor('[data-testid="project-page"] h1');
        assert.equal(await page.text('[data-testid="project-page"] h1'), 'Fais tes balises');
        assert.deepEqual(await page.errors(), []);
      } finally {
        pages.stop();
      }
    });

    /** The snippets of the embed dialog (map and table) for the governance theme. */
    async function embedDialogSnippets(governance) {
      const page = await openExplorer('/');
      await page.click(byTestId('facet-option-theme-governance-citizenship'));
      await waitCount(page, governance);
      const entries = await page.evaluate(() => history.length);
      await page.click(byTestId('embed-button'));
      const snippets = {};
      for (const view of ['map', 'table']) {
        await page.select(byTestId('embed-view'), view);
        await page.waitForFunction(
          (view) => document.querySelector('[data-testid="embed-snippet"]').value.includes(`/embed/${view}/`), view);
        snippets[view] = await page.evaluate(() => document.querySelector('[data-testid="embed-snippet"]').value);
        assert.match(snippets[view], new RegExp(`<iframe src="http://127\\.0\\.0\\.1:\\d+/embed/${view}/\\?theme=governance-citizenship`));
        assert.match(snippets[view], /<script src="http:\/\/127\.0\.0\.1:\d+\/embed\.js" async><\/script>/);
      }
      await page.waitFor(byTestId('embed-preview'));
      // Trying the options leaves the page's history alone: Back returns to the explorer
      // as it was before the theme, not to an earlier preview.
      assert.equal(await page.evaluate(() => history.length), entries);
      // Closed, the dialog drops its preview.
      await page.click('.embed-dialog > p:last-of-type button');
      await page.waitForFunction(() => !document.querySelector('[data-testid="embed-preview"]'));
      await page.back();
      await waitCount(page, ALL);
      return snippets;
    }

    test('the embed snippet, pasted in a page of another site, loads and resizes', TIMEOUT, async () => {
      const governance = where((p) => p.theme === 'governance-citizenship');
      // The journalist's side, the embed dialog, in every engine but WebKit. WebKitGTK
      // 2.50.6 under WebKitWebDriver left its web process spinning at full CPU (the page
      // never answering again) in about half the runs here, at a different step each time
      // but always while the dialog's live preview (a second copy of the app, in a
      // same-origin iframe) was shown, changed or closed; not seen in Chromium or
      // Firefox. The reader's side, below, runs in WebKit too, with the snippets the
      // dialog gave in Firefox (the same site, the same server).
      if (name === 'webkit') {
        assert.ok(dialogSnippets, 'the snippets of the Firefox run (SRE_ENGINES=firefox,webkit)');
      } else {
        dialogSnippets = await embedDialogSnippets(governance);
      }
      const snippets = dialogSnippets;

      // Another site: another origin (its own server), the snippet pasted in an article.
      const hostDir = fs.mkdtempSync(path.join(temp, 'host-'));
      for (const [view, snippet] of Object.entries(snippets)) {
        fs.writeFileSync(path.join(hostDir, `${view}.html`),
          `<!doctype html><html><head><meta charset="utf-8"><title>Article</title></head><body><h1>Article</h1>${snippet}<p>End.</p></body></html>`);
      }
      const host = await serveStatic(hostDir);
      try {
        for (const [view, shows] of [['map', '[data-testid="map"] path'], ['table', '[data-testid="results-table"] tbody tr']]) {
          const article = await engine.newPage();
          await article.setViewport(1000, 900);
          await article.goto(`${host.url}/${view}.html`);
          const content = await article.inFrame('iframe[data-sre-embed]', async (frame) => {
            await frame.waitFor(shows);
            if (view === 'table') assert.equal(await tableRows(frame), Math.min(governance, 20));
            else assert.equal(await fill(frame, '52011'), NO_PROJECT);
            // Let the layout settle, then read the height the embed reports.
            await frame.waitForFunction(() => document.fonts.status === 'loaded');
            return frame.evaluate(() => document.querySelector('[data-testid="embed"]').scrollHeight);
          });
          // embed.js set the iframe's height from the embed's message (not the snippet's 600).
          await article.waitForFunction(
            (height) => document.querySelector('iframe[data-sre-embed]').style.height === `${height}px`, content);
          assert.ok(content > 100 && content !== 600, `${view}: content height ${content}`);
          assert.equal(
            await article.evaluate(() => Math.round(document.querySelector('iframe[data-sre-embed]').getBoundingClientRect().height)),
            content,
          );
          assert.deepEqual(await article.errors(), []);
        }
      } finally {
        host.stop();
      }
    });

    test('opening a CSV file: the report, then its values on the map', TIMEOUT, async () => {
      const page = await openExplorer();
      const file = path.join(temp, `montants-${name}.csv`);
      fs.writeFileSync(file, '\ufeffCode INS;Commune;Montant\n62063;Liège;1 234,5\n92094;Namur;"2 000,75"\n12345;Nulle part;3\n52011;Charleroi;9 000\n');
      await page.click(byTestId('open-data-button'));
      await page.setInputFile(byTestId('open-data-file'), file);
      await page.waitFor(byTestId('import-counts'));
      assert.equal(await page.attr(byTestId('import-counts'), 'data-read'), '4');
      assert.equal(await page.attr(byTestId('import-counts'), 'data-kept'), '3');
      assert.equal(await page.attr(byTestId('import-counts'), 'data-rejected'), '1');
      const report = await page.text(byTestId('import-report'));
      assert.match(report, /4 lignes lues, 3 gardées, 1 rejetées/);
      assert.match(report, /ligne 4, champ Code INS: code INS inconnu « 12345 »/);
      assert.equal(await page.evaluate(() => document.querySelector('[data-testid="open-data-value-column"]').value), '2');

      await page.click(byTestId('open-data-show'));
      await page.waitFor(byTestId('user-layer-remove'));
      assert.equal(await page.text(byTestId('map-legend-title')), 'Montant');
      const liege = await fill(page, '62063');
      const charleroi = await fill(page, '52011');
      assert.notEqual(liege, NO_PROJECT);
      assert.notEqual(charleroi, NO_PROJECT);
      assert.notEqual(liege, charleroi, 'different classes');
      // Hannut has projects but no value in the file: grey.
      assert.equal(await fill(page, '64034'), NO_PROJECT);
      assert.deepEqual(await page.errors(), []);
    });
  });
}
