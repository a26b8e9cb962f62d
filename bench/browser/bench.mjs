// The browser benchmark: the same synthetic projects and the same query run by
// our engine (wasm), DuckDB-wasm (eh bundle, in a Worker) and Arquero, in this
// page. window.runBench(rows) returns the medians and the result checks.
//
// Each peer gets the form an engineer who knows it would give it (PEERS below,
// printed with the report); its index_build is the time to reach that form from
// the plain columns, as ours is the time to build the engine's index:
//  - DuckDB: the category columns as ENUM types, the folded words of title +
//    lead in a table of their own (word, row) sorted by word, a query word as
//    the range [w, w') of that table (zone maps skip the other row groups)
//    feeding a semi-join; the facets in one statement over the rows that fail
//    at most one dimension (no other row counts in any facet).
//  - Arquero: the category columns ordinal-encoded (Int32, -1 for none), a
//    facet's selection as a 0/1 mask over codes ($.mask[d.code]); the words
//    exploded into a (row, word) table filtered with op.startswith, whose rows
//    become a 0/1 mask over rows; the same "at most one failing dimension"
//    prefilter for the facets.
// DuckDB's full-text extension is not used: DuckDB-wasm downloads extensions
// from the internet at run time, and the benchmark runs offline.
import init, { Bench } from '/pkg/engine_bench_wasm.js';
import * as duckdb from '/node_modules/@duckdb/duckdb-wasm/dist/duckdb-browser.mjs';
import * as arrow from 'apache-arrow';

const aq = window.aq;
const { op } = aq;
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

/** What each peer runs, for the report. */
const PEERS = {
  duckdb: 'DuckDB-wasm: category columns as ENUM; words of title + lead in a (word, row) table '
    + 'sorted by word, each query word a prefix range of it (word >= w AND word < w\') in a semi-join; '
    + 'facets: one statement over the rows failing at most one dimension',
  arquero: 'Arquero: category columns ordinal-encoded (Int32), facet selections as masks over codes; '
    + 'words of title + lead exploded into a (row, word) table, op.startswith, matching rows as a mask; '
    + 'facets: groupby/count over the rows failing at most one dimension',
};

/** Category columns → the dictionary they share (muni1 and muni2 are one dimension). */
const CATEGORY = {
  muni1: 'muni', muni2: 'muni', prov1: 'prov', prov2: 'prov',
  theme: 'theme', status: 'status', call: 'call', applicant: 'applicant',
};
/** facet (query key) → its dictionary. */
const FACET_DICT = {
  commune: 'muni', province: 'prov', theme: 'theme', status: 'status', call: 'call', applicant: 'applicant',
};

/** The sorted distinct values of each dictionary. */
function dictionaries(cols) {
  const sets = {};
  for (const [col, dict] of Object.entries(CATEGORY)) {
    sets[dict] ??= new Set();
    for (const v of cols[col]) if (v != null) sets[dict].add(v);
  }
  return Object.fromEntries(Object.entries(sets).map(([k, set]) => [k, [...set].sort()]));
}

/** The folded words of a text, as the engine splits them: runs of letters and digits. */
const wordsOf = (text) => text.match(/[\p{L}\p{N}]+/gu) ?? [];

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

/** The upper bound of the strings that start with `prefix`: its last code point + 1. */
const prefixEnd = (prefix) => {
  const cps = [...prefix];
  cps[cps.length - 1] = String.fromCodePoint(cps[cps.length - 1].codePointAt(0) + 1);
  return cps.join('');
};

/** DuckDB: one boolean expression per active dimension, like the engine's masks.
 * A selected value is a constant of the column's ENUM type; a value the data do
 * not hold is no member of the type, matches no row, and is left out. */
function sqlConditions(q, dicts) {
  const c = {};
  const list = (facet) => {
    const known = new Set(dicts[FACET_DICT[facet]]);
    const values = q[facet].filter((v) => known.has(v));
    return values.length ? values.map((v) => `${sqlList([v])}::${FACET_DICT[facet]}_t`).join(', ') : null;
  };
  const inList = (facet, cols) => {
    const values = list(facet);
    return values ? `coalesce(${cols.map((col) => `${col} IN (${values})`).join(' OR ')}, false)` : 'false';
  };
  if (q.commune.length) c.commune = inList('commune', ['muni1', 'muni2']);
  if (q.province.length) c.province = inList('province', ['prov1', 'prov2']);
  for (const facet of ['theme', 'status', 'call', 'applicant']) {
    if (q[facet].length) c[facet] = inList(facet, [facet]);
  }
  if (q.subsidy_min != null || q.subsidy_max != null) {
    const parts = [];
    if (q.subsidy_min != null) parts.push(`subsidy >= ${q.subsidy_min}`);
    if (q.subsidy_max != null) parts.push(`subsidy <= ${q.subsidy_max}`);
    c.subsidy = `coalesce(${parts.join(' AND ')}, false)`;
  }
  if (q.words.length) {
    c.text = q.words.map((w) => `row IN (SELECT row FROM w WHERE word >= ${sqlList([w])} AND word < ${sqlList([prefixEnd(w)])})`)
      .join(' AND ');
  }
  return c;
}

/** Arquero: the same as expressions over params: a facet's selection is a 0/1
 * mask over its codes ($.m_<facet>), the text a 0/1 mask over rows ($.text),
 * computed per query by aqParams. */
function aqConditions(q) {
  const c = {};
  if (q.commune.length) c.commune = '($.m_commune[d.muni1] === 1 || $.m_commune[d.muni2] === 1)';
  if (q.province.length) c.province = '($.m_province[d.prov1] === 1 || $.m_province[d.prov2] === 1)';
  for (const facet of ['theme', 'status', 'call', 'applicant']) {
    if (q[facet].length) c[facet] = `$.m_${facet}[d.${facet}] === 1`;
  }
  if (q.subsidy_min != null || q.subsidy_max != null) {
    const parts = ['d.subsidy != null'];
    if (q.subsidy_min != null) parts.push('d.subsidy >= $.subsidy_min');
    if (q.subsidy_max != null) parts.push('d.subsidy <= $.subsidy_max');
    c.subsidy = `(${parts.join(' && ')})`;
  }
  if (q.words.length) c.text = '$.text[d.row] === 1';
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

const DUCK_TYPES = [...new Set(Object.values(CATEGORY))];
const duckDrop = async (conn) => {
  for (const t of ['p', 'w', 'raw']) await conn.query(`DROP TABLE IF EXISTS ${t}`);
  for (const t of DUCK_TYPES) await conn.query(`DROP TYPE IF EXISTS ${t}_t`);
};

/** The plain columns → p (categories as ENUM, the folded sort key) and w (the
 * distinct (word, row) pairs of the folded title + lead, sorted by word). */
async function duckBuild(conn, cols, dicts) {
  const utf8 = (xs) => arrow.vectorFromArray(xs, new arrow.Utf8());
  const vectors = { row: arrow.makeVector(cols.row), subsidy: arrow.vectorFromArray(cols.subsidy, new arrow.Float64()) };
  for (const name of COLUMNS) vectors[name] = utf8(cols[name]);
  await conn.insertArrowTable(new arrow.Table(vectors), { name: 'raw', create: true });
  for (const t of DUCK_TYPES) await conn.query(`CREATE TYPE ${t}_t AS ENUM (${sqlList(dicts[t])})`);
  const categories = Object.entries(CATEGORY).map(([col, t]) => `${col}::${t}_t AS ${col}`).join(', ');
  await conn.query(`CREATE TABLE p AS SELECT row, subsidy, ${categories},
      lower(strip_accents(replace(title || ' ' || coalesce(lead, ''), '’', ''''))) AS hay,
      lower(strip_accents(replace(title, '’', ''''))) AS tkey FROM raw`);
  await conn.query(`CREATE TABLE w AS SELECT DISTINCT word, row FROM
      (SELECT row, unnest(string_split_regex(hay, '[^\\pL\\pN]+')) AS word FROM p)
      WHERE word <> '' ORDER BY word, row`);
  await conn.query('DROP TABLE raw');
}

/** Every facet count in one statement: the conditions are evaluated once per
 * row into flags (a materialized CTE, as the engine computes each mask once),
 * keeping only the rows that fail at most one dimension (a row failing two
 * counts in no facet); then each facet is grouped under the flags of the
 * other dimensions. */
function duckFacetsSql(conds) {
  const flags = Object.fromEntries(Object.keys(conds).map((k) => [k, `c_${k}`]));
  const select = Object.entries(conds).map(([k, v]) => `${v} AS c_${k}`);
  const cols = Object.values(FACET_COLUMNS).flat();
  const failures = Object.values(flags).map((f) => `(NOT ${f})::INTEGER`).join(' + ') || '0';
  const parts = [`SELECT 'matching' AS facet, NULL AS value, count(*) AS n FROM f WHERE ${others(flags, null, ' AND ', 'TRUE')}`];
  for (const [facet, facetCols] of Object.entries(FACET_COLUMNS)) {
    const where = others(flags, facet, ' AND ', 'TRUE');
    for (const col of facetCols) {
      parts.push(`SELECT '${facet}', ${col}::VARCHAR, count(*) FROM f WHERE ${where} AND ${col} IS NOT NULL GROUP BY ${col}`);
    }
  }
  return `WITH f AS MATERIALIZED (SELECT * FROM (SELECT ${[...cols, ...select].join(', ')} FROM p) WHERE ${failures} <= 1)\n`
    + parts.join('\nUNION ALL ');
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
/** The plain columns → { table: categories as Int32 codes (-1 for none), the
 * folded sort key; words: the distinct (row, word) pairs of the folded title +
 * lead; dicts }. */
function aqBuild(cols, dicts) {
  const data = { row: Array.from(cols.row), subsidy: cols.subsidy };
  for (const [col, dict] of Object.entries(CATEGORY)) {
    const code = new Map(dicts[dict].map((v, i) => [v, i]));
    data[col] = Int32Array.from(cols[col], (v) => (v == null ? -1 : code.get(v)));
  }
  data.title = cols.title;
  data.lead = cols.lead;
  const table = aq.table(data).derive({
    hay: aq.escape((d) => fold(`${d.title ?? ''} ${d.lead ?? ''}`)),
    tkey: aq.escape((d) => fold(d.title ?? '')),
  });
  const words = table.select('row', 'hay')
    .derive({ word: aq.escape((d) => [...new Set(wordsOf(d.hay))]) })
    .select('row', 'word').unroll('word');
  return { table, words, dicts, rows: cols.row.length };
}

/** The query's params: a 0/1 mask over codes per facet, the rows of the text as
 * a 0/1 mask over rows (every query word: the rows of the words it starts). */
function aqParams(t, q) {
  const params = { subsidy_min: q.subsidy_min, subsidy_max: q.subsidy_max };
  for (const [facet, dict] of Object.entries(FACET_DICT)) {
    const selected = new Set(q[facet]);
    params[`m_${facet}`] = Uint8Array.from(t.dicts[dict], (v) => (selected.has(v) ? 1 : 0));
  }
  if (q.words.length) {
    let text = null;
    for (const w of q.words) {
      const mask = new Uint8Array(t.rows);
      for (const r of t.words.params({ w }).filter((d, $) => op.startswith(d.word, $.w)).array('row')) mask[r] = 1;
      if (text) for (let i = 0; i < mask.length; i += 1) text[i] &= mask[i];
      else text = mask;
    }
    params.text = text;
  }
  return params;
}

function aqFilter(t, q, all) {
  return t.table.params(aqParams(t, q)).filter(all);
}

function aqFacets(t, q, conds) {
  const flag = Object.fromEntries(Object.keys(conds).map((k) => [k, `d.c_${k}`]));
  const failures = Object.values(flag).map((f) => `(${f} ? 0 : 1)`).join(' + ') || '0';
  const flagged = t.table.params(aqParams(t, q)).derive(Object.fromEntries(
    Object.entries(conds).map(([k, v]) => [`c_${k}`, `(d, $) => ${v}`])))
    .filter(`d => ${failures} <= 1`);
  const out = { matching: flagged.filter(`d => ${others(flag, null, ' && ', 'true')}`).numRows() };
  for (const [facet, cols] of Object.entries(FACET_COLUMNS)) {
    const sub = flagged.filter(`d => ${others(flag, facet, ' && ', 'true')}`);
    const values = t.dicts[FACET_DICT[facet]];
    out[facet] = {};
    for (const col of cols) {
      for (const { [col]: code, count } of sub.filter(`d => d.${col} >= 0`).groupby(col).count().objects()) {
        out[facet][values[code]] = (out[facet][values[code]] ?? 0) + count;
      }
    }
  }
  return out;
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
  const dicts = dictionaries(cols);
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
  const sqlConds = sqlConditions(q, dicts);
  const where = others(sqlConds, null, ' AND ', 'TRUE');
  const facetsSql = duckFacetsSql(sqlConds);
  const duckRes = {};
  [duckRes.index_build] = await time(() => duckBuild(conn, cols, dicts), {
    runs: buildRuns, warm: 1, before: () => duckDrop(conn),
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
  await duckDrop(conn);

  // Arquero.
  status.textContent = `Arquero ${rows}…`;
  const aqConds = aqConditions(q);
  const aqAll = `(d, $) => ${others(aqConds, null, ' && ', 'true')}`;
  const aqRes = {};
  let table;
  [aqRes.index_build, table] = await time(() => aqBuild(cols, dicts), { runs: buildRuns, warm: 1 });
  let aqCount;
  [aqRes.filter, aqCount] = await time(() => aqFilter(table, q, aqAll).numRows(), { runs });
  let aqFacetsRes;
  [aqRes.facet_counts, aqFacetsRes] = await time(() => aqFacets(table, q, aqConds), { runs });
  [aqRes.filter_facets] = await time(() => [aqFilter(table, q, aqAll).numRows(), aqFacets(table, q, aqConds)], { runs });
  let aqTop;
  [aqRes.sort_top50, aqTop] = await time(() => aqFilter(table, q, aqAll)
    .orderby(aq.desc('subsidy'), 'tkey', 'row').slice(0, 50).array('row'), { runs });
  checks.arquero = { filter: aqCount === count, facets: sameFacets(ourFacets, aqFacetsRes), top50: sameList(ourTop, Array.from(aqTop)) };
  table = null;

  for (const op of Object.keys(ours)) {
    ops[op] = { ours_ms: ours[op], duckdb_ms: duckRes[op], arquero_ms: aqRes[op] };
  }
  bench.free();
  status.textContent = `done ${rows}`;
  return { rows, matching: count, ops, checks, memory, runs, build_runs: buildRuns, peers: PEERS, isolated: window.crossOriginIsolated };
};
window.benchReady = true;
document.getElementById('status').textContent = 'ready';
