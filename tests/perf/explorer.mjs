// Measures the explorer on the real bundle in headless Chromium (not a test: it prints
// figures). Usage: wasm-env node tests/perf/explorer.mjs [runs=20]
//   - navigation start → map painted (every commune path in the DOM, then the end of the
//     next frame, timed in the page: first-paint.mjs);
//   - navigation start → the explorer's tools shown (the tools app, loaded after the
//     first screen, has put its Share button in the toolbar);
//   - a filter change (a theme toggled) → the count, the map's fills, the facets' counts
//     and the first table page all show the new state: the time until the DOM holds all
//     four (seen by a MutationObserver), and until the next frame is painted.
//   - the longest main-thread task during the changes (PerformanceObserver "longtask").
// The changes are timed after the service worker's first-visit install has finished.
import { serveStatic, launchBrowser, newPage } from '../e2e/harness.mjs';
import { watchMapPaint, mapPaint } from './first-paint.mjs';
import { toggleStates, timeToggle } from './filter-change.mjs';

const runs = Number(process.argv[2] ?? 20);
const states = toggleStates();
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const summary = (xs, digits = 1) =>
  `median ${median(xs).toFixed(digits)} ms (min ${Math.min(...xs).toFixed(digits)}, max ${Math.max(...xs).toFixed(digits)}, n=${xs.length})`;

const server = await serveStatic();
const browser = await launchBrowser();
const inDoms = [];
const loads = [];
const tools = [];
const updated = [];
const painted = [];
const longTasks = [];
for (let i = 0; i < runs; i += 1) {
  const page = await newPage(browser, { viewport: { width: 1280, height: 1000 } });
  await watchMapPaint(page);
  await page.goto(`${server.url}/`);
  const { inDom, painted: shown } = await mapPaint(page);
  inDoms.push(inDom);
  loads.push(shown);
  await page.waitForFunction(() => document.querySelector('[data-testid="share-button"]'));
  tools.push(await page.evaluate(() => performance.now()));
  // The filter changes are timed once the service worker has installed (it fetches and
  // hashes the whole build in the background on a first visit, on the same 2 cores).
  await page.evaluate(() => navigator.serviceWorker?.ready);
  await page.evaluate(() => {
    window.__longest = 0;
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries()) window.__longest = Math.max(window.__longest, entry.duration);
    }).observe({ type: 'longtask' });
  });
  for (const expected of states) {
    const [dom, frame] = await timeToggle(page, expected);
    updated.push(dom);
    painted.push(frame);
  }
  longTasks.push(await page.evaluate(() => window.__longest));
  await page.context().close();
}
console.log(`map in the DOM after navigation start: ${summary(inDoms, 0)}`);
console.log(`map painted after navigation start: ${summary(loads, 0)}`);
console.log(`tools shown after navigation start: ${summary(tools, 0)}`);
console.log(`filter change, DOM updated (count, map, facets, first page): ${summary(updated)}`);
console.log(`filter change, next frame painted: ${summary(painted)}`);
console.log(`longest main-thread task during the changes (0 = none over 50 ms): max ${Math.max(...longTasks).toFixed(0)} ms`);
await browser.close();
server.stop();
