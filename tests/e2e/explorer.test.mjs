// The explorer as a citizen uses it: facets, the map, the URL, the commune and project pages.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { useSite, newPage, laureates, launchBrowser } from './harness.mjs';

const site = useSite();

// Expected counts, from data/projects.csv.
const ROWS = laureates();
const ALL = ROWS.length;
const where = (test) => ROWS.filter(test).length;
const inCommune = (name) => where((p) => p.communes.includes(name));
const ofTheme = (theme) => where((p) => p.theme === theme);
const completed = (p) => p.status === 'completed';
const call2019 = (p) => p.call_year === '2019' && p.phase === '2019';
/** Folded words, as the engine's text index splits them. */
const words = (text) => text.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase().split(/[^\p{L}\p{N}]+/u).filter(Boolean);

/** The communes of `rows`, lower-cased (Statbel writes "Pont-à-celles", the projects' sources "Pont-à-Celles"), sorted. */
const communesOf = (rows) => [...new Set(rows.flatMap((p) => p.communes.map((c) => c.toLowerCase())))].sort();
/** The municipality facet's options in sight, lower-cased and sorted. */
const visibleCommunes = async (page) =>
  (await page.getByTestId('facet-municipality').locator('li:visible .facet__label').allTextContents())
    .map((c) => c.toLowerCase())
    .sort();

const NO_PROJECT = '#e0e0e0';
const count = (page) => page.getByTestId('result-count').getAttribute('data-count').then(Number);
const fill = (page, nis) => page.getByTestId(`map-commune-${nis}`).getAttribute('fill');
const waitCount = (page, n) =>
  page.waitForFunction((n) => document.querySelector('[data-testid="result-count"]')?.dataset.count === String(n), n);

async function openExplorer(path = '/') {
  const page = await newPage(site.browser, { viewport: { width: 1280, height: 1000 } });
  await page.goto(`${site.url}${path}`);
  await page.getByTestId('map').locator('path').first().waitFor();
  return page;
}

test('selecting a theme updates the count, the facets, the URL and the map', async () => {
  const page = await openExplorer();
  assert.equal(await count(page), ALL);
  assert.notEqual(await fill(page, '52011'), NO_PROJECT, 'Charleroi has projects');
  await page.getByTestId('facet-option-theme-mobility-logistics').click();
  await waitCount(page, ofTheme('mobility-logistics'));
  assert.match(page.url(), /theme=mobility-logistics/);
  assert.equal(await page.locator('[data-testid="results-table"] tbody tr').count(), ofTheme('mobility-logistics'));
  // The map follows: Ottignies-LLN keeps a colour, Charleroi loses it.
  assert.notEqual(await fill(page, '25121'), NO_PROJECT);
  assert.equal(await fill(page, '52011'), NO_PROJECT);
  // Disjunctive facets: the other themes keep their own counts.
  assert.equal(await page.getByTestId('facet-option-theme-governance-citizenship').getAttribute('data-count'), String(ofTheme('governance-citizenship')));
  // The municipality facet shows the communes that have a matching project, and only them.
  assert.deepEqual(await visibleCommunes(page), communesOf(ROWS.filter((p) => p.theme === 'mobility-logistics')));
  // A chip shows the filter and removes it.
  const chips = page.getByTestId('active-filters');
  assert.match(await chips.textContent(), /Mobilité et logistique/);
  await chips.getByRole('link', { name: /Retirer le filtre/ }).click();
  await waitCount(page, ALL);
  assert.deepEqual(await visibleCommunes(page), communesOf(ROWS));
  assert.deepEqual(page.errors, []);
});

test('clicking a commune filters the results and the URL; reloading restores the view', async () => {
  const page = await openExplorer();
  await page.getByTestId('map-commune-52011').click();
  await waitCount(page, inCommune('Charleroi'));
  assert.match(page.url(), /commune=52011/);
  assert.equal(await page.getByTestId('map-commune-52011').getAttribute('aria-pressed'), 'true');
  const titles = await page.locator('[data-testid="results-table"] tbody tr').allTextContents();
  assert.ok(titles.every((t) => t.includes('Charleroi')), titles.join('\n'));

  await page.reload();
  await page.getByTestId('map').locator('path').first().waitFor();
  await waitCount(page, inCommune('Charleroi'));
  assert.equal(await page.getByTestId('map-commune-52011').getAttribute('aria-pressed'), 'true');
  assert.match(await page.getByTestId('active-filters').textContent(), /Charleroi/);

  // Clicking it again clears the selection.
  await page.getByTestId('map-commune-52011').click();
  await waitCount(page, ALL);
  assert.doesNotMatch(page.url(), /commune=/);
});

test('sort headers, the pager and the filter chips are links to their view', async () => {
  const page = await openExplorer('/?theme=mobility-logistics');
  await waitCount(page, ofTheme('mobility-logistics'));
  const sort = page.getByTestId('sort-subsidy');
  assert.equal(await sort.evaluate((el) => el.tagName), 'A');
  // (The state's parameters come in alphabetical order, then the language.)
  assert.equal(await sort.getAttribute('href'), '/?sort=subsidy&theme=mobility-logistics&lang=fr');
  await sort.click();
  await page.waitForURL(/sort=subsidy/);
  assert.equal(await page.locator('th[aria-sort="ascending"]').count(), 1);
  // Clicking again reverses the order.
  assert.equal(await sort.getAttribute('href'), '/?sort=-subsidy&theme=mobility-logistics&lang=fr');
  const chip = page.getByTestId('active-filters').getByRole('link', { name: /Retirer le filtre/ });
  assert.equal(await chip.getAttribute('href'), '/?sort=subsidy&lang=fr');
  assert.equal(await page.getByTestId('clear-filters').getAttribute('href'), '/?sort=subsidy&lang=fr');
  // The pager: the whole list spans more than one page of 20.
  await chip.click();
  await waitCount(page, ALL);
  if (ALL > 20) {
    const next = page.getByTestId('page-next');
    assert.equal(await next.getAttribute('href'), '/?page=2&sort=subsidy&lang=fr');
    await next.click();
    await page.waitForURL(/page=2/);
    assert.equal(await page.getByTestId('page-previous').getAttribute('href'), '/?sort=subsidy&lang=fr');
    assert.equal(await page.getByTestId('page-next').getAttribute('aria-disabled'), ALL > 40 ? null : 'true');
  }
  assert.deepEqual(page.errors, []);
});

test('back and forward move through filter changes', async () => {
  const page = await openExplorer();
  const done = where(completed);
  const done2019 = where((p) => completed(p) && call2019(p));
  const done2019Mobility = where((p) => completed(p) && call2019(p) && p.theme === 'mobility-logistics');
  await page.getByTestId('facet-option-status-completed').click();
  await waitCount(page, done);
  await page.getByTestId('facet-option-call-2019').click();
  await waitCount(page, done2019);
  await page.getByTestId('facet-option-theme-mobility-logistics').click();
  await waitCount(page, done2019Mobility);
  // The checkboxes follow the address, not only the clicks on them.
  const checked = async () => {
    const boxes = ['status-completed', 'call-2019', 'theme-mobility-logistics'];
    const states = await Promise.all(boxes.map((id) => page.getByTestId(`facet-option-${id}`).locator('input').isChecked()));
    return boxes.filter((_, i) => states[i]);
  };
  assert.deepEqual(await checked(), ['status-completed', 'call-2019', 'theme-mobility-logistics']);
  await page.goBack();
  await waitCount(page, done2019);
  assert.doesNotMatch(page.url(), /theme=/);
  assert.deepEqual(await checked(), ['status-completed', 'call-2019']);
  await page.goBack();
  await page.goBack();
  await waitCount(page, ALL);
  assert.deepEqual(await checked(), []);
  await page.goForward();
  await waitCount(page, done);
  assert.match(page.url(), /status=completed/);
  assert.deepEqual(await checked(), ['status-completed']);
});

test('the municipality type-ahead finds Liège from "liege", across languages', async () => {
  const page = await openExplorer();
  const search = page.getByTestId('municipality-search');
  await search.fill('liege');
  const suggestion = page.getByTestId('suggestion-62063');
  await suggestion.waitFor();
  assert.match(await suggestion.textContent(), /Liège/);
  await search.fill('luik');
  await suggestion.waitFor();
  await search.fill('BASTOGNE');
  await page.getByTestId('suggestion-82003').click();
  await waitCount(page, inCommune('Bastogne'));
  assert.match(page.url(), /commune=82003/);
});

test("the map's communes are named in the page's language, switched or from the address", async () => {
  const label = (page) => page.getByTestId('map-commune-62063').getAttribute('aria-label');
  const page = await openExplorer();
  assert.equal(await label(page), 'Liège');
  await page.getByTestId('lang-switch').selectOption('nl');
  await page.waitForFunction(() => document.querySelector('[data-testid="map-commune-62063"]')?.getAttribute('aria-label') === 'Luik');
  await page.getByTestId('lang-switch').selectOption('fr');
  await page.waitForFunction(() => document.querySelector('[data-testid="map-commune-62063"]')?.getAttribute('aria-label') === 'Liège');
  const dutch = await openExplorer('/?lang=nl');
  await dutch.waitForFunction(() => document.querySelector('[data-testid="map-commune-62063"]')?.getAttribute('aria-label') === 'Luik');
  assert.deepEqual([...page.errors, ...dutch.errors], []);
});

test('the facets, made again in another language, still follow the filters', async () => {
  const page = await openExplorer();
  const option = (id) => page.getByTestId(`facet-option-${id}`);
  const facetCount = (id) => option(id).getAttribute('data-count').then(Number);
  const mobility = ROWS.filter((p) => p.theme === 'mobility-logistics');
  const french = await option('theme-mobility-logistics').locator('.facet__label').textContent();
  await page.getByTestId('lang-switch').selectOption('nl');
  await page.waitForFunction(
    (french) => document.querySelector('[data-testid="facet-option-theme-mobility-logistics"] .facet__label')?.textContent !== french,
    french,
  );
  await option('theme-mobility-logistics').click();
  await waitCount(page, mobility.length);
  assert.equal(await option('theme-mobility-logistics').locator('input').isChecked(), true);
  assert.equal(await facetCount('status-completed'), mobility.filter(completed).length);
  assert.equal(await facetCount('theme-governance-citizenship'), ofTheme('governance-citizenship'));
  // In Dutch the names differ from the data's: as many communes in sight.
  assert.equal((await visibleCommunes(page)).length, communesOf(mobility).length);
  // Back in French, unchecked: every count as at the start.
  await page.getByTestId('lang-switch').selectOption('fr');
  await page.waitForFunction(
    (french) => document.querySelector('[data-testid="facet-option-theme-mobility-logistics"] .facet__label')?.textContent === french,
    french,
  );
  await option('theme-mobility-logistics').click();
  await waitCount(page, ALL);
  assert.equal(await option('theme-mobility-logistics').locator('input').isChecked(), false);
  assert.equal(await facetCount('status-completed'), where(completed));
  assert.deepEqual(await visibleCommunes(page), communesOf(ROWS));
  assert.deepEqual(page.errors, []);
});

test('free text, subsidy range and malformed URL parameters', async () => {
  const page = await openExplorer('/?subsidy_min=abc&metric=zzz&q=ride');
  await waitCount(page, where((p) => words(`${p.title} ${p.lead_applicant}`).some((w) => w.startsWith('ride'))));
  assert.match(await page.getByTestId('url-notice').textContent(), /subsidy_min=abc/);
  await page.getByTestId('search-input').fill('');
  await page.getByTestId('search-input').press('Enter');
  await waitCount(page, ALL);
  await page.getByTestId('subsidy-min').fill('150000');
  await page.getByTestId('subsidy-min').press('Enter');
  await waitCount(page, where((p) => p.subsidy_eur !== '' && Number(p.subsidy_eur) >= 150000));
  assert.deepEqual(page.errors, []);
});

test('the map is usable with the keyboard only: Tab, Enter, Escape', async () => {
  const page = await openExplorer();
  await page.locator('body').press('Tab');
  let focused = '';
  for (let i = 0; i < 200 && !focused.startsWith('map-commune-'); i += 1) {
    await page.keyboard.press('Tab');
    focused = await page.evaluate(() => document.activeElement?.dataset?.testid ?? '');
  }
  assert.ok(focused.startsWith('map-commune-'), 'a commune is reachable with Tab');
  const tooltip = page.getByTestId('map-tooltip');
  await tooltip.waitFor();
  const nis = focused.slice('map-commune-'.length);
  await page.keyboard.press('Enter');
  await page.waitForFunction((nis) => location.search.includes(`commune=${nis}`), nis);
  assert.equal(await page.getByTestId(focused).getAttribute('aria-pressed'), 'true');
  await page.keyboard.press('Escape');
  await page.waitForFunction(() => !location.search.includes('commune='));
  await waitCount(page, ALL);
});

test('zooming in survives a filter change: the map keeps its view and its elements', async () => {
  const page = await openExplorer();
  const map = page.getByTestId('map');
  const home = await map.getAttribute('viewBox');
  await page.getByTestId('zoom-in').click();
  const zoomed = await map.getAttribute('viewBox');
  assert.notEqual(zoomed, home);
  const liege = await page.getByTestId('map-commune-62063').elementHandle();
  await page.getByTestId('facet-option-theme-mobility-logistics').click();
  await waitCount(page, ofTheme('mobility-logistics'));
  assert.equal(await map.getAttribute('viewBox'), zoomed);
  // The same SVG element, recoloured in place rather than rebuilt.
  assert.ok(await liege.evaluate((el) => el.isConnected));
  assert.deepEqual(page.errors, []);
});

test('the metric selector recolours the map and the legend names its classes', async () => {
  const page = await openExplorer();
  // Project counts get whole-number classes that do not overlap: "1", "2", "3 – 4"…
  const counts = (await page.getByTestId('map-legend').locator('li').allTextContents())
    .filter((label) => /^\d/.test(label))
    .map((label) => label.split(' – ').map(Number));
  assert.ok(counts.length >= 2, JSON.stringify(counts));
  for (const [i, range] of counts.entries()) {
    assert.ok(range.every(Number.isInteger), JSON.stringify(counts));
    if (i > 0) assert.equal(range[0], counts[i - 1].at(-1) + 1, JSON.stringify(counts));
  }
  await page.getByTestId('metric-select').selectOption('subsidy');
  await page.waitForFunction(() => location.search.includes('metric=subsidy'));
  const legend = await page.getByTestId('map-legend').textContent();
  assert.match(legend, /Subside total/);
  assert.match(legend, /€/);
  assert.match(legend, /Aucun projet documenté/);
  // Hannut's 108 000 € and Herve's 45 283 € fall in different classes.
  assert.notEqual(await fill(page, '64034'), await fill(page, '63035'));
});

test("a link to another page is a new entry: Back returns to the explorer's filters, which still write the address", async (t) => {
  // A browser that keeps the explorer's page when a link leaves it, and shows it again,
  // as it was, on Back.
  const browser = await launchBrowser({ backForwardCache: true });
  t.after(() => browser.close());
  const page = await newPage(browser, { viewport: { width: 1280, height: 1000 } });
  await page.goto(`${site.url}/?theme=mobility-logistics`);
  await waitCount(page, ofTheme('mobility-logistics'));
  const entries = await page.evaluate(() => history.length);
  await page.evaluate(() => { window.keptByTheBrowser = true; });
  await page.getByTestId('app-header').getByRole('link', { name: 'Programme' }).click();
  await page.waitForURL(/\/programme\/\?lang=fr$/);
  await page.getByTestId('programme-timeline').waitFor();
  assert.equal(await page.evaluate(() => history.length), entries + 1);
  // A page shown again from the cache is not loaded: no "load" event to wait for.
  await page.goBack({ waitUntil: 'commit' });
  await page.waitForURL(/\/\?theme=mobility-logistics$/, { waitUntil: 'commit' });
  await waitCount(page, ofTheme('mobility-logistics'));
  assert.equal(await page.evaluate(() => window.keptByTheBrowser), true, 'the page came back from the back-forward cache');
  // The explorer's page is back at its own address: its links and filters still write it.
  assert.equal(await page.getByTestId('app-header').getByRole('link', { name: 'Explorer', exact: true }).getAttribute('aria-current'), 'page');
  await page.getByTestId('sort-subsidy').click();
  await page.waitForURL(/\/\?sort=subsidy&theme=mobility-logistics&lang=fr$/, { waitUntil: 'commit' });
  assert.equal(await page.locator('th[aria-sort="ascending"]').count(), 1);
  await page.getByTestId('facet-option-status-completed').click();
  await waitCount(page, where((p) => p.theme === 'mobility-logistics' && completed(p)));
  assert.match(page.url(), /status=completed/);
  assert.equal(await page.evaluate(() => history.length), entries + 2);
  assert.deepEqual(page.errors, []);
  // A host answering another address with the explorer's page: "page not found" (a
  // first visit: the service worker would answer from its cache).
  const elsewhere = await newPage(site.browser);
  const html = await (await elsewhere.request.get(`${site.url}/`)).text();
  await elsewhere.route(`${site.url}/no/such/page/`, (route) => route.fulfill({ status: 200, contentType: 'text/html', body: html }));
  await elsewhere.goto(`${site.url}/no/such/page/`);
  await elsewhere.locator('h1').waitFor();
  assert.equal(await elsewhere.locator('h1').textContent(), "Cette page n'existe pas.");
  assert.equal(await elsewhere.getByTestId('map').count(), 0);
  // Its links lead on: the header's explorer link loads the explorer.
  await elsewhere.getByTestId('app-header').getByRole('link', { name: 'Explorer', exact: true }).click();
  await elsewhere.waitForURL(`${site.url}/?lang=fr`);
  await elsewhere.getByTestId('map').locator('path').first().waitFor();
  assert.deepEqual(elsewhere.errors, []);
});

test('a commune page shows its projects, figures and neighbours', async () => {
  const page = await newPage(site.browser);
  const response = await page.goto(`${site.url}/commune/62063/`);
  assert.equal(response.status(), 200);
  await page.getByTestId('commune-page').locator('h1').waitFor();
  assert.match(await page.locator('h1').textContent(), /Liège/);
  const neighbours = page.getByTestId('neighbours');
  await neighbours.locator('li').first().waitFor();
  const names = await neighbours.textContent();
  assert.match(names, /Chaudfontaine/);
  assert.match(names, /Seraing/);
  // Chaudfontaine's "Fais tes balises" is a neighbour's project.
  assert.match(await page.getByTestId('neighbour-projects').textContent(), /Fais tes balises/);
  assert.match(await page.title(), /Liège/);
});

test('a project page shows its fields, municipalities, sources and the call context', async () => {
  const page = await newPage(site.browser);
  const response = await page.goto(`${site.url}/project/ti2019-fais-tes-balises/`);
  assert.equal(response.status(), 200);
  const project = page.getByTestId('project-page');
  await project.locator('h1').waitFor();
  assert.equal(await project.locator('h1').textContent(), 'Fais tes balises');
  assert.match(await page.title(), /Fais tes balises/);
  const links = await project.locator('a[href*="/commune/"]').allTextContents();
  assert.deepEqual(links, ['Chaudfontaine', 'Trooz']);
  const sources = project.locator('.sources a');
  assert.ok((await sources.count()) >= 1);
  for (const href of await sources.evaluateAll((as) => as.map((a) => a.getAttribute('href')))) {
    assert.match(href, /^https?:\/\//);
  }
  const documented = where(call2019);
  assert.match(await page.getByTestId('call-context').textContent(), new RegExp(`88 projets déposés, 43 lauréats ; ${documented} documentés`));
  await project.locator('a[href*="/commune/62022"]').click();
  await page.getByTestId('commune-page').locator('h1').waitFor();
  assert.match(await page.locator('h1').textContent(), /Chaudfontaine/);
});
