// Accessibility (WCAG 2.1 AA): axe-core on every page and embed, in light and dark;
// keyboard reach and visible focus; a 360 px wide screen and 200 % zoom.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { useSite, newPage, DIST } from './harness.mjs';

const require = createRequire(import.meta.url);
const AXE = fs.readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

const site = useSite();

const catalog = JSON.parse(fs.readFileSync(path.join(DIST, 'data', 'catalog.json'), 'utf8'));
const projectsFile = catalog.datasets.find((d) => d.id === 'projects').file;
const { projects } = JSON.parse(fs.readFileSync(path.join(DIST, 'data', projectsFile), 'utf8'));
const project = projects.find((p) => p.municipalities?.length > 0);

/** Every kind of page, with what shows it is ready. */
const PAGES = [
  { path: '/', ready: '[data-testid="map"] path' },
  { path: '/?theme=mobility-logistics&metric=subsidy', ready: '[data-testid="map"] path' },
  { path: '/communes', ready: '[data-testid="stats-charts"] canvas' },
  { path: '/communes?theme=mobility-logistics#directory', ready: '[data-testid="municipality-list"] li' },
  { path: '/barometer', ready: 'main canvas' },
  { path: '/about', ready: 'main h1' },
  { path: '/programme', ready: '[data-testid="programme-timeline"] li' },
  { path: '/data', ready: '[data-testid="data-file"]' },
  { path: `/project/${project.id}`, ready: '[data-testid="project-page"] h1' },
  { path: `/commune/${project.municipalities[0]}`, ready: '[data-testid="commune-population"]' },
  { path: '/embed/map', ready: '[data-testid="map"] path' },
  { path: '/embed/table', ready: 'table' },
  { path: '/embed/map?dark=on', ready: '[data-testid="map"] path' },
  { path: '/embed/table?transparent=1&plain=1', ready: 'table' },
];

/** Waits for `selector`, naming the route when it does not come. */
async function ready_(page, route, selector) {
  try {
    await page.locator(selector).first().waitFor({ timeout: 15_000 });
  } catch (e) {
    throw new Error(`${route}: ${selector} did not appear: ${(await page.locator('body').innerText()).slice(0, 300)}`);
  }
}

/** Runs axe-core (WCAG 2.0/2.1 A and AA rules) and returns the serious and critical violations. */
async function seriousViolations(page) {
  await page.evaluate(AXE);
  const violations = await page.evaluate(async () => {
    const result = await window.axe.run(document, {
      runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] },
    });
    return result.violations;
  });
  return violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id} (${v.impact}): ${v.help}\n  ${v.nodes.slice(0, 5).map((n) => `${n.target.join(' ')} — ${n.failureSummary?.split('\n').slice(1).join(' ')}`).join('\n  ')}`);
}

for (const scheme of ['light', 'dark']) {
  test(`axe-core finds no serious or critical violation on any page (${scheme})`, async () => {
    const page = await newPage(site.browser, { viewport: { width: 1280, height: 900 }, colorScheme: scheme });
    const found = [];
    // A transparent embed takes its host's background: axe, which sees none, assumes
    // white, so it is checked in the light scheme only (its host is tested in share).
    for (const { path: route, ready } of PAGES.filter((p) => scheme === 'light' || !p.path.includes('transparent'))) {
      await page.goto(`${site.url}${route}`);
      await ready_(page, route, ready);
      for (const v of await seriousViolations(page)) found.push(`${route}: ${v}`);
    }
    assert.deepEqual(found, [], found.join('\n'));
    assert.deepEqual(page.errors, []);
  });
}

test('axe-core finds nothing serious in the open dialogs (open data, embed, contribution)', async () => {
  const page = await newPage(site.browser, { viewport: { width: 1280, height: 900 } });
  await page.goto(`${site.url}/`);
  await page.locator('[data-testid="map"] path').first().waitFor();
  await page.getByTestId('open-data-button').click();
  await page.getByTestId('open-data-dialog').waitFor();
  const found = (await seriousViolations(page)).map((v) => `open data: ${v}`);
  await page.keyboard.press('Escape');
  await page.getByTestId('embed-button').click();
  await page.getByTestId('embed-snippet').waitFor();
  found.push(...(await seriousViolations(page)).map((v) => `embed: ${v}`));
  // The contribution form, with its per-field messages showing, in light and dark.
  for (const scheme of ['light', 'dark']) {
    const form = await newPage(site.browser, { viewport: { width: 1280, height: 900 }, colorScheme: scheme });
    await form.goto(`${site.url}/project/${project.id}`);
    await form.getByTestId('contribute-open').click();
    await form.getByTestId('contribute-form').waitFor();
    await form.getByTestId('contribute-field-sources').fill('http://example.org');
    await form.getByTestId('contribute-error-sources').waitFor();
    found.push(...(await seriousViolations(form)).map((v) => `contribution (${scheme}): ${v}`));
  }
  assert.deepEqual(found, [], found.join('\n'));
});

test('every control is reached with Tab, shows its focus, and none traps it', async () => {
  const page = await newPage(site.browser, { viewport: { width: 1280, height: 900 } });
  await page.goto(`${site.url}/`);
  await page.locator('[data-testid="map"] path').first().waitFor();
  // The toolbar's tools arrive just after the first screen (their own app).
  await page.getByTestId('share-button').waitFor();
  const seen = new Set();
  const unfocused = [];
  let previous = null;
  let repeats = 0;
  for (let i = 0; i < 800; i++) {
    await page.keyboard.press('Tab');
    const info = await page.evaluate(() => {
      const el = document.activeElement;
      if (!el || el === document.body) return null;
      const style = getComputedStyle(el);
      // Outlines do not show on SVG shapes: there, a stroke of at least 2 px is the ring.
      const ring = (style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) > 0) || style.boxShadow !== 'none'
        || (el instanceof SVGElement && style.stroke !== 'none' && parseFloat(style.strokeWidth) >= 2);
      window.__focusIds ??= new WeakMap();
      window.__focusNext ??= 0;
      if (!window.__focusIds.has(el)) window.__focusIds.set(el, ++window.__focusNext);
      const key = window.__focusIds.get(el);
      const owner = el.closest('[data-testid]')?.dataset.testid;
      const id = owner || `${el.tagName.toLowerCase()}:${(el.textContent || el.getAttribute('aria-label') || '').trim().slice(0, 30)}`;
      return { id, key, ring };
    });
    if (!info) continue;
    if (!info.ring) unfocused.push(info.id);
    if (info.key === previous) repeats++; else repeats = 0;
    assert.ok(repeats < 2, `focus is stuck on ${info.id}`);
    previous = info.key;
    seen.add(info.id);
  }
  assert.deepEqual(unfocused, [], `no visible focus on: ${[...new Set(unfocused)].join(', ')}`);
  for (const id of ['lang-switch', 'metric-select', 'extent-select', 'open-data-button', 'share-button', 'embed-button', 'download-menu-button']) {
    assert.ok(seen.has(id), `${id} is not reached by Tab (reached: ${[...seen].slice(0, 40).join(', ')}…)`);
  }
  const communes = [...seen].filter((id) => id.startsWith('map-commune-'));
  assert.equal(communes.length, 262, 'every Walloon commune of the map is reached by Tab');
  assert.ok([...seen].some((id) => id.startsWith('facet-option-')), 'a facet option is reached by Tab');
});

test('the skip link stays on the page and the next Tab goes into its content', async () => {
  const page = await newPage(site.browser, { viewport: { width: 1280, height: 900 } });
  await page.goto(`${site.url}/barometer/?lang=fr`);
  await page.locator('main canvas').first().waitFor();
  await page.keyboard.press('Tab');
  assert.equal(await page.evaluate(() => document.activeElement.className), 'skip-link');
  await page.keyboard.press('Enter');
  await page.waitForURL(/\/barometer\/\?lang=fr#main$/);
  assert.equal(await page.locator('h1').textContent(), 'Baromètre Smart City');
  await page.keyboard.press('Tab');
  assert.ok(await page.evaluate(() => document.getElementById('main').contains(document.activeElement)),
    `focus on ${await page.evaluate(() => document.activeElement.outerHTML.slice(0, 80))}`);
  assert.deepEqual(page.errors, []);
});

test('with reduced motion asked for, nothing animates', async () => {
  for (const reducedMotion of ['no-preference', 'reduce']) {
    const page = await newPage(site.browser, { viewport: { width: 1280, height: 900 }, reducedMotion });
    // Hold the wasm back: the static loading bar of index.html is what animates.
    let release;
    const gate = new Promise((resolve) => { release = resolve; });
    await page.route('**/*.wasm', async (route) => { await gate; await route.continue(); });
    await page.goto(`${site.url}/`, { waitUntil: 'domcontentloaded' });
    await page.getByTestId('boot').waitFor();
    const bar = await page.evaluate(() => getComputedStyle(document.querySelector('[data-testid="boot"]'), '::after').animationName);
    assert.equal(bar, reducedMotion === 'reduce' ? 'none' : 'boot-slide', reducedMotion);
    release();
    await page.locator('[data-testid="map"] path').first().waitFor();
    if (reducedMotion === 'reduce') {
      await page.getByTestId('zoom-in').click();
      await page.getByTestId('facet-option-theme-mobility-logistics').click();
      await page.getByTestId('open-data-button').click();
      assert.deepEqual(await page.evaluate(() => document.getAnimations().length), 0);
    }
    await page.context().close();
  }
});

/** Pages must not scroll sideways: every box fits the viewport's width. */
async function horizontalOverflow(page) {
  return page.evaluate(() => {
    const width = document.documentElement.clientWidth;
    if (document.documentElement.scrollWidth <= width + 1) return [];
    const wide = [...document.querySelectorAll('body *')]
      .filter((e) => e.getBoundingClientRect().right > width + 1)
      .slice(-3)
      .map((e) => `${e.tagName.toLowerCase()}.${e.className?.baseVal ?? e.className} (${Math.round(e.getBoundingClientRect().right)} px)`);
    return [`document ${document.documentElement.scrollWidth} px wide: ${wide.join(', ')}`];
  });
}

for (const { name, viewport } of [
  { name: 'a 360 px wide phone', viewport: { width: 360, height: 740 } },
  { name: '200 % zoom of a 1280 px window', viewport: { width: 640, height: 450 } },
]) {
  test(`on ${name} every page fits the width and the explorer works`, async () => {
    const page = await newPage(site.browser, { viewport, deviceScaleFactor: 2, isMobile: viewport.width < 400, hasTouch: viewport.width < 400 });
    const found = [];
    for (const { path: route, ready } of PAGES) {
      await page.goto(`${site.url}${route}`);
      await ready_(page, route, ready);
      for (const o of await horizontalOverflow(page)) found.push(`${route}: ${o}`);
    }
    assert.deepEqual(found, [], found.join('\n'));
    // The explorer is usable: the map shows, a facet filters, the result count follows.
    await page.goto(`${site.url}/`);
    const map = page.getByTestId('map');
    await map.waitFor();
    const box = await map.boundingBox();
    assert.ok(box.width > 200 && box.width <= viewport.width, `map width ${box.width}`);
    const count = page.getByTestId('result-count');
    const before = Number(await count.getAttribute('data-count'));
    // On a phone the filters open from "Filtres (n)".
    const toggle = page.getByTestId('filters-toggle');
    if (await toggle.isVisible()) await toggle.click();
    const option = page.getByTestId('facet-option-theme-mobility-logistics');
    await option.scrollIntoViewIfNeeded();
    await option.click();
    await page.waitForFunction((n) => Number(document.querySelector('[data-testid="result-count"]').dataset.count) < n, before);
    assert.deepEqual(page.errors, []);
  });
}

for (const scheme of ['light', 'dark']) {
  test(`axe-core finds nothing serious in the data explorer with a dataset open (${scheme})`, async () => {
    const page = await newPage(site.browser, { viewport: { width: 1280, height: 900 }, colorScheme: scheme });
    await page.goto(`${site.url}/data/`);
    const rows = Array.from({ length: 30 }, (_, i) => `${['Liège', 'Namur', 'Mons'][i % 3]};${['A', 'B'][i % 2]};${2019 + (i % 4)};Texte ${i};${i},5`);
    await page.getByTestId('data-file').setInputFiles(site.fixture('a11y-data.csv', `Commune;Type;Année;Titre;Montant\n${rows.join('\n')}\nAtlantis;A;2020;x;1\n`));
    await page.locator('[data-testid="map"] path').first().waitFor();
    const found = await seriousViolations(page);
    assert.deepEqual(found, [], found.join('\n'));
    assert.deepEqual(page.errors, []);
  });
}
