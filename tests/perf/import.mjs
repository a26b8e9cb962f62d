// Measures "your own data" on a 50 MB CSV in headless Chromium (not a test: it prints
// figures). Usage: wasm-env node tests/perf/import.mjs [megabytes=50]
//   - file chosen → report shown (read in slices, parsed by the import worker);
//   - the page's longest main-thread task meanwhile (PerformanceObserver 'longtask'),
//     and how many 16 ms animation frames the page still painted.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { serveStatic, launchBrowser, newPage } from '../e2e/harness.mjs';

const megabytes = Number(process.argv[2] ?? 50);
const file = path.join(os.tmpdir(), `sre-import-${megabytes}mb.csv`);
const codes = ['62063', '92094', '25112', '57081', '53053', '52011'];
const out = fs.createWriteStream(file);
// About 90 bytes a row, six columns: 0.55 million rows, 3.3 million values (under the
// 1,000,000-row and 5,000,000-value limits of explorer_core::import::limits).
out.write('nis;commune;annee;valeur;unite;commentaire\n');
let size = 0;
for (let i = 0; size < megabytes * 1e6; i++) {
  const line = `${codes[i % codes.length]};Commune ${i % 262};${2000 + (i % 25)};${i % 1000},5;EUR;ligne numéro ${i} du grand fichier de test\n`;
  out.write(line);
  size += Buffer.byteLength(line);
}
await new Promise((resolve) => out.end(resolve));

const server = await serveStatic();
const browser = await launchBrowser();
const page = await newPage(browser, { viewport: { width: 1280, height: 1000 } });
await page.goto(`${server.url}/`);
await page.getByTestId('map').locator('path').first().waitFor();
await page.getByTestId('open-data-button').click();
await page.evaluate(() => {
  window.__long = [];
  new PerformanceObserver((list) => { for (const e of list.getEntries()) window.__long.push(e.duration); })
    .observe({ type: 'longtask', buffered: false });
  window.__frames = 0;
  const tick = () => { window.__frames++; window.__raf = requestAnimationFrame(tick); };
  tick();
});
const start = Date.now();
await page.getByTestId('open-data-file').setInputFiles(file);
const chosen = Date.now();
await page.getByTestId('import-report').waitFor({ timeout: 300_000 });
await page.waitForFunction(() => !document.querySelector('[data-testid="import-phase"]'), null, { timeout: 300_000 });
const done = Date.now();
const { long, frames, read } = await page.evaluate(() => ({
  long: window.__long,
  frames: window.__frames,
  read: document.querySelector('[data-testid="import-counts"]')?.dataset.read
    ?? document.querySelector('[data-testid="import-report"]').textContent,
}));
console.log(`import of a ${(fs.statSync(file).size / 1e6).toFixed(1)} MB CSV (${read} rows): ${((done - chosen) / 1000).toFixed(2)} s from file chosen to report (setInputFiles itself ${((chosen - start) / 1000).toFixed(2)} s)`);
console.log(`main thread meanwhile: ${long.length} long tasks, longest ${long.length ? Math.max(...long).toFixed(0) : 0} ms; ${frames} frames painted (${(frames / ((done - start) / 1000)).toFixed(0)} per second)`);
await browser.close();
server.stop();
fs.rmSync(file);
