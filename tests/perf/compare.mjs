// Compares the map's first paint of two or more builds of the site (not a test: it
// prints figures). Loads are interleaved in one browser (A B, then B A, …), so that the
// drift of a shared machine falls on every build alike: on this 2-core machine, runs of
// one build vary by 20 % from one minute to the next, which separate runs of
// explorer.mjs cannot tell from a change. With --filter-change, each load then also
// times two filter changes as explorer.mjs does (filter-change.mjs).
// Usage: wasm-env node tests/perf/compare.mjs [--filter-change] RUNS DIR_A DIR_B [DIR_C…]
import { serveStatic, launchBrowser, newPage } from '../e2e/harness.mjs';
import { watchMapPaint, mapPaint } from './first-paint.mjs';
import { toggleStates, timeToggle } from './filter-change.mjs';

const args = process.argv.slice(2);
const withFilterChange = args[0] === '--filter-change';
const [runsArg, ...dirs] = withFilterChange ? args.slice(1) : args;
const runs = Number(runsArg);
if (!(runs > 0) || dirs.length < 2) {
  console.error('usage: compare.mjs [--filter-change] RUNS DIR_A DIR_B [DIR_C…]');
  process.exit(2);
}
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const mean = (xs) => xs.reduce((a, b) => a + b, 0) / xs.length;
const figures = (xs, digits) =>
  `median ${median(xs).toFixed(digits)} ms, mean ${mean(xs).toFixed(digits)}, min ${Math.min(...xs).toFixed(digits)}, max ${Math.max(...xs).toFixed(digits)} (n=${xs.length})`;

const servers = await Promise.all(dirs.map((dir) => serveStatic(dir)));
const browser = await launchBrowser();
const states = toggleStates();
const painted = dirs.map(() => []);
const changed = dirs.map(() => []);
for (let run = 0; run < runs; run += 1) {
  const order = dirs.map((_, k) => (run % 2 === 0 ? k : dirs.length - 1 - k));
  for (const k of order) {
    // A fresh context per load: a first visit, no cache, no service worker.
    const page = await newPage(browser, { viewport: { width: 1280, height: 1000 } });
    await watchMapPaint(page);
    await page.goto(`${servers[k].url}/`);
    painted[k].push((await mapPaint(page)).painted);
    if (withFilterChange) {
      // As explorer.mjs: once the tools are in and the service worker has installed.
      await page.waitForFunction(() => document.querySelector('[data-testid="share-button"]'));
      await page.evaluate(() => navigator.serviceWorker?.ready);
      for (const expected of states) changed[k].push((await timeToggle(page, expected))[0]);
    }
    await page.context().close();
  }
}
for (const [k, dir] of dirs.entries()) {
  console.log(`${dir}: map painted ${figures(painted[k], 0)}`);
  if (withFilterChange) console.log(`${dir}: filter change, DOM updated ${figures(changed[k], 1)}`);
}
await browser.close();
servers.forEach((server) => server.stop());
