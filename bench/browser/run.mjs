// Runs the browser benchmark (bench/browser/index.html) in headless Chromium:
// serves the page, the wasm package (target/bench-wasm/pkg) and node_modules
// from 127.0.0.1, runs each size in a fresh page, prints a markdown table and
// writes target/bench-report.json. Exits 1 when a peer's results differ from ours.
// Usage: node bench/browser/run.mjs   (ROWS=10000,100000,1000000 by default)
import { createRequire } from 'node:module';
import { createServer } from 'node:http';
import { fileURLToPath } from 'node:url';
import fs from 'node:fs';
import path from 'node:path';

const require = createRequire(import.meta.url);
const { chromium } = require('playwright-core');

const HERE = path.dirname(fileURLToPath(import.meta.url));
const ROOT = path.resolve(HERE, '..', '..');
const ROUTES = [
  ['/pkg/', path.join(ROOT, 'target', 'bench-wasm', 'pkg')],
  ['/node_modules/', path.join(ROOT, 'bench', 'node_modules')],
  ['/', HERE],
];
const TYPES = {
  '.html': 'text/html', '.js': 'text/javascript', '.mjs': 'text/javascript', '.cjs': 'text/javascript',
  '.wasm': 'application/wasm', '.json': 'application/json', '.map': 'application/json',
};
const SIZES = (process.env.ROWS ?? '10000,100000,1000000').split(',').map(Number).filter((n) => n > 0);
const RUNS = Number(process.env.RUNS ?? 20);

/** A static server over ROUTES on a free loopback port. */
function serve() {
  const server = createServer((req, res) => {
    const url = decodeURIComponent(new URL(req.url, 'http://x').pathname);
    const [prefix, dir] = ROUTES.find(([p]) => url.startsWith(p));
    const file = path.join(dir, url.slice(prefix.length) || 'index.html');
    if (!file.startsWith(dir) || !fs.existsSync(file) || fs.statSync(file).isDirectory()) {
      res.writeHead(404).end();
      return;
    }
    res.writeHead(200, {
      'content-type': TYPES[path.extname(file)] ?? 'application/octet-stream',
      // Cross-origin isolation: performance.now() then ticks every 5 µs, not 100 µs.
      'cross-origin-opener-policy': 'same-origin',
      'cross-origin-embedder-policy': 'require-corp',
    });
    fs.createReadStream(file).pipe(res);
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server)));
}

/** Criterion's median estimate (ms) of engine/<op>/<rows>, if `cargo bench` ran. */
function nativeMs(op, rows) {
  const file = path.join(ROOT, 'target', 'criterion', 'engine', op, String(rows), 'new', 'estimates.json');
  try {
    return JSON.parse(fs.readFileSync(file, 'utf8')).median.point_estimate / 1e6;
  } catch {
    return null;
  }
}

const server = await serve();
const base = `http://127.0.0.1:${server.address().port}`;
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_BIN || '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
    '--disable-background-networking', '--disable-component-update', '--disable-sync',
    '--js-flags=--max-old-space-size=8192'],
});
const report = [];
const results = [];
let failed = false;
try {
  for (const rows of SIZES) {
    const context = await browser.newContext();
    const page = await context.newPage();
    const errors = [];
    page.on('pageerror', (e) => errors.push(String(e)));
    page.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
    await page.goto(`${base}/index.html`);
    await page.waitForFunction(() => window.benchReady === true || document.getElementById('status')?.textContent?.startsWith('error'), null, { timeout: 60_000 });
    if (errors.length) throw new Error(`page errors: ${errors.join('\n')}`);
    const buildRuns = rows >= 1_000_000 ? 5 : RUNS;
    const started = Date.now();
    const result = await page.evaluate(([n, runs, b]) => window.runBench(n, { runs, buildRuns: b }), [rows, RUNS, buildRuns]);
    console.error(`${rows} rows: ${((Date.now() - started) / 1000).toFixed(0)} s, checks ${JSON.stringify(result.checks)}`);
    results.push(result);
    for (const [operation, t] of Object.entries(result.ops)) {
      report.push({
        operation, rows, ours_ms: t.ours_ms, duckdb_ms: t.duckdb_ms, arquero_ms: t.arquero_ms,
        native_ms: nativeMs(operation, rows),
        duckdb_same_results: Object.values(result.checks.duckdb).every(Boolean),
        arquero_same_results: Object.values(result.checks.arquero).every(Boolean),
        wasm_heap_bytes: result.memory.wasm_heap_bytes,
        index_bytes: result.memory.index_bytes,
        raw_bytes: result.memory.raw_bytes,
        matching: result.matching,
        runs: operation === 'index_build' ? result.build_runs : result.runs,
      });
    }
    failed ||= Object.values(result.checks).some((c) => !Object.values(c).every(Boolean));
    await context.close();
  }
} finally {
  await browser.close();
  server.close();
}

const ms = (v) => (v == null ? '–' : v < 1 ? v.toFixed(3) : v < 100 ? v.toFixed(2) : v.toFixed(0));
const mb = (v) => (v / 1048576).toFixed(1);
const lines = [
  '| operation | rows | native (ms) | ours, wasm (ms) | DuckDB-wasm (ms) | Arquero (ms) | same results (DuckDB / Arquero) |',
  '|---|---:|---:|---:|---:|---:|---|',
  ...report.map((r) => `| ${r.operation} | ${r.rows} | ${ms(r.native_ms)} | ${ms(r.ours_ms)} | ${ms(r.duckdb_ms)} | ${ms(r.arquero_ms)} | ${r.duckdb_same_results ? 'yes' : 'NO'} / ${r.arquero_same_results ? 'yes' : 'NO'} |`),
  '',
  '| rows | matching | index (MiB) | raw columns (MiB) | index / raw | wasm heap (MiB) |',
  '|---:|---:|---:|---:|---:|---:|',
  ...results.map((r) => `| ${r.rows} | ${r.matching} | ${mb(r.memory.index_bytes)} | ${mb(r.memory.raw_bytes)} | ${(r.memory.index_bytes / r.memory.raw_bytes).toFixed(2)} | ${mb(r.memory.wasm_heap_bytes)} |`),
];
const peers = results[0]?.peers ?? {};
lines.push('', 'What each peer runs:', ...Object.values(peers).map((text) => `- ${text}`));
console.log(lines.join('\n'));
fs.mkdirSync(path.join(ROOT, 'target'), { recursive: true });
fs.writeFileSync(path.join(ROOT, 'target', 'bench-report.json'), `${JSON.stringify(report, null, 2)}\n`);
console.log('\nwritten target/bench-report.json');
if (failed) {
  console.error('a peer gave different results: see the checks above');
  process.exit(1);
}
