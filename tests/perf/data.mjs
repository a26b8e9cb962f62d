// Measures the data explorer (/data/) on a generated Opendatasoft-style export in
// headless Chromium (not a test: it prints figures).
// Usage: wasm-env node tests/perf/data.mjs [rows=1000000] [changes=10]
//   - file chosen → explorer usable (the count, facets, map and first page of the
//     whole file shown), and the longest main-thread task meanwhile;
//   - a search typed as soon as the explorer is usable (it may wait for the word
//     index, which the worker builds once the dataset is shown), and another;
//   - a filter change (a theme toggled) → the count, facets, map and first page
//     updated: median and max over the changes;
//   - the file's size, the page's JavaScript heap at the end, and the peak memory of
//     the renderer process that runs the page and its import worker (VmHWM, Linux),
//     against its memory before the file was chosen, and the import worker's wasm
//     memory at the end (a wasm memory never shrinks: the worker heap's peak).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { serveStatic, launchBrowser, newPage } from '../e2e/harness.mjs';

const rows = Number(process.argv[2] ?? 1_000_000);
const changes = Number(process.argv[3] ?? 10);

// The export: `;`, BOM, decimal comma, commune names (French or Dutch) and NIS codes,
// theme and status (categories), year, date, amount, area, title and project code.
const COMMUNES = [
  ['Liège', 'Luik', '62063'], ['Namur', 'Namen', '92094'], ['Mons', 'Bergen', '53053'],
  ['Charleroi', 'Charleroi', '52011'], ['Tournai', 'Doornik', '57081'], ['Wavre', 'Waver', '25112'],
  ['Arlon', 'Aarlen', '81001'], ['Verviers', 'Verviers', '63079'], ['Ath', 'Aat', '51004'],
  ['Braine-l’Alleud', 'Eigenbrakel', '25014'], ['Écaussinnes', 'Ecaussinnes', '55050'], ['Seraing', 'Seraing', '62096'],
];
const THEMES = ['Mobilité', 'Énergie', 'Gouvernance', 'Environnement', 'Santé', 'Tourisme', 'Économie', 'Sécurité'];
const STATUSES = ['En cours', 'Terminé', 'Planifié', 'Abandonné', 'Suspendu'];
const WORDS = ['réseau', 'capteurs', 'vélos', 'éclairage', 'plateforme', 'citoyenne', 'données', 'chaleur'];
let seed = 2026;
const next = () => { seed = (seed * 1103515245 + 12345) % 2147483648; return seed / 2147483648; };
const pick = (list) => list[Math.floor(next() * list.length)];
const file = path.join(os.tmpdir(), `sre-perf-${rows}.csv`);
if (!fs.existsSync(file)) {
  const out = fs.createWriteStream(file);
  out.write('\ufeffCommune;Code INS;Thème;Statut;Année;Date de début;Montant (€);Surface (m²);Titre du projet;Code projet\n');
  let chunk = [];
  for (let i = 0; i < rows; i += 1) {
    const [fr, nl, nis] = pick(COMMUNES);
    const amount = Math.floor(next() * 2_000_000).toLocaleString('fr-BE').replace(/\u202f|\u00a0/g, ' ');
    chunk.push([next() < 0.1 ? nl : fr, nis, pick(THEMES), pick(STATUSES), 2015 + Math.floor(next() * 11),
      `${2015 + Math.floor(next() * 11)}-0${1 + Math.floor(next() * 9)}-1${Math.floor(next() * 9)}`,
      `${amount},${Math.floor(next() * 90) + 10}`, `${Math.floor(next() * 50000)},5`,
      `${pick(WORDS)} ${pick(WORDS)} ${pick(WORDS)}`, `P-${String(i).padStart(7, '0')}`].join(';'));
    if (chunk.length === 10_000) { out.write(`${chunk.join('\n')}\n`); chunk = []; }
  }
  out.write(chunk.length ? `${chunk.join('\n')}\n` : '');
  await new Promise((resolve) => out.end(resolve));
}
const bytes = fs.statSync(file).size;
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

// The resident and peak resident memory of every Chromium renderer process, in bytes.
function renderers() {
  const out = [];
  for (const pid of fs.readdirSync('/proc').filter((d) => /^\d+$/.test(d))) {
    let command;
    let status;
    try {
      command = fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8');
      if (!command.includes('--type=renderer')) continue;
      status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
    } catch {
      continue;
    }
    const bytesOf = (key) => Number(status.match(new RegExp(`${key}:\\s+(\\d+)`))?.[1] ?? 0) * 1024;
    out.push({ pid, rss: bytesOf('VmRSS'), peak: bytesOf('VmHWM') });
  }
  return out;
}

const server = await serveStatic();
const browser = await launchBrowser();
const page = await newPage(browser, { viewport: { width: 1280, height: 1000 } });
await page.goto(`${server.url}/data/`);
await page.getByTestId('data-file').waitFor();
await page.evaluate(() => {
  window.__longest = 0;
  new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) {
      if (entry.duration > window.__longest) {
        window.__longest = entry.duration;
        window.__longestAt = entry.startTime - (window.__chosen ?? 0);
      }
    }
  }).observe({ type: 'longtask' });
  document.querySelector('[data-testid="data-file"]').addEventListener('change', () => { window.__chosen = performance.now(); }, { capture: true });
});
const before = new Map(renderers().map((r) => [r.pid, r.rss]));
await page.getByTestId('data-file').setInputFiles(file);
await page.waitForFunction((n) => document.querySelector('[data-testid="result-count"]')?.dataset.count === String(n)
  && document.querySelectorAll('[data-testid="results-table"] tbody tr').length > 0
  && document.querySelector('[data-testid="facet-theme"] label'), rows, { timeout: 600_000, polling: 20 });
const [usable, longest, longestAt] = await page.evaluate(() => [performance.now() - window.__chosen, window.__longest, window.__longestAt]);

// The time from an action to the count it changes: `search` sets the search field to
// that text, else the theme "Mobilité" is toggled.
const countChange = (search) => page.evaluate(async (search) => {
  const before = document.querySelector('[data-testid="result-count"]')?.dataset.count;
  const start = performance.now();
  const done = new Promise((resolve) => {
    const observer = new MutationObserver(() => {
      if (document.querySelector('[data-testid="result-count"]')?.dataset.count !== before) {
        observer.disconnect();
        resolve(performance.now());
      }
    });
    observer.observe(document.body, { subtree: true, attributes: true, childList: true, characterData: true });
  });
  if (search === null) {
    document.querySelector('[data-testid="facet-option-theme-Mobilité"] input').click();
  } else {
    const input = document.querySelector('[data-testid="data-search"]');
    input.value = search;
    input.dispatchEvent(new Event('change', { bubbles: true }));
  }
  return (await done) - start;
}, search);

// A search typed as soon as the explorer is usable (the word index is built when the
// worker is idle after showing the dataset: this search may wait for it), then once
// more, then cleared.
const firstSearch = await countChange('velo');
const secondSearch = await countChange('velo eclai');
await countChange('');

const times = [];
for (let i = 0; i < changes; i += 1) {
  times.push(await countChange(null));
  // The rest of the view (facets, map, page) comes in the same update.
  await page.waitForTimeout(50);
}
// The page's renderer: the one whose peak grew most since the file was chosen.
const [renderer] = renderers().map((r) => ({ ...r, base: before.get(r.pid) ?? 0 }))
  .sort((a, b) => (b.peak - b.base) - (a.peak - a.base));
const cdp = await page.context().newCDPSession(page);
await cdp.send('Performance.enable');
const memory = await cdp.send('Performance.getMetrics').then((m) => m.metrics.find((x) => x.name === 'JSHeapUsedSize')?.value ?? 0);
// `wasm_bindgen()` called again returns the started module's exports, its memory among them.
const workerWasm = await Promise.all(page.workers().map((worker) => worker
  .evaluate(async () => (typeof wasm_bindgen === 'function' ? (await wasm_bindgen()).memory.buffer.byteLength : 0))
  .catch(() => 0))).then((sizes) => Math.max(0, ...sizes));
console.log(`file: ${rows.toLocaleString('en')} rows, ${(bytes / 1048576).toFixed(1)} MiB`);
console.log(`file chosen → explorer usable: ${(usable / 1000).toFixed(2)} s; longest main-thread task meanwhile: ${longest.toFixed(0)} ms${longest ? ` (${(longestAt / 1000).toFixed(2)} s after the file was chosen)` : ''}`);
console.log(`search right after usable → count updated: ${firstSearch.toFixed(0)} ms (waits for the word index, built when the worker is idle); another search: ${secondSearch.toFixed(1)} ms`);
console.log(`filter change → count updated: median ${median(times).toFixed(1)} ms, max ${Math.max(...times).toFixed(1)} ms (n=${times.length})`);
console.log(`page JS heap at the end: ${(memory / 1048576).toFixed(1)} MiB (the dataset lives in the worker)`);
if (renderer) {
  const mib = (b) => (b / 1048576).toFixed(1);
  console.log(`renderer (page + worker) memory: ${mib(renderer.base)} MiB before the file, peak ${mib(renderer.peak)} MiB: `
    + `${mib(renderer.peak - renderer.base)} MiB added = ${((renderer.peak - renderer.base) / bytes).toFixed(2)} × the file`);
}
console.log(`import worker's wasm memory (its peak): ${(workerWasm / 1048576).toFixed(1)} MiB = ${(workerWasm / bytes).toFixed(2)} × the file`);
await browser.close();
server.stop();
