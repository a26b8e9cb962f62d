// Measures the explorer on the real bundle in headless Chromium (not a test: it prints
// figures). Usage: wasm-env node tests/perf/explorer.mjs [runs=20]
//   - navigation start → map painted (every commune path in the DOM, next frame);
//   - a filter change (theme toggled) → map fills and result count updated.
import { serveStatic, launchBrowser, newPage, laureates } from '../e2e/harness.mjs';

const runs = Number(process.argv[2] ?? 20);
// The counts the page must reach, from data/projects.csv.
const rows = laureates();
const ALL = String(rows.length);
const MOBILITY = String(rows.filter((p) => p.theme === 'mobility-logistics').length);
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const server = await serveStatic();
const browser = await launchBrowser();
const loads = [];
const changes = [];
for (let i = 0; i < runs; i += 1) {
  const page = await newPage(browser, { viewport: { width: 1280, height: 1000 } });
  await page.goto(`${server.url}/`);
  await page.waitForFunction(() => document.querySelectorAll('[data-testid^="map-commune-"]').length === 262);
  loads.push(await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => resolve(performance.now())))));
  const toggle = page.getByTestId('facet-option-theme-mobility-logistics');
  for (const expected of [MOBILITY, ALL]) {
    const ms = await page.evaluate(async ([expected, all]) => {
      const start = performance.now();
      document.querySelector('[data-testid="facet-option-theme-mobility-logistics"] input').click();
      await new Promise((resolve) => {
        const check = () => {
          const count = document.querySelector('[data-testid="result-count"]')?.dataset.count;
          const fill = document.querySelector('[data-testid="map-commune-52011"]')?.getAttribute('fill');
          if (count === expected && (expected === all) === (fill !== '#e0e0e0')) resolve();
          else requestAnimationFrame(check);
        };
        check();
      });
      return performance.now() - start;
    }, [expected, ALL]);
    changes.push(ms);
  }
  await toggle.isVisible();
  await page.context().close();
}
console.log(`map painted after navigation start: median ${median(loads).toFixed(0)} ms over ${runs} loads (min ${Math.min(...loads).toFixed(0)}, max ${Math.max(...loads).toFixed(0)})`);
console.log(`filter change to updated map and count: median ${median(changes).toFixed(1)} ms over ${changes.length} changes (min ${Math.min(...changes).toFixed(1)}, max ${Math.max(...changes).toFixed(1)})`);
await browser.close();
server.stop();
