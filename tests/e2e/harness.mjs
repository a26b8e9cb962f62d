// Browser test harness: serves dist/ with a plain static file server (python3 -m
// http.server) on 127.0.0.1 and drives Debian's Chromium through playwright-core.
import { createRequire } from 'node:module';
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { before, after } from 'node:test';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const require = createRequire(import.meta.url);
const { chromium } = require('playwright-core');

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
export const DIST = path.join(ROOT, 'dist');

/** Starts `python3 -m http.server` on a free port over `dir`; resolves to { url, stop }. */
export function serveStatic(dir = DIST) {
  return new Promise((resolve, reject) => {
    const child = spawn('python3', ['-u', '-m', 'http.server', '0', '--bind', '127.0.0.1', '--directory', dir], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    const onData = (chunk) => {
      out += chunk;
      const match = out.match(/port (\d+)/);
      if (match) {
        child.stdout.off('data', onData);
        resolve({ url: `http://127.0.0.1:${match[1]}`, stop: () => child.kill() });
      }
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', () => {});
    child.on('exit', (code) => reject(new Error(`http.server exited with ${code}: ${out}`)));
  });
}

/**
 * Launches headless Chromium with the flags this closed network needs; with
 * `backForwardCache`, the browser keeps a page left by a link and shows it again on
 * Back, as browsers do for their users (Playwright turns that off by default).
 */
export function launchBrowser({ backForwardCache = false } = {}) {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_BIN || '/usr/bin/chromium',
    ignoreDefaultArgs: backForwardCache ? ['--disable-back-forward-cache'] : [],
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
}

/** A new page that records console errors and page errors in `page.errors`. */
export async function newPage(browser, options = {}) {
  const context = await browser.newContext(options);
  const page = await context.newPage();
  page.errors = [];
  page.on('console', (msg) => { if (msg.type() === 'error') page.errors.push(msg.text()); });
  page.on('pageerror', (err) => page.errors.push(String(err)));
  return page;
}

/**
 * Sets up a test file: before its tests, serves `dir` (default dist/) and launches the
 * browser; after them, stops both. Returns an object whose `url` and `browser` are
 * set once started, and `fixture(name, text)`, which writes a file in a temporary
 * directory removed at the end and returns its path.
 */
export function useSite(dir = DIST) {
  const site = {};
  let temp;
  site.fixture = (name, text) => {
    temp ??= fs.mkdtempSync(path.join(os.tmpdir(), 'sre-e2e-'));
    const file = path.join(temp, name);
    fs.writeFileSync(file, text, 'utf8');
    return file;
  };
  before(async () => {
    site.server = await serveStatic(dir);
    site.url = site.server.url;
    site.browser = await launchBrowser();
  });
  after(async () => {
    await site.browser?.close();
    site.server?.stop();
    if (temp) fs.rmSync(temp, { recursive: true, force: true });
  });
  return site;
}

/**
 * The rows of a committed data file (`data/<file>`) as objects, read with RFC 4180
 * quoting: tests derive their expected counts from the data, so that adding a
 * laureate row changes no test.
 */
export function dataRows(file) {
  const text = fs.readFileSync(path.join(ROOT, 'data', file), 'utf8').replace(/^\uFEFF/, '');
  const rows = [];
  let row = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i += 1) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') { field += '"'; i += 1; } else if (c === '"') quoted = false; else field += c;
    } else if (c === '"') {
      quoted = true;
    } else if (c === ',') {
      row.push(field); field = '';
    } else if (c === '\n' || c === '\r') {
      if (c === '\r' && text[i + 1] === '\n') i += 1;
      row.push(field); rows.push(row); row = []; field = '';
    } else {
      field += c;
    }
  }
  if (field !== '' || row.length) { row.push(field); rows.push(row); }
  const [header, ...body] = rows.filter((r) => r.length > 1 || r[0] !== '');
  return body.map((r) => Object.fromEntries(header.map((h, i) => [h, r[i] ?? ''])));
}

/** The laureate rows of `data/projects.csv`, with `communes` (the names as a list). */
export function laureates() {
  return dataRows('projects.csv').map((p) => ({ ...p, communes: p.municipalities.split('|').filter(Boolean) }));
}
