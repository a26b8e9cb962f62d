// The browser benchmark: the same synthetic projects and the same query run by
// our engine (wasm), DuckDB-wasm (eh bundle, in a Worker) and Arquero, in this
// page. window.runBench(rows) returns the medians and the result checks.
import init, { Bench } from '/pkg/engine_bench_wasm.js';
import * as duckdb from '/node_modules/@duckdb/duckdb-wasm/dist/duckdb-browser.mjs';
import * as arrow from 'apache-arrow';

const aq = window.aq;
const SEED = 2026;
const wasm = await init({ module_or_path: '/pkg/engine_bench_wasm_bg.wasm' });

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};

/** Median time in ms of `runs` samples after `warm` unmeasured calls of `fn`;
 * `before` (unmeasured) runs ahead of each sample. A sample of an operation
 * faster than 2 ms is the mean of as many back-to-back calls as fill 2 ms
 * (the clock ticks every 5 µs at best). Returns [ms, last result, calls per sample]. */
async function time(fn, { runs = 20, warm = 3, before = null } = {}) {
  let result;
  let single = Infinity;
  for (let i = 0; i < warm; i += 1) {
    if (before) await before();
    const start = performance.now();
    result = await fn();
    single = Math.min(single, performance.now() - start);
  }
  const reps = before ? 1 : Math.min(10_000, Math.max(1, Math.ceil(2 / Math.max(single, 0.001))));
  const times = [];
  for (let i = 0; i < runs; i += 1) {
    if (before) await before();
    const start = performance.now();
    for (let r = 0; r < reps; r += 1) result = await fn();
    times.push((performance.now() - start) / reps);
  }
  return [median(times), result, reps];
}

/** What the engine's `fold` does, for these data: decompose, drop marks,
 * unify apostrophes, lower case, collapse spaces. */
const fold = (s) => s.normalize('NFKD').replace(/\p{M}/gu, '')
  .replace(/[\u2018\u2019\u02BC`\u00B4]/g, "'").toLowerCase().replace(/\s+/g, ' ').trim();
const COLUMNS = ['muni1', 'muni2', 'prov1', 'prov2', 'theme', 'status', 'call', 'applicant', 'title', 'lead'];

/** The columns of the synthetic projects as JS arrays (strings interned). */
function columns(bench, rows) {
  const out = { row: Int32Array.from({ length: rows }, (_, i) => i) };
  for (const name of COLUMNS) {
    const seen = new Map();
    out[name] = bench.column(name).split('\n').map((s) => {
      if (s === '') return null;
      const known = seen.get(s);
      if (known !== undefined) return known;
      if (seen.size < 5000) seen.set(s, s);
      return s;
    });
    if (rows === 0) out[name] = [];
  }
  out.subsidy = Array.from(bench.subsidy(), (v) => (Number.isNaN(v) ? null : v));
  return out;
}

// ---------------------------------------------------------------- the query
function queryOf(bench) {
  const q = JSON.parse(bench.query_json());
  q.words = fold(q.text).split(/[^\p{L}\p{N}]+/u).filter(Boolean);
  return q;
}

const sqlList = (xs) => xs.map((x) => `'${String(x).replaceAll("'", "''")}'`).join(', ');

/** DuckDB: one boolean expression per active dimension, like the engine's masks. */
function sqlConditions(q) {
  const c = {};
  if (q.commune.length) c.commune = `coalesce(muni1 IN (${sqlList(q.commune)}) OR muni2 IN (${sqlList(q.commune)}), false)`;
  if (q.province.length) c.province = `coalesce(prov1 IN (${sqlList(q.province)}) OR prov2 IN (${sqlList(q.province)}), false)`;
  for (const [facet, col] of [['theme', 'theme'], ['status', 'status'], ['call', 'call'], ['applicant', 'applicant']]) {
    if (q[facet].length) c[facet] = `coalesce(${col} IN (${sqlList(q[facet])}), false)`;
  }
  if (q.subsidy_min != null || q.subsidy_max != null) {
    const parts = [];
    if (q.subsidy_min != null) parts.push(`subsidy >= ${q.subsidy_min}`);
    if (q.subsidy_max != null) parts.push(`subsidy <= ${q.subsidy_max}`);
    c.subsidy = `coalesce(${parts.join(' AND ')}, false)`;
  }
  if (q.words.length) c.text = q.words.map((w) => `regexp_matches(hay, '(^|[^a-z0-9])${w}')`).join(' AND ');
  return c;
}

/** Arquero: the same as expressions over params. */
function aqConditions(q) {
  const c = {};
  if (q.commune.length) c.commune = '(op.includes($.commune, d.muni1) || op.includes($.commune, d.muni2))';
  if (q.province.length) c.province = '(op.includes($.province, d.prov1) || op.includes($.province, d.prov2))';
  for (const facet of ['theme', 'status', 'call', 'applicant']) {
    if (q[facet].length) c[facet] = `op.includes($.${facet}, d.${facet})`;
  }
  if (q.subsidy_min != null || q.subsidy_max != null) {
    const parts = ['d.subsidy != null'];
    if (q.subsidy_min != null) parts.push('d.subsidy >= $.subsidy_min');
    if (q.subsidy_max != null) parts.push('d.subsidy <= $.subsidy_max');
    c.subsidy = `(${parts.join(' && ')})`;
  }
  if (q.words.length) c.text = q.words.map((_, i) => `op.match(d.hay, $.word${i}) != null`).join(' && ');
  return c;
}

/** facet → the columns holding its values (two for the multi-valued ones). */
const FACET_COLUMNS = {
  commune: ['muni1', 'muni2'], province: ['prov1', 'prov2'], theme: ['theme'],
  status: ['status'], call: ['call'], applicant: ['applicant'],
};

const others = (conds, skip, and, none) => {
  const list = Object.entries(conds).filter(([k]) => k !== skip).map(([, v]) => v);
  return list.length ? list.join(and) : none;
};

// ------------------------------------------------------------------- DuckDB
let duck = null;
async function duckConnection() {
  if (duck) return duck;
  const dist = '/node_modules/@duckdb/duckdb-wasm/dist';
  const worker = new Worker(`${dist}/duckdb-browser-eh.worker.js`);
  const db = new duckdb.AsyncDuckDB(new duckdb.VoidLogger(), worker);
  await db.instantiate(`${dist}/duckdb-eh.wasm`);
  duck = { db, conn: await db.connect() };
  return duck;
}

async function duckBuild(conn, cols) {
  const utf8 = (xs) => arrow.vectorFromArray(xs, new arrow.Utf8());
  const vectors = { row: arrow.makeVector(cols.row), subsidy: arrow.vectorFromArray(cols.subsidy, new arrow.Float64()) };
  for (const name of COLUMNS) vectors[name] = utf8(cols[name]);
  await conn.insertArrowTable(new arrow.Table(vectors), { name: 'raw', create: true });
  await conn.query(`CREATE TABLE p AS SELECT *,
      lower(strip_accents(replace(title || ' ' || coalesce(lead, ''), '’', ''''))) AS hay,
      lower(strip_accents(replace(title, '’', ''''))) AS tkey FROM raw`);
  await conn.query('DROP TABLE raw');
}

/** Every facet count in one statement: the conditions are evaluated once per
 * row into flags (a materialized CTE, as the engine computes each mask once),
 * then each facet is grouped under the flags of the other dimensions. */
function duckFacetsSql(conds) {
  const flags = Object.fromEntries(Object.keys(conds).map((k) => [k, `c_${k}`]));
  const select = Object.entries(conds).map(([k, v]) => `${v} AS c_${k}`);
  const cols = Object.values(FACET_COLUMNS).flat();
  const parts = [`SELECT 'matching' AS facet, NULL AS value, count(*) AS n FROM f WHERE ${others(flags, null, ' AND ', 'TRUE')}`];
  for (const [facet, facetCols] of Object.entries(FACET_COLUMNS)) {
    const where = others(flags, facet, ' AND ', 'TRUE');
    for (const col of facetCols) {
      parts.push(`SELECT '${facet}', ${col}, count(*) FROM f WHERE ${where} AND ${col} IS NOT NULL GROUP BY ${col}`);
    }
  }
  return `WITH f AS MATERIALIZED (SELECT ${[...cols, ...select].join(', ')} FROM p)\n${parts.join('\nUNION ALL ')}`;
}

const asFacets = (rows) => {
  const out = { matching: 0 };
  for (const facet of Object.keys(FACET_COLUMNS)) out[facet] = {};
  for (const { facet, value, n } of rows) {
    if (facet === 'matching') out.matching = Number(n);
    else out[facet][value] = (out[facet][value] ?? 0) + Number(n);
  }
  return out;
};

// ------------------------------------------------------------------ Arquero
function aqBuild(cols) {
  const data = { row: Array.from(cols.row), subsidy: cols.subsidy };
  for (const name of COLUMNS) data[name] = cols[name];
  return aq.table(data).derive({
    hay: aq.escape((d) => fold(`${d.title ?? ''} ${d.lead ?? ''}`)),
    tkey: aq.escape((d) => fold(d.title ?? '')),
  });
}

function aqFacets(t, q, conds) {
  const params = aqParams(q);
  const flagged = t.params(params).derive(Object.fromEntries(
    Object.entries(conds).map(([k, v]) => [`c_${k}`, `(d, $) => ${v}`])));
  const flag = Object.fromEntries(Object.keys(conds).map((k) => [k, `d.c_${k}`]));
  const out = { matching: flagged.filter(`d => ${others(flag, null, ' && ', 'true')}`).numRows() };
  for (const [facet, cols] of Object.entries(FACET_COLUMNS)) {
    const sub = flagged.filter(`d => ${others(flag, facet, ' && ', 'true')}`);
    out[facet] = {};
    for (const col of cols) {
      for (const { [col]: value, count } of sub.filter(`d => d.${col} != null`).groupby(col).count().objects()) {
        out[facet][value] = (out[facet][value] ?? 0) + count;
      }
    }
  }
  return out;
}

function aqParams(q) {
  const params = { ...q };
  q.words.forEach((w, i) => { params[`word${i}`] = new RegExp(`(^|[^a-z0-9])${w}`); });
  return params;
}

// -------------------------------------------------------------------- checks
const sameFacets = (a, b) => {
  if (a.matching !== b.matching) return false;
  return Object.keys(FACET_COLUMNS).every((facet) => {
    const x = a[facet] ?? {};
    const y = b[facet] ?? {};
    const keys = new Set([...Object.keys(x), ...Object.keys(y)]);
    return [...keys].every((k) => x[k] === y[k]);
  });
};
const sameList = (a, b) => a.length === b.length && a.every((v, i) => v === b[i]);

// --------------------------------------------------------------------- run
window.runBench = async (rows, { runs = 20, buildRuns = 20 } = {}) => {
  const status = document.getElementById('status');
  status.textContent = `generating ${rows} rows…`;
  const bench = new Bench(rows, SEED);
  const q = queryOf(bench);
  const cols = columns(bench, rows);
  const ops = {};
  const checks = {};

  // Ours.
  const [buildMs] = await time(() => bench.build(), { runs: buildRuns, warm: 1 });
  const memory = { wasm_heap_bytes: wasm.memory.buffer.byteLength, index_bytes: bench.index_bytes(), raw_bytes: bench.raw_bytes() };
  const ours = {};
  ours.index_build = buildMs;
  [ours.filter] = await time(() => bench.filter(), { runs });
  const count = bench.filter();
  [ours.facet_counts] = await time(() => bench.facet_counts(), { runs });
  [ours.filter_facets] = await time(() => bench.filter_facets(), { runs });
  [ours.sort_top50] = await time(() => bench.sort_top50(), { runs });
  const ourFacets = JSON.parse(bench.facets_json());
  const ourTop = Array.from(bench.sort_top50());

  // DuckDB.
  status.textContent = `DuckDB ${rows}…`;
  const { conn } = await duckConnection();
  const sqlConds = sqlConditions(q);
  const where = others(sqlConds, null, ' AND ', 'TRUE');
  const facetsSql = duckFacetsSql(sqlConds);
  const duckRes = {};
  [duckRes.index_build] = await time(() => duckBuild(conn, cols), {
    runs: buildRuns, warm: 1, before: () => conn.query('DROP TABLE IF EXISTS p'),
  });
  const filterSql = `SELECT count(*) AS n FROM p WHERE ${where}`;
  let duckCount;
  [duckRes.filter, duckCount] = await time(async () => Number((await conn.query(filterSql)).toArray()[0].n), { runs });
  let duckFacets;
  [duckRes.facet_counts, duckFacets] = await time(async () => asFacets((await conn.query(facetsSql)).toArray()), { runs });
  [duckRes.filter_facets] = await time(async () => {
    const n = Number((await conn.query(filterSql)).toArray()[0].n);
    return [n, asFacets((await conn.query(facetsSql)).toArray())];
  }, { runs });
  const topSql = `SELECT row FROM p WHERE ${where} ORDER BY subsidy DESC NULLS LAST, tkey NULLS LAST, row LIMIT 50`;
  let duckTop;
  [duckRes.sort_top50, duckTop] = await time(async () => (await conn.query(topSql)).toArray().map((r) => Number(r.row)), { runs });
  checks.duckdb = { filter: duckCount === count, facets: sameFacets(ourFacets, duckFacets), top50: sameList(ourTop, duckTop) };
  await conn.query('DROP TABLE IF EXISTS p');

  // Arquero.
  status.textContent = `Arquero ${rows}…`;
  const aqConds = aqConditions(q);
  const aqAll = `(d, $) => ${others(aqConds, null, ' && ', 'true')}`;
  const aqRes = {};
  let table;
  [aqRes.index_build, table] = await time(() => aqBuild(cols), { runs: buildRuns, warm: 1 });
  const params = aqParams(q);
  let aqCount;
  [aqRes.filter, aqCount] = await time(() => table.params(params).filter(aqAll).numRows(), { runs });
  let aqFacetsRes;
  [aqRes.facet_counts, aqFacetsRes] = await time(() => aqFacets(table, q, aqConds), { runs });
  [aqRes.filter_facets] = await time(() => [table.params(params).filter(aqAll).numRows(), aqFacets(table, q, aqConds)], { runs });
  let aqTop;
  [aqRes.sort_top50, aqTop] = await time(() => table.params(params).filter(aqAll)
    .orderby(aq.desc('subsidy'), 'tkey', 'row').slice(0, 50).array('row'), { runs });
  checks.arquero = { filter: aqCount === count, facets: sameFacets(ourFacets, aqFacetsRes), top50: sameList(ourTop, Array.from(aqTop)) };
  table = null;

  for (const op of Object.keys(ours)) {
    ops[op] = { ours_ms: ours[op], duckdb_ms: duckRes[op], arquero_ms: aqRes[op] };
  }
  bench.free();
  status.textContent = `done ${rows}`;
  return { rows, matching: count, ops, checks, memory, runs, build_runs: buildRuns, isolated: window.crossOriginIsolated };
};
window.benchReady = true;
document.getElementById('status').textContent = 'ready';
