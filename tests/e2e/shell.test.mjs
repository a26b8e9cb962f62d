// The app shell: loads real data, switches language, recovers from a failed fetch.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { useSite, newPage } from './harness.mjs';

const site = useSite();

const list = '[data-testid="municipality-list"]';

test('the communes page shows the 262 Walloon municipalities grouped by province', async () => {
  const page = await newPage(site.browser);
  await page.goto(`${site.url}/communes/`);
  await page.waitForSelector(`${list} li`);
  assert.equal(await page.locator(`${list} li`).count(), 262);
  assert.equal(await page.locator(`${list} .province-group`).count(), 5);
  await assert.doesNotReject(page.getByTestId('app-header').waitFor());
  const heading = await page.locator('#directory-heading').textContent();
  assert.match(heading, /262 communes de Wallonie/);
  // A known municipality is under its province, with its population.
  const liege = page.locator('[data-province="60000"] li[data-nis="62063"]');
  assert.match(await liege.textContent(), /Liège\s*19\d{4}/);
  assert.equal(await page.locator('html').getAttribute('lang'), 'fr');
  assert.deepEqual(page.errors, []);
});

test('the language switch changes the visible text, the URL and is remembered', async () => {
  const page = await newPage(site.browser);
  await page.goto(`${site.url}/communes/`);
  await page.waitForSelector(`${list} li`);
  await page.getByTestId('lang-switch').selectOption('nl');
  await page.waitForFunction(() => document.querySelector('#directory-heading')?.textContent.includes('Waalse gemeenten'));
  assert.match(page.url(), /[?&]lang=nl\b/);
  assert.equal(await page.locator('html').getAttribute('lang'), 'nl');
  // Names follow the language: Liège is Luik in Dutch.
  assert.match(await page.locator('li[data-nis="62063"]').textContent(), /Luik/);
  // The navigation is translated too.
  assert.equal((await page.getByRole('link', { name: 'Over en bronnen' }).count()), 1);

  // Reloading without ?lang keeps Dutch (localStorage); ?lang= wins over storage.
  await page.goto(`${site.url}/communes/`);
  await page.waitForFunction(() => document.querySelector('#directory-heading')?.textContent.includes('Waalse gemeenten'));
  await page.goto(`${site.url}/communes/?lang=de`);
  await page.waitForFunction(() => document.querySelector('#directory-heading')?.textContent.includes('Gemeinden der Wallonie'));
  assert.deepEqual(page.errors, []);
});

test('a failed data fetch shows the error and retry recovers', async () => {
  const page = await newPage(site.browser);
  await page.route('**/data/catalog.json', (route) => route.fulfill({ status: 503, body: 'down' }));
  await page.goto(`${site.url}/communes/`);
  const error = page.getByTestId('load-error');
  await error.waitFor();
  assert.match(await error.textContent(), /catalog\.json: HTTP 503/);
  assert.equal(await page.locator(`${list} li`).count(), 0);

  await page.unroute('**/data/catalog.json');
  await page.getByTestId('retry').click();
  await page.waitForSelector(`${list} li`);
  assert.equal(await page.locator(`${list} li`).count(), 262);
  assert.equal(await error.count(), 0);
});

test('navigation reaches every page, and deep links load directly', async () => {
  const page = await newPage(site.browser);
  await page.goto(`${site.url}/`);
  await page.getByRole('link', { name: 'Baromètre' }).click();
  await page.waitForFunction(() => document.querySelector('h1')?.textContent.includes('Baromètre'));
  await page.getByRole('link', { name: 'À propos et sources' }).click();
  await page.waitForSelector('[data-dataset="municipalities"]');
  assert.match(await page.locator('[data-dataset="municipalities"]').textContent(), /581/);
  // Where each dataset comes from: its own file, fetched by this page (web links only).
  await page.getByTestId('dataset-sources-projects').locator('a').first().waitFor();
  const cited = await page.getByTestId('dataset-sources-projects').locator('a')
    .evaluateAll((links) => links.map((a) => [a.getAttribute('href'), a.rel]));
  assert.ok(cited.length > 5, `${cited.length} sources of the projects`);
  for (const [href, rel] of cited) {
    assert.match(href, /^https?:\/\//);
    assert.equal(rel, 'noopener noreferrer');
  }
  assert.match(await page.getByTestId('dataset-sources-municipalities').textContent(), /Statbel/);

  await page.getByRole('link', { name: 'Communes', exact: true }).click();
  await page.waitForSelector(`${list} li`);
  for (const [route, text] of [['communes/', 'Statistiques et communes'], ['barometer/', 'Baromètre'], ['about/', 'À propos']]) {
    const response = await page.goto(`${site.url}/${route}`);
    assert.equal(response.status(), 200, route);
    await page.waitForFunction((t) => document.querySelector('h1')?.textContent.includes(t), text);
  }
  assert.deepEqual(page.errors, []);
});

test('every page sets a meaningful document title, also after in-app navigation', async () => {
  const page = await newPage(site.browser);
  await page.goto(`${site.url}/`);
  await page.waitForFunction(() => document.title.startsWith('Explorer'));
  await page.getByRole('link', { name: 'Communes', exact: true }).click();
  await page.waitForFunction(() => document.title.startsWith('Statistiques et communes'));
  await page.getByRole('link', { name: 'Baromètre' }).click();
  await page.waitForFunction(() => document.title.startsWith('Baromètre'));
  await page.getByRole('link', { name: 'À propos et sources' }).click();
  await page.waitForFunction(() => document.title.startsWith('À propos'));
  await page.goto(`${site.url}/commune/92094/`);
  await page.waitForFunction(() => document.title.startsWith('Namur'));
});
