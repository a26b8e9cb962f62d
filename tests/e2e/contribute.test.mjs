// Growing the laureate data without a server: the contribution form on a commune
// page, a project page and the coverage box; project notes, dates and sources; the
// map legend's "amount unknown" class.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { useSite, newPage, serveStatic, laureates, ROOT } from './harness.mjs';

const site = useSite();
const ROWS = laureates();
const HEADER = 'id,call_year,phase,title,title_status,lead_applicant,lead_type,municipalities,theme,status,subsidy_eur,total_budget_eur,completed_on,note,sources';

/** A Walloon commune of the reference that no documented project names. */
function communeWithoutProject() {
  const named = new Set(ROWS.flatMap((p) => p.communes));
  const candidates = [['92003', 'Andenne'], ['57081', 'Tournai'], ['91013', 'Beauraing']];
  const found = candidates.find(([, name]) => !named.has(name));
  assert.ok(found, 'a commune without project among the candidates');
  return found;
}

const field = (page, name) => page.getByTestId(`contribute-field-${name}`);

test('a commune without documented project says so and takes a missing laureate', async () => {
  const [nis, name] = communeWithoutProject();
  const page = await newPage(site.browser, { acceptDownloads: true });
  await page.goto(`${site.url}/commune/${nis}/`);
  const none = page.getByTestId('commune-no-project');
  await none.waitFor();
  assert.match(await none.textContent(), /Aucun projet documenté/);
  assert.match(await page.getByTestId('commune-contribute').textContent(), /listes officielles de lauréats ne sont publiées qu'en partie/);

  await page.getByTestId('contribute-open').click();
  const form = page.getByTestId('contribute-form');
  await form.waitFor();
  // Prefilled with the commune; no repository at this build, so no issue link.
  assert.equal(await field(page, 'municipalities').inputValue(), name);
  assert.equal(await page.getByTestId('contribute-issue-link').count(), 0);
  assert.match(await page.getByTestId('contribute-no-repository').textContent(), /datakit add/);
  assert.equal(await page.getByTestId('contribute-download').isDisabled(), true);

  await page.getByTestId('contribute-field-call').selectOption('2023-phase2');
  await field(page, 'title').fill('Capteurs de qualité de l\'air, "phase 1"');
  await field(page, 'subsidy_eur').fill('beaucoup');
  await field(page, 'sources').fill('http://example.org/article');
  // The core's rules, a message per field.
  assert.match(await page.getByTestId('contribute-error-sources').textContent(), /https:/);
  assert.match(await page.getByTestId('contribute-error-subsidy_eur').textContent(), /beaucoup/);
  assert.equal(await page.getByTestId('contribute-error-title').count(), 0);
  assert.match(await page.getByTestId('contribute-status').textContent(), /Corrigez/);

  await field(page, 'subsidy_eur').fill('45000,50');
  await field(page, 'sources').fill('https://example.org/article\nhttps://example.org/autre');
  await page.waitForFunction(() => document.querySelector('[data-testid="contribute-status"]')?.textContent.includes('valide'));
  const row = await page.getByTestId('contribute-row').textContent();
  const id = `ti2023-capteurs-de-qualite-de-l-air-phase-1`;
  assert.equal(row, `${id},2023,phase2,"Capteurs de qualité de l'air, ""phase 1""",published,${name},commune,${name},,selected,"45000,50",,,,https://example.org/article https://example.org/autre`);

  const [file] = await Promise.all([page.waitForEvent('download'), page.getByTestId('contribute-download').click()]);
  assert.equal(file.suggestedFilename(), `${id}.csv`);
  const saved = fs.readFileSync(await file.path(), 'utf8');
  assert.equal(saved, `${HEADER}\n${row}\n`);
  // datakit accepts the downloaded file unchanged.
  const copy = path.join(path.dirname(await file.path()), `${id}.csv`);
  fs.writeFileSync(copy, saved);
  // (`make data` has built datakit already: this only runs it.)
  const check = spawnSync('cargo', ['run', '--locked', '--quiet', '-p', 'datakit', '--', 'validate', '--kind', 'projects', copy],
    { cwd: ROOT, encoding: 'utf8' });
  assert.equal(check.status, 0, check.stdout + check.stderr);
  assert.match(check.stdout, /1 rows read, 1 kept, 0 rejected/);
  assert.deepEqual(page.errors, []);
});

test('a project page shows its note, dates and sources by host, and proposes a correction as a GitHub issue', async () => {
  const siteDir = path.join(ROOT, 'target', 'site');
  const sub = await serveStatic(siteDir);
  try {
    const page = await newPage(site.browser);
    // The BEP row carries a caveat about the joint Idelux + BEP laureate.
    await page.goto(`${sub.url}/smart-region-explorer/project/ti2019-bep-camions-sentinelles/`);
    const note = page.getByTestId('project-note');
    await note.waitFor();
    assert.match(await note.textContent(), /Idelux \+ BEP/);
    // Sources are named by their host and still link to the page.
    const sources = await page.getByTestId('project-sources').locator('a').evaluateAll((as) => as.map((a) => [a.textContent, a.href]));
    const bep = ROWS.find((p) => p.id === 'ti2019-bep-camions-sentinelles');
    assert.equal(sources.length, bep.sources.split(' ').length);
    assert.deepEqual(sources.map(([, href]) => href), bep.sources.split(' '));
    assert.ok(sources.every(([label]) => !label.includes('/') && !label.startsWith('http')), JSON.stringify(sources));
    assert.ok(sources.some(([label]) => label === 'rtbf.be'));

    // ShutLLN's completion date; its selection date is the call's.
    await page.goto(`${sub.url}/smart-region-explorer/project/ti2019-shutlln/`);
    await page.getByTestId('project-completed-on').waitFor();
    assert.equal(await page.getByTestId('project-completed-on').textContent(), '31 août 2021');
    assert.equal(await page.getByTestId('project-selected-on').textContent(), '31 mai 2019');

    // A correction: the form holds the row as the data has it.
    await page.getByTestId('contribute-open').click();
    assert.equal(await field(page, 'id').inputValue(), 'ti2019-shutlln');
    assert.equal(await field(page, 'id').getAttribute('readonly'), '');
    const shutlln = ROWS.find((p) => p.id === 'ti2019-shutlln');
    assert.equal(await field(page, 'sources').inputValue(), shutlln.sources);
    assert.equal(await page.getByTestId('contribute-no-repository').count(), 0);
    await field(page, 'total_budget_eur').fill('550000');
    const link = page.getByTestId('contribute-issue-link');
    await page.waitForFunction(() => document.querySelector('[data-testid="contribute-issue-link"]')?.href.includes('550000'));
    const href = await link.getAttribute('href');
    assert.ok(href.length <= 8000, `${href.length}`);
    const url = new URL(href);
    assert.equal(`${url.origin}${url.pathname}`, 'https://github.com/example/smart-region-explorer/issues/new');
    assert.equal(url.searchParams.get('title'), 'Correction: ti2019-shutlln');
    const body = url.searchParams.get('body');
    assert.ok(body.includes(HEADER), body);
    assert.ok(body.includes(await page.getByTestId('contribute-row').textContent()), body);
    for (const source of shutlln.sources.split(' ')) assert.ok(body.includes(`- ${source}`), source);
    assert.equal(await link.getAttribute('rel'), 'noopener noreferrer');
    assert.deepEqual(page.errors, []);
  } finally {
    sub.stop();
  }
});

test('the coverage box offers the form, and the map tells "no project" from "amount unknown"', async () => {
  const page = await newPage(site.browser, { viewport: { width: 1280, height: 1000 } });
  await page.goto(`${site.url}/?metric=subsidy`);
  await page.getByTestId('map').locator('path').first().waitFor();
  await page.getByTestId('coverage').getByTestId('contribute-open').click();
  await page.getByTestId('contribute-form').waitFor();
  assert.equal(await field(page, 'municipalities').inputValue(), '');
  await page.keyboard.press('Escape');

  // Chaudfontaine's projects have no published subsidy: striped, not "no project".
  const unknown = ROWS.filter((p) => p.communes.includes('Chaudfontaine'));
  assert.ok(unknown.length > 0 && unknown.every((p) => p.subsidy_eur === ''));
  assert.equal(await page.getByTestId('map-commune-62022').getAttribute('fill'), 'url(#sre-amount-unknown)');
  const [nis] = communeWithoutProject();
  assert.equal(await page.getByTestId(`map-commune-${nis}`).getAttribute('fill'), '#e0e0e0');
  assert.match(await page.getByTestId('legend-amount-unknown').textContent(), /montant inconnu/);
  assert.match(await page.getByTestId('legend-no-project').textContent(), /Aucun projet documenté/);
  await page.getByTestId('map-commune-62022').hover();
  assert.match(await page.getByTestId('map-tooltip').textContent(), /montant inconnu/);
  // Counting projects, there is no amount to be unknown.
  await page.getByTestId('metric-select').selectOption('projects');
  await page.waitForFunction(() => !location.search.includes('metric=subsidy'));
  assert.equal(await page.getByTestId('legend-amount-unknown').count(), 0);
  assert.notEqual(await page.getByTestId('map-commune-62022').getAttribute('fill'), 'url(#sre-amount-unknown)');
  assert.deepEqual(page.errors, []);
});
