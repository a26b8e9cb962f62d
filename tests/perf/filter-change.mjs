// A filter change, timed in the page (not a test: a helper of the perf scripts): the
// theme "mobility" toggled by a click on its checkbox, then the time until the DOM
// holds the new state everywhere it shows (a MutationObserver checks the count, the
// map's fill of Charleroi, a facet's count and the first table page), and until the
// next frame is painted.
import { laureates } from '../e2e/harness.mjs';

const NO_PROJECT = '#e0e0e0';

/**
 * What the page shows after each toggle, from data/projects.csv: with "mobility"
 * checked, then unchecked again (a fresh page starts unfiltered).
 */
export function toggleStates() {
  const rows = laureates();
  const mobility = rows.filter((p) => p.theme === 'mobility-logistics');
  const statusCount = (list, status) => String(list.filter((p) => p.status === status).length);
  const state = (list, charleroiEmpty) => ({
    count: String(list.length),
    // Charleroi has no mobility project: no fill under the filter.
    charleroiEmpty,
    completed: statusCount(list, 'completed'),
    rows: Math.min(list.length, 20),
  });
  return [state(mobility, true), state(rows, false)];
}

/**
 * Toggles "mobility" in `page` and resolves to `[domUpdated, framePainted]`, in ms
 * after the click, once the page shows `expected` (one of `toggleStates()`).
 */
export function timeToggle(page, expected) {
  return page.evaluate(async ({ expected, noProject }) => {
    const done = () => {
      const q = (s) => document.querySelector(s);
      const fill = q('[data-testid="map-commune-52011"]')?.getAttribute('fill');
      return q('[data-testid="result-count"]')?.dataset.count === expected.count
        && (fill === noProject) === expected.charleroiEmpty
        && q('[data-testid="facet-option-status-completed"]')?.dataset.count === expected.completed
        && document.querySelectorAll('[data-testid="results-table"] tbody tr').length === expected.rows;
    };
    const start = performance.now();
    const seen = new Promise((resolve) => {
      const observer = new MutationObserver(() => {
        if (done()) { observer.disconnect(); resolve(performance.now()); }
      });
      observer.observe(document.body, { subtree: true, childList: true, attributes: true, characterData: true });
    });
    document.querySelector('[data-testid="facet-option-theme-mobility-logistics"] input').click();
    const at = await seen;
    const frame = await new Promise((resolve) => requestAnimationFrame(() => setTimeout(() => resolve(performance.now()), 0)));
    return [at - start, frame - start];
  }, { expected, noProject: NO_PROJECT });
}
