// The map's first paint, timed in the page itself (not a test: a helper of the perf
// scripts). Timed from node, with Playwright polling for the map then asking the page
// for the time, the figure also held a round trip through the page's main thread, which
// just then runs the explorer's tools starting up (about 50–100 ms on this machine):
// the harness's wait, not the reader's.

/**
 * Before `page` loads anything: a MutationObserver notes when the map holds every
 * Walloon commune (`communes` paths), then the end of the next frame (its rendering
 * done: the first task after its animation frame), both in ms after navigation start.
 */
export async function watchMapPaint(page, communes = 262) {
  await page.addInitScript((communes) => {
    window.__mapPaint = new Promise((resolve) => {
      const observer = new MutationObserver(() => {
        if (document.querySelectorAll('[data-testid^="map-commune-"]').length < communes) return;
        observer.disconnect();
        const inDom = performance.now();
        // A task of the highest priority after the frame's callbacks runs once its
        // style, layout and paint are done, and before the tasks the app queued for
        // after its first frame (the tools, the service worker), which a timer would
        // wait behind.
        const after = (task) => (window.scheduler?.postTask
          ? window.scheduler.postTask(task, { priority: 'user-blocking' })
          : setTimeout(task, 0));
        requestAnimationFrame(() => after(() => resolve({ inDom, painted: performance.now() })));
      });
      observer.observe(document, { subtree: true, childList: true });
    });
  }, communes);
}

/** The times [`watchMapPaint`] noted, once the map is painted: `{ inDom, painted }`. */
export function mapPaint(page) {
  return page.evaluate(() => window.__mapPaint);
}
