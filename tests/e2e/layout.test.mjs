// No page scrolls sideways on a 320 px wide phone: every page, with its charts drawn
// and their tables open. A table may scroll inside its own wrapper; the page may not.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { useSite, newPage, laureates, dataRows } from './harness.mjs';

const site = useSite();

const WIDTH = 320;
const project = laureates().find((p) => p.communes.length > 0);
// The project's first commune, by its NIS code.
const commune = dataRows('municipalities.csv').find((m) => m.name_fr === project.communes[0]);

/** Every kind of page, with what shows it is ready. */
const PAGES = [
  { path: '/', ready: '[data-testid="map"] path' },
  { path: '/communes/', ready: '[data-testid="municipality-list"] li' },
  { path: '/barometer/', ready: '[data-testid="chart-obstacles"]' },
  { path: '/programme/', ready: '[data-testid="programme-timeline"] li' },
  { path: '/data/', ready: '[data-testid="data-file"]' },
  { path: '/about/', ready: '[data-dataset="municipalities"]' },
  { path: `/commune/${commune.nis}/`, ready: '[data-testid="commune-population"]' },
  { path: `/project/${project.id}/`, ready: '[data-testid="project-page"] h1' },
  { path: '/embed/map/', ready: '[data-testid="map"] path' },
  { path: '/embed/table/', ready: 'table' },
];

/**
 * The page's and the body's scroll widths, and the elements that stick out on the
 * right: those whose right edge passes the screen's while their parent's does not
 * (the culprits, not every box they widen), or that are positioned out of their
 * parent's flow; not those a box that scrolls or clips sideways holds in.
 */
function overflow(page, width) {
  return page.evaluate((width) => {
    const sticksOut = (e) => e.getBoundingClientRect().right > width + 0.5;
    const positioned = (e) => ['absolute', 'fixed'].includes(getComputedStyle(e).position);
    // A scrolling or clipping ancestor holds in what flows inside it (a positioned
    // element may escape it: then it counts).
    const heldIn = (e) => {
      if (positioned(e)) return false;
      for (let a = e.parentElement; a && a !== document.body; a = a.parentElement) {
        if (getComputedStyle(a).overflowX !== 'visible') return true;
      }
      return false;
    };
    const name = (e) => {
      const testid = e.closest('[data-testid]')?.dataset.testid;
      const cls = typeof e.className === 'string' ? e.className : e.className?.baseVal;
      return `${e.tagName.toLowerCase()}${e.id ? `#${e.id}` : ''}${cls ? `.${cls.trim().split(/\s+/).join('.')}` : ''}`
        + `${testid ? ` in [${testid}]` : ''} (right ${Math.round(e.getBoundingClientRect().right)} px)`;
    };
    const offenders = [...document.querySelectorAll('body *')]
      .filter((e) => sticksOut(e) && !heldIn(e))
      .filter((e) => positioned(e) || !(e.parentElement && e.parentElement !== document.body && sticksOut(e.parentElement)))
      .slice(0, 20)
      .map(name);
    return {
      html: document.documentElement.scrollWidth,
      body: document.body.scrollWidth,
      offenders,
    };
  }, width);
}

for (const { path, ready } of PAGES) {
  test(`${path} does not scroll sideways at ${WIDTH} px`, async () => {
    const page = await newPage(site.browser, {
      viewport: { width: WIDTH, height: 640 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true,
    });
    await page.goto(`${site.url}${path}`);
    await page.locator(ready).first().waitFor();
    // Charts drawn (a canvas gets its CSS width once measured), their tables open.
    await page.waitForFunction(() => [...document.querySelectorAll('figure[data-kind="bars"] canvas')]
      .every((c) => c.width > 0 && c.style.width !== ''));
    for (const toggle of await page.locator('[data-testid^="chart-table-toggle-"]').all()) {
      await toggle.click();
    }
    const found = await overflow(page, WIDTH);
    const message = `${path}: page ${found.html} px, body ${found.body} px wide; sticking out:\n  ${found.offenders.join('\n  ')}`;
    assert.ok(found.html <= WIDTH, message);
    assert.ok(found.body <= WIDTH, message);
    assert.deepEqual(page.errors, []);
  });
}

// The explorer's first frame is the map; the filters, the results and the tools come
// after it. What the first frame shows stays where it was: the map neither moves nor
// resizes (at the widths where the toolbar would wrap, it follows the map), and the
// footer, out of the first screen, does not cross it.
for (const viewport of [{ width: 1280, height: 1000 }, { width: 390, height: 844 }, { width: 640, height: 900 }, { width: 940, height: 900 }]) {
  test(`at ${viewport.width} px, the map stays in place while the explorer fills in`, async () => {
    const page = await newPage(site.browser, { viewport });
    // The map's box when all its communes are first in the page, at that frame.
    await page.addInitScript(() => {
      window.__firstMapBox = new Promise((resolve) => {
        const observer = new MutationObserver(() => {
          const map = document.querySelector('[data-testid="map"]');
          if (!map || document.querySelectorAll('[data-testid^="map-commune-"]').length < 262) return;
          observer.disconnect();
          requestAnimationFrame(() => {
            const { x, y, width, height } = map.getBoundingClientRect();
            const footer = document.querySelector('.site-footer')?.getBoundingClientRect().top;
            resolve({ box: { x, y, width, height }, footer });
          });
        });
        observer.observe(document, { subtree: true, childList: true });
      });
    });
    await page.goto(`${site.url}/`);
    const first = await page.evaluate(() => window.__firstMapBox);
    assert.ok(first.footer >= viewport.height, `the footer starts below the first screen (${first.footer})`);
    // Once the results, the filters and the tools' toolbar are there.
    await page.getByTestId('results-table').waitFor({ state: 'attached' });
    await page.getByTestId('facet-option-theme-mobility-logistics').waitFor({ state: 'attached' });
    await page.getByTestId('share-button').waitFor();
    const now = await page.evaluate(() => {
      const { x, y, width, height } = document.querySelector('[data-testid="map"]').getBoundingClientRect();
      return { x, y, width, height };
    });
    assert.deepEqual(now, first.box);
    assert.deepEqual(page.errors, []);
    await page.context().close();
  });
}
