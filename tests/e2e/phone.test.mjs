// The explorer on a phone (390 × 844) and on a desktop: what is on the first screen,
// the filter drawer, the chips under the count, the cards, the one toolbar.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { useSite, newPage, laureates } from './harness.mjs';

const site = useSite();

const ROWS = laureates();
const ofTheme = (theme) => ROWS.filter((p) => p.theme === theme).length;
const waitCount = (page, n) =>
  page.waitForFunction((n) => document.querySelector('[data-testid="result-count"]')?.dataset.count === String(n), n);
const box = (page, testid) => page.getByTestId(testid).boundingBox();

/** Opens `path` at `viewport`, as a phone (touch, mobile viewport) when `phone`. */
async function open(viewport, path = '/', phone = viewport.width < 600) {
  const page = await newPage(site.browser, { viewport, isMobile: phone, hasTouch: phone });
  await page.goto(`${site.url}${path}`);
  await page.getByTestId('map').locator('path').first().waitFor();
  return page;
}

const PHONE = { width: 390, height: 844 };

test('on a phone, the title, the count and the map are on the first screen; filters are one tap away', async () => {
  const page = await open(PHONE);
  const screen = PHONE.height;
  const title = await page.locator('h1').boundingBox();
  const count = await box(page, 'result-count');
  const map = await box(page, 'map');
  assert.ok(title.y >= 0 && title.y + title.height <= screen, `title at ${title.y}`);
  assert.ok(count.y + count.height <= screen, `count at ${count.y}`);
  // The map starts on the first screen and most of it is visible there.
  assert.ok(map.y < screen / 2, `the map starts at ${map.y}px`);
  assert.ok(Math.min(map.y + map.height, screen) - map.y >= map.height * 0.6, `map ${JSON.stringify(map)}`);
  // The filters are hidden behind "Filtres (0)".
  assert.equal(await page.getByTestId('filters-drawer').isVisible(), false);
  const toggle = page.getByTestId('filters-toggle');
  assert.equal(await toggle.textContent(), 'Filtres (0)');
  assert.equal(await toggle.getAttribute('aria-expanded'), 'false');
  assert.ok((await toggle.boundingBox()).y + 40 <= screen);
  assert.equal(await page.evaluate(() => document.documentElement.scrollWidth), PHONE.width, 'no sideways scroll');

  // Open the drawer, choose a theme, close it back onto the map.
  await toggle.tap();
  const drawer = page.getByTestId('filters-drawer');
  await drawer.waitFor({ state: 'visible' });
  assert.equal(await toggle.getAttribute('aria-expanded'), 'true');
  const covered = await drawer.boundingBox();
  assert.deepEqual([covered.x, covered.y, covered.width], [0, 0, PHONE.width], 'the drawer covers the screen');
  await page.getByTestId('facet-option-theme-mobility-logistics').tap();
  const expected = ofTheme('mobility-logistics');
  await waitCount(page, expected);
  const close = page.getByTestId('filters-close');
  assert.match(await close.textContent(), new RegExp(`${expected} projet`));
  await close.tap();
  await drawer.waitFor({ state: 'hidden' });
  // Back on the map: the toggle has the focus and counts the filter, the map is on screen.
  // The focus moves back once the page is no longer inert (the next frame).
  await page.waitForFunction(() => document.activeElement?.dataset.testid === 'filters-toggle');
  assert.equal(await toggle.textContent(), 'Filtres (1)');
  const mapAfter = await box(page, 'map');
  assert.ok(mapAfter.y < screen && mapAfter.y + mapAfter.height > 0, `map at ${mapAfter.y}`);
  // The active filter shows as a chip under the count.
  const chip = page.getByTestId('active-filters').locator('.chip');
  assert.equal(await chip.count(), 1);
  assert.match(await chip.textContent(), /Mobilité et logistique/);
  assert.ok((await chip.boundingBox()).y > (await box(page, 'result-count')).y);
  // Results are cards: one block per project, as wide as the screen allows.
  const cards = page.locator('[data-testid="results-table"] tbody tr');
  assert.equal(await cards.count(), expected);
  const card = await cards.first().boundingBox();
  assert.ok(card.width > PHONE.width * 0.8 && card.width <= PHONE.width, `card ${card.width}px wide`);
  assert.equal(await cards.first().evaluate((el) => getComputedStyle(el).display), 'block');
  assert.deepEqual(page.errors, []);
  await page.context().close();
});

test('the drawer closes with Escape and returns the focus to its button', async () => {
  const page = await open(PHONE);
  await page.getByTestId('filters-toggle').click();
  await page.getByTestId('filters-drawer').waitFor({ state: 'visible' });
  await page.keyboard.press('Tab');
  await page.keyboard.press('Escape');
  await page.getByTestId('filters-drawer').waitFor({ state: 'hidden' });
  // The focus moves back once the page is no longer inert (the next frame).
  await page.waitForFunction(() => document.activeElement?.dataset.testid === 'filters-toggle');
  await page.context().close();
});

test('a screen that grows out of the phone layout (a tablet turned) closes the drawer', async () => {
  // A desktop window made narrow, then wide again.
  const page = await open(PHONE, '/', false);
  await page.getByTestId('filters-toggle').click();
  await page.getByTestId('filters-drawer').waitFor({ state: 'visible' });
  assert.equal(await page.locator('.explorer__main').getAttribute('inert'), '');
  await page.setViewportSize({ width: 1024, height: 768 });
  // The side column, and the page under it within reach again.
  await page.waitForFunction(() => !document.querySelector('.explorer__main').hasAttribute('inert'));
  assert.equal(await page.getByTestId('filters-toggle').getAttribute('aria-expanded'), 'false');
  await page.getByTestId('facet-option-theme-mobility-logistics').click();
  await waitCount(page, ofTheme('mobility-logistics'));
  await page.context().close();
});

test('on a desktop, the filters are a side column beside the map; one toolbar with a Download menu', async () => {
  const page = await open({ width: 1280, height: 900 });
  assert.equal(await page.getByTestId('filters-toggle').isVisible(), false);
  const filters = await box(page, 'filters-drawer');
  const map = await box(page, 'map');
  assert.ok(filters.x + filters.width <= map.x, 'the filters are left of the map');
  assert.ok(map.width > 700, `the map is the hero (${map.width}px)`);
  assert.ok(map.y < 900, 'the map is on the first screen');
  // Share, Embed, Download and Open data sit in one toolbar (their own app, which
  // arrives just after the first screen).
  const toolbar = page.getByTestId('toolbar');
  await toolbar.getByTestId('share-button').waitFor();
  for (const id of ['share-button', 'embed-button', 'download-menu', 'open-data-button']) {
    assert.equal(await toolbar.getByTestId(id).count(), 1, id);
  }
  const top = await Promise.all(['share-button', 'download-menu-button', 'open-data-button']
    .map(async (id) => Math.round((await box(page, id)).y)));
  assert.ok(Math.max(...top) - Math.min(...top) < 8, `one row: ${top}`);
  // The menu opens, closes on Escape (focus back on its button) and after a choice.
  assert.equal(await page.getByTestId('export-json').isVisible(), false);
  await page.getByTestId('download-menu-button').click();
  assert.equal(await page.getByTestId('export-json').isVisible(), true);
  await page.getByTestId('export-json').focus();
  await page.keyboard.press('Escape');
  assert.equal(await page.getByTestId('export-json').isVisible(), false);
  assert.equal(await page.evaluate(() => document.activeElement?.dataset.testid), 'download-menu-button');
  // Statistics and the directory are one link away, not in the explorer's scroll.
  assert.equal(await page.locator('[data-testid^="directory"], .stats-charts').count(), 0);
  const more = page.getByTestId('communes-link');
  assert.match(await more.getAttribute('href'), /\/communes\/\?lang=fr$/);
  // It keeps the filters: the statistics there follow them.
  await page.getByTestId('facet-option-theme-mobility-logistics').click();
  await waitCount(page, ofTheme('mobility-logistics'));
  assert.match(await more.getAttribute('href'), /\/communes\/\?theme=mobility-logistics&lang=fr$/);
  assert.deepEqual(page.errors, []);
  await page.context().close();
});

test('on a desktop, the map does not move when the tools arrive in the toolbar above it', async () => {
  const page = await newPage(site.browser, { viewport: { width: 1280, height: 1000 } });
  // The tools' files held back, so that the map is measured before they come.
  let release;
  const held = new Promise((resolve) => { release = resolve; });
  await page.route('**/tools-app-*', async (route) => { await held; await route.continue(); });
  await page.goto(`${site.url}/`);
  await page.getByTestId('map-commune-25121').waitFor();
  assert.equal(await page.getByTestId('share-button').count(), 0, 'the tools are not there yet');
  const before = await box(page, 'map-commune-25121');
  release();
  await page.getByTestId('share-button').waitFor();
  const after = await box(page, 'map-commune-25121');
  assert.equal(after.y, before.y, `the map moved from ${before.y} to ${after.y}`);
  await page.close();
});
