// Offline and installable: after a first visit the service worker (sw.js, written by
// `datakit site`) serves the app and the data with the network off; a new deployment is
// taken whole on a later visit, never mixed with the build a page started with; the
// manifest makes the site installable, and the embeds neither link it nor register the
// worker. At the site's root (dist/) and under a sub-path (target/site/…), as GitHub
// Pages serves it.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { DIST, ROOT, serveStatic, launchBrowser, laureates } from './harness.mjs';

const ROWS = laureates();
const ALL = ROWS.length;
const THEME = 'mobility-logistics';
const OF_THEME = ROWS.filter((p) => p.theme === THEME).length;

/** The two builds: the directory served and the base path the site lives under. */
const SITES = [
  { name: 'at the root', dir: DIST, base: '/' },
  { name: 'under a sub-path', dir: path.join(ROOT, 'target', 'site'), base: '/smart-region-explorer/' },
];

let browser;
before(async () => { browser = await launchBrowser(); });
after(async () => { await browser?.close(); });

/** A new page in `context` that records console errors and page errors in `page.errors`. */
async function newTab(context) {
  const page = await context.newPage();
  page.errors = [];
  page.on('console', (msg) => { if (msg.type() === 'error') page.errors.push(msg.text()); });
  page.on('pageerror', (err) => page.errors.push(String(err)));
  return page;
}

const count = (page) => page.getByTestId('result-count').getAttribute('data-count').then(Number);
const waitCount = (page, n) =>
  page.waitForFunction((n) => document.querySelector('[data-testid="result-count"]')?.dataset.count === String(n), n);
const mapShown = (page) => page.getByTestId('map').locator('path').first().waitFor();
/** The build the page runs, from its `<meta name="sre-build">`. */
const buildOf = (page) => page.locator('meta[name="sre-build"]').getAttribute('content');
/** Evaluates `fn(arg)` in `page` every 100 ms until it resolves to a truthy value (20 s at most). */
async function until(page, fn, arg) {
  for (const started = Date.now(); Date.now() - started < 20_000; await new Promise((r) => setTimeout(r, 100))) {
    if (await page.evaluate(fn, arg)) return;
  }
  throw new Error(`still false after 20 s: ${fn}`);
}
/** The state of the active service worker of the page's scope, once activated. */
async function workerReady(page) {
  await until(page, () => navigator.serviceWorker.getRegistration().then((r) => r?.active?.state === 'activated'));
  return page.evaluate(() => navigator.serviceWorker.getRegistration().then((r) => r.active.state));
}
/** Chromium's reasons why the page cannot be installed, but the test profile's own (incognito). */
async function installabilityErrors(context, page) {
  const cdp = await context.newCDPSession(page);
  const { installabilityErrors } = await cdp.send('Page.getInstallabilityErrors');
  return installabilityErrors.map((e) => e.errorId).filter((id) => id !== 'in-incognito');
}

/** A first visit of `base`: the page loads, the worker installs, and a reload is controlled by it. */
async function firstVisit(context, url, base) {
  const page = await newTab(context);
  await page.goto(`${url}${base}`);
  await mapShown(page);
  assert.equal(await workerReady(page), 'activated');
  await page.reload();
  await mapShown(page);
  assert.equal(await page.evaluate(() => navigator.serviceWorker.controller?.scriptURL), `${url}${base}sw.js`);
  return page;
}

for (const site of SITES) {
  test(`after a first visit the site opens and filters with the network off (${site.name})`, async () => {
    const server = await serveStatic(site.dir);
    const context = await browser.newContext({ viewport: { width: 1280, height: 1000 } });
    try {
      const page = await firstVisit(context, server.url, site.base);
      // Online, the host's own answer for an unknown path (python's "not found") stands.
      assert.equal((await page.goto(`${server.url}${site.base}no/such/page/`)).status(), 404);
      await page.goto(`${server.url}${site.base}`);
      await mapShown(page);
      page.errors.length = 0; // (Chromium logs that 404 as a failed load.)
      // The network off: the browser offline and the server gone.
      await context.setOffline(true);
      server.stop();
      await page.reload();
      await mapShown(page);
      assert.equal(await count(page), ALL);
      await page.getByTestId(`facet-option-theme-${THEME}`).click();
      await waitCount(page, OF_THEME);
      assert.match(page.url(), new RegExp(`theme=${THEME}`));
      // A shared link to a filtered view, a page the worker keeps, and a deep link it
      // does not keep (the home page's shell opens it).
      await page.goto(`${server.url}${site.base}?theme=${THEME}`);
      await mapShown(page);
      await waitCount(page, OF_THEME);
      await page.goto(`${server.url}${site.base}barometer/`);
      await page.getByTestId('chart-obstacles').waitFor();
      await page.goto(`${server.url}${site.base}commune/62063/`);
      assert.match(await page.getByTestId('commune-page').locator('h1').textContent(), /Liège/);
      // Offline, an unknown path opens the app, which says so.
      await page.goto(`${server.url}${site.base}no/such/page/`);
      assert.match(await page.locator('main h1').textContent(), /n'existe pas/);
      assert.equal(await page.getByTestId('load-error').count(), 0);
      assert.deepEqual(page.errors, []);
    } finally {
      await context.close();
      server.stop();
    }
  });

  test(`the site links a valid manifest and its icons; an embed links none and registers no worker (${site.name})`, async () => {
    const server = await serveStatic(site.dir);
    const context = await browser.newContext();
    try {
      const home = `${server.url}${site.base}`;
      const page = await newTab(context);
      await page.goto(home);
      await mapShown(page);
      const manifestUrl = await page.locator('link[rel="manifest"]').evaluate((link) => link.href);
      assert.equal(manifestUrl, `${home}manifest.webmanifest`);
      const response = await fetch(manifestUrl);
      assert.equal(response.status, 200);
      const manifest = await response.json();
      assert.equal(manifest.name, 'Smart Région Explorer');
      assert.ok(manifest.short_name.length <= 12, manifest.short_name);
      assert.equal(manifest.display, 'standalone');
      assert.equal(new URL(manifest.start_url, manifestUrl).href, home);
      assert.equal(new URL(manifest.scope, manifestUrl).href, home);
      // The colours are the stylesheet's (light scheme): accent and background.
      const colours = await page.evaluate(() => {
        const style = getComputedStyle(document.documentElement);
        return [style.getPropertyValue('--accent').trim(), style.getPropertyValue('--bg').trim()];
      });
      assert.deepEqual([manifest.theme_color, manifest.background_color], colours);
      // Icons: a 192 and a 512 pixel PNG, and an SVG, each fetched and checked.
      const sizes = [];
      for (const icon of manifest.icons) {
        const file = await fetch(new URL(icon.src, manifestUrl));
        assert.equal(file.status, 200, icon.src);
        assert.equal(file.headers.get('content-type'), icon.type, icon.src);
        const bytes = Buffer.from(await file.arrayBuffer());
        if (icon.type === 'image/png') {
          assert.equal(bytes.subarray(1, 4).toString(), 'PNG', icon.src);
          const [width, height] = [bytes.readUInt32BE(16), bytes.readUInt32BE(20)];
          assert.equal(`${width}x${height}`, icon.sizes, icon.src);
          sizes.push(icon.sizes);
        } else {
          assert.match(bytes.toString(), /^<svg [^>]*xmlns="http:\/\/www.w3.org\/2000\/svg"/, icon.src);
          sizes.push('svg');
        }
      }
      assert.deepEqual(sizes.sort(), ['192x192', '512x512', 'svg']);
      assert.equal(await page.locator('link[rel="icon"]').evaluate((link) => link.href), `${home}icons/icon.svg`);
      // Chromium finds nothing missing to install it.
      assert.deepEqual(await installabilityErrors(context, page), []);
      assert.equal(await workerReady(page), 'activated');

      // An embed: no manifest, no worker, in its own fresh context.
      const embedContext = await browser.newContext();
      try {
        const embed = await newTab(embedContext);
        await embed.goto(`${home}embed/map/`);
        await mapShown(embed);
        await embed.waitForFunction(() => document.readyState === 'complete');
        await embed.waitForTimeout(1000);
        assert.equal(await embed.locator('link[rel="manifest"]').count(), 0);
        assert.equal(await embed.evaluate(() => navigator.serviceWorker.getRegistrations().then((r) => r.length)), 0);
        assert.deepEqual(await installabilityErrors(embedContext, embed), ['no-manifest']);
        assert.deepEqual(embed.errors, []);
      } finally {
        await embedContext.close();
      }
      assert.deepEqual(page.errors, []);
    } finally {
      await context.close();
      server.stop();
    }
  });
}

const sha256 = (bytes) => crypto.createHash('sha256').update(bytes).digest('hex');

/** Every file under `dir`, recursively. */
const filesUnder = (dir) => fs.readdirSync(dir, { recursive: true }).map((f) => path.join(dir, f)).filter((f) => fs.statSync(f).isFile());

/**
 * Turns the site in `dir` into a new deployment, as a new `datakit build` and `site`
 * would: the projects file loses its last project (under a new hashed name, the old one
 * deleted), the catalog names it, every page names a new build and preloads the new file,
 * and sw.js lists the new files with their hashes under that build. Returns { build, removedFile, newFile }.
 */
function deployNewData(dir) {
  const catalogPath = path.join(dir, 'data', 'catalog.json');
  const catalog = JSON.parse(fs.readFileSync(catalogPath, 'utf8'));
  const entry = catalog.datasets.find((d) => d.id === 'projects');
  const oldFile = entry.file;
  const projects = JSON.parse(fs.readFileSync(path.join(dir, 'data', oldFile), 'utf8'));
  projects.projects.pop();
  const text = JSON.stringify(projects);
  const hash = sha256(text);
  const newFile = `projects.${hash.slice(0, 12)}.json`;
  fs.writeFileSync(path.join(dir, 'data', newFile), text);
  fs.rmSync(path.join(dir, 'data', oldFile));
  Object.assign(entry, { file: newFile, bytes: Buffer.byteLength(text), sha256: hash });
  fs.writeFileSync(catalogPath, JSON.stringify(catalog, null, 2));

  const workerPath = path.join(dir, 'sw.js');
  const worker = fs.readFileSync(workerPath, 'utf8');
  const oldBuild = worker.match(/^const BUILD = "([0-9a-f]{16})";/m)[1];
  const build = sha256(`${oldBuild} then ${hash}`).slice(0, 16);
  for (const page of filesUnder(dir).filter((f) => f.endsWith('.html'))) {
    const html = fs.readFileSync(page, 'utf8');
    fs.writeFileSync(page, html
      .replace(`<meta name="sre-build" content="${oldBuild}"`, `<meta name="sre-build" content="${build}"`)
      .replace(`href="data/${oldFile}"`, `href="data/${newFile}"`));
  }
  const listed = worker.match(/^const FILES = (\[[\s\S]*?\n\]);/m);
  const files = JSON.parse(listed[1]).map(([file]) => (file === `data/${oldFile}` ? `data/${newFile}` : file));
  const relisted = files.map((file) => {
    const onDisk = path.join(dir, file === '' || file.endsWith('/') ? `${file}index.html` : file);
    return `  ${JSON.stringify([file, sha256(fs.readFileSync(onDisk))])}`;
  });
  fs.writeFileSync(workerPath, worker
    .replace(`const BUILD = "${oldBuild}";`, `const BUILD = "${build}";`)
    .replace(listed[1], `[\n${relisted.join(',\n')}\n]`));
  return { build, oldBuild, oldFile, newFile };
}

test('a new deployment is taken whole on the visit after the one that sees it, never mixed', async () => {
  // A copy of the sub-path site, so that the test can deploy over it; the server's root
  // (a directory listing) is outside the worker's scope and watches it from there.
  const temp = fs.mkdtempSync(path.join(os.tmpdir(), 'sre-offline-'));
  const base = '/smart-region-explorer/';
  const dir = path.join(temp, 'smart-region-explorer');
  fs.cpSync(path.join(ROOT, 'target', 'site', 'smart-region-explorer'), dir, { recursive: true });
  const server = await serveStatic(temp);
  const context = await browser.newContext();
  try {
    const home = `${server.url}${base}`;
    const first = await newTab(context);
    await first.goto(home);
    await mapShown(first);
    assert.equal(await workerReady(first), 'activated');
    const oldBuild = await buildOf(first);
    await first.close();

    const deployed = deployNewData(dir);
    assert.equal(deployed.oldBuild, oldBuild);

    // The next visit: the network has another build; the page runs the one the worker
    // keeps, whole (its catalog, its projects file), while the new build installs.
    const second = await newTab(context);
    const dataRequested = [];
    second.on('request', (request) => { if (request.url().includes('/data/')) dataRequested.push(request.url()); });
    await second.goto(home);
    await mapShown(second);
    assert.equal(await buildOf(second), oldBuild);
    assert.equal(await count(second), ALL);
    assert.equal(await second.getByTestId('load-error').count(), 0);
    assert.ok(dataRequested.some((url) => url.endsWith(`/data/${deployed.oldFile}`)), dataRequested.join('\n'));
    assert.ok(!dataRequested.some((url) => url.endsWith(`/data/${deployed.newFile}`)), dataRequested.join('\n'));
    await until(second, () => navigator.serviceWorker.getRegistration().then((r) => r?.waiting?.state === 'installed'));
    assert.deepEqual(second.errors, []);
    await second.close();

    // No page runs the old build any more: the new one activates (watched from outside
    // the scope, which is no client of the worker).
    const watcher = await newTab(context);
    await watcher.goto(`${server.url}/`);
    await until(watcher, (scope) => navigator.serviceWorker.getRegistration(scope)
      .then((r) => r && !r.waiting && !r.installing && r.active?.state === 'activated'), home);
    // Only the new build's cache is left.
    assert.deepEqual(await watcher.evaluate(() => caches.keys()), [`smart-region-explorer ${home} ${deployed.build}`]);
    await watcher.close();

    // The following visit runs the new build, whole: one project fewer.
    const third = await newTab(context);
    await third.goto(home);
    await mapShown(third);
    assert.equal(await buildOf(third), deployed.build);
    assert.ok(await third.evaluate(() => navigator.serviceWorker.controller !== null));
    await waitCount(third, ALL - 1);
    assert.equal(await third.getByTestId('load-error').count(), 0);
    assert.deepEqual(third.errors, []);
  } finally {
    await context.close();
    server.stop();
    fs.rmSync(temp, { recursive: true, force: true });
  }
});
