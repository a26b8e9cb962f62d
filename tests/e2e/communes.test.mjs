// The communes page (/communes/): in the main navigation, its own entry page and title,
// a table of contents, and the directory of the 262 Walloon municipalities grouped by
// province, narrowed by a search box.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { useSite, newPage, dataRows, serveStatic, ROOT } from './harness.mjs';

const site = useSite();

const list = '[data-testid="municipality-list"]';
const WALLOON = dataRows('municipalities.csv').filter((m) => m.region === '03000');

/** Like the app's `fold`: accents dropped, lower case, one kind of apostrophe. */
const fold = (text) => text.normalize('NFKD').replace(/\p{M}/gu, '').replace(/[\u2018\u2019]/g, "'").toLowerCase();
/** How many Walloon municipalities have a name containing `query`. */
const matching = (query) => WALLOON.filter((m) =>
  [m.name_fr, m.name_nl, m.name_de].some((name) => name && fold(name).includes(fold(query)))).length;

/** Waits until the directory shows `n` municipalities. */
const shows = (page, n) => page.waitForFunction(({ sel, n }) =>
  document.querySelector('[data-testid="directory-count"]')?.dataset.count === String(n)
    && document.querySelectorAll(`${sel} li:not([hidden])`).length === n, { sel: list, n });

test('the main navigation leads to the communes page: title, contents, 262 municipalities by province', async () => {
  assert.equal(WALLOON.length, 262);
  const page = await newPage(site.browser, { viewport: { width: 1280, height: 900 } });
  await page.goto(`${site.url}/about/`);
  await page.getByRole('navigation', { name: 'Navigation principale' }).getByRole('link', { name: 'Communes', exact: true }).click();
  await page.waitForURL(/\/communes\/\?lang=fr$/);
  await page.waitForSelector(`${list} li`);
  assert.equal(await page.locator('h1').textContent(), 'Statistiques et communes');
  await page.waitForFunction(() => document.title === 'Statistiques et communes · Smart Région Explorer');
  assert.equal(await page.locator(`${list} li`).count(), 262);
  assert.equal(await page.locator(`${list} .province-group`).count(), 5);
  assert.match(await page.locator('#directory-heading').textContent(), /262 communes de Wallonie/);
  // A known municipality is under its province, with its population, and links to its page.
  const liege = page.locator('[data-province="60000"] li[data-nis="62063"]');
  assert.match(await liege.textContent(), /Liège\s*19\d{4}/);
  assert.equal(await liege.locator('a').getAttribute('href'), '/commune/62063/?lang=fr');
  assert.equal(await page.getByTestId('stats-charts').locator('figure').count(), 7);

  // The table of contents links to both sections, on this address; a click scrolls to the directory.
  const toc = page.getByRole('navigation', { name: 'Sur cette page' });
  const links = await toc.locator('a').evaluateAll((as) => as.map((a) => [a.getAttribute('href'), a.textContent]));
  assert.deepEqual(links, [
    ['/communes/?lang=fr#statistics', 'Statistiques des projets'],
    ['/communes/?lang=fr#directory', 'Les 262 communes de Wallonie'],
  ]);
  await toc.getByRole('link', { name: 'Les 262 communes de Wallonie' }).click();
  await page.waitForURL(/\/communes\/\?lang=fr#directory$/);
  await page.waitForFunction(() => Math.abs(document.getElementById('directory').getBoundingClientRect().top) < 2);
  assert.deepEqual(page.errors, []);
});

test('the search box narrows the directory by any of a name\'s languages, accents aside, or by NIS code', async () => {
  const page = await newPage(site.browser, { viewport: { width: 1280, height: 900 } });
  await page.goto(`${site.url}/communes/`);
  await page.waitForSelector(`${list} li`);
  const search = page.getByLabel('Chercher une commune (nom ou code INS)');
  // Typed without its accent, a French name is found.
  await search.fill('liege');
  await shows(page, matching('liège'));
  assert.ok(await page.locator('li[data-nis="62063"]').isVisible());
  assert.equal(await page.locator('li[data-nis="92094"]').isVisible(), false, 'Namur is not listed');
  // Only the provinces with a match stay.
  const provinces = await page.locator(`${list} .province-group:not([hidden])`).evaluateAll((ss) => ss.map((s) => s.dataset.province));
  assert.ok(provinces.includes('60000'));
  assert.ok(provinces.length < 5, provinces.join());
  // Dutch names are searched in the French page: "brakel" finds the three Braine.
  const brakel = matching('brakel');
  assert.ok(brakel >= 3, `${brakel}`);
  await search.fill('brakel');
  await shows(page, brakel);
  assert.match(await page.getByTestId('directory-count').textContent(), new RegExp(`^${brakel} communes$`));
  // A NIS code.
  await search.fill('62063');
  await shows(page, 1);
  // Nothing: says so.
  await search.fill('zzzz');
  await shows(page, 0);
  assert.ok(await page.getByTestId('directory-none').isVisible());
  await search.fill('');
  await shows(page, 262);
  assert.equal(await page.getByTestId('directory-none').isVisible(), false);
  // A found municipality opens its page.
  await search.fill('namur');
  await shows(page, matching('namur'));
  await page.locator('li[data-nis="92094"] a').click();
  await page.waitForURL(/\/commune\/92094\/\?lang=fr$/);
  await page.waitForFunction(() => document.title.startsWith('Namur'));
  assert.deepEqual(page.errors, []);
});

test('in Dutch, headings and names follow the language', async () => {
  const page = await newPage(site.browser, { viewport: { width: 1280, height: 900 } });
  await page.goto(`${site.url}/communes/?lang=nl`);
  await page.waitForSelector(`${list} li`);
  assert.equal(await page.locator('h1').textContent(), 'Statistieken en gemeenten');
  assert.match(await page.locator('#directory-heading').textContent(), /^De 262 Waalse gemeenten$/);
  assert.match(await page.locator('li[data-nis="62063"]').textContent(), /Luik/);
  await page.getByLabel('Een gemeente zoeken (naam of NIS-code)').fill('luik');
  await shows(page, 1);
  assert.deepEqual(page.errors, []);
});

test('a deep link to the directory answers 200 and scrolls there once loaded, also under a sub-path', async () => {
  const page = await newPage(site.browser, { viewport: { width: 1280, height: 900 } });
  const response = await page.goto(`${site.url}/communes/#directory`);
  assert.equal(response.status(), 200);
  await page.waitForSelector(`${list} li`);
  await page.waitForFunction(() => {
    const top = document.getElementById('directory').getBoundingClientRect().top;
    return top > -2 && top < 50;
  });

  const siteDir = path.join(ROOT, 'target', 'site');
  const html = fs.readFileSync(path.join(siteDir, 'smart-region-explorer', 'communes', 'index.html'), 'utf8');
  assert.match(html, /<title>Statistiques et communes · Smart Région Explorer<\/title>/);
  const sub = await serveStatic(siteDir);
  try {
    const base = `${sub.url}/smart-region-explorer`;
    const deep = await page.goto(`${base}/communes/?theme=mobility-logistics`);
    assert.equal(deep.status(), 200);
    await page.waitForSelector(`${list} li`);
    assert.equal(await page.locator('li[data-nis="62063"] a').getAttribute('href'), '/smart-region-explorer/commune/62063/?lang=fr');
    assert.equal(await page.getByTestId('stats-selection-explorer').getAttribute('href'),
      '/smart-region-explorer/?theme=mobility-logistics&lang=fr');
    assert.equal(await page.getByTestId('stats-selection-clear').getAttribute('href'), '/smart-region-explorer/communes/?lang=fr');
  } finally {
    sub.stop();
  }
  assert.deepEqual(page.errors, []);
});
