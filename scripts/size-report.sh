#!/usr/bin/env bash
# Bundle size report: the gzip -9 size of every file of dist/ and the first-load
# transfer (index.html, its JS, wasm and CSS, data/catalog.json and the datasets
# it preloads; the same for each embed's page), checked against size-budget.json. Exits 1 when a budget
# is exceeded. Usage: scripts/size-report.sh [--write-budget]
#   --write-budget  sets each budget to the current size plus 1 % (rounded up), keeping
#                   the goals (size-budget.json "goals": shown, not enforced, until met).
# Needs a built dist/ (`make wasm`).
set -euo pipefail
cd "$(dirname "$0")/.."
[[ -f dist/index.html ]] || { echo "size-report: no dist/index.html; run make wasm first" >&2; exit 2; }
exec python3 - "$@" <<'PY'
import gzip, json, math, os, re, sys

DIST = "dist"
BUDGET = "size-budget.json"

def gz(path):
    with open(path, "rb") as f:
        return len(gzip.compress(f.read(), compresslevel=9, mtime=0))

files = []
for root, _, names in os.walk(DIST):
    for name in names:
        path = os.path.join(root, name)
        rel = os.path.relpath(path, DIST)
        files.append((rel, os.path.getsize(path), gz(path)))

# Entry pages (index.html under a route folder): one line per folder when many.
groups = {}
for rel, raw, packed in files:
    if rel != "index.html" and rel.endswith("/index.html"):
        groups.setdefault(rel.split("/")[0], []).append((rel, raw, packed))
grouped = {top: entries for top, entries in groups.items() if len(entries) > 3}
in_group = {rel for entries in grouped.values() for rel, _, _ in entries}
listed = [f for f in files if f[0] not in in_group]

# First load: an entry page and what it links: the app's JS, wasm and CSS, and the data
# it preloads (data/catalog.json and the datasets every page loads at start; datakit site
# writes those links from explorer_core::catalog::StartUp, per app).
LINKED = re.compile(r"""(?:href|src|module_or_path:)\s*=?\s*['"]/?([^'"?#]+\.(?:js|wasm|css|json))['"]""")
size = {rel: (raw, packed) for rel, raw, packed in files}

def first_load(page):
    with open(os.path.join(DIST, page), encoding="utf-8", errors="replace") as f:
        linked = sorted(set(LINKED.findall(f.read())))
    if not any(rel.startswith("data/") for rel in linked):
        print(f"size-report: {page} preloads no data file", file=sys.stderr)
        sys.exit(2)
    absent = [rel for rel in linked if rel not in size]
    if absent:
        print(f"size-report: {page}: first-load files not found: {absent}", file=sys.stderr)
        sys.exit(2)
    return [page, *linked]

first = first_load("index.html")

def kind(rel):
    if rel == "index.html": return "html"
    if rel.endswith(".wasm"): return "wasm"
    if rel.endswith(".js"): return "js"
    if rel.endswith(".css"): return "css"
    return "data"
measured = {"first_load_total": 0, "html": 0, "js": 0, "wasm": 0, "css": 0, "data": 0}
for rel in first:
    measured[kind(rel)] += size[rel][1]
    measured["first_load_total"] += size[rel][1]

# Each embed's first load (one app each): its entry page, what it links, and its data.
embed_first = first_load("embed/map/index.html")
measured["embed_first_load_total"] = sum(size[rel][1] for rel in embed_first)
table_first = first_load("embed/table/index.html")
measured["embed_table_first_load_total"] = sum(size[rel][1] for rel in table_first)

print("## dist/ (gzip -9)\n")
print("| file | bytes | gzip | first load |")
print("|---|---:|---:|:---:|")
for rel, raw, packed in sorted(listed, key=lambda x: -x[2]):
    print(f"| {rel} | {raw:,} | {packed:,} | {'yes' if rel in first else ''} |")
for top, entries in sorted(grouped.items()):
    raw = sum(e[1] for e in entries)
    packed = sum(e[2] for e in entries)
    largest = max(e[2] for e in entries)
    print(f"| {top}/*/index.html ({len(entries)} entry pages, largest {largest:,} gzip) | {raw:,} | {packed:,} | |")
total_raw = sum(r for _, r, _ in files)
total_gz = sum(p for _, _, p in files)
print(f"| **all of dist/ ({len(files)} files)** | {total_raw:,} | {total_gz:,} | |")

write = "--write-budget" in sys.argv[1:]
if write:
    with open(BUDGET, encoding="utf-8") as f:
        goals = json.load(f).get("goals", {})
    budget = {"_comment": "gzip -9 bytes, checked by scripts/size-report.sh (make size): each budget is the measured size + 1 %; goals are shown, not enforced",
              **{k: math.ceil(v * 1.01) for k, v in measured.items()}, "goals": goals}
    with open(BUDGET, "w", encoding="utf-8") as f:
        json.dump(budget, f, indent=2)
        f.write("\n")
with open(BUDGET, encoding="utf-8") as f:
    budget = json.load(f)
print("\n## first load (gzip -9) against size-budget.json\n")
print("| part | gzip | budget | | goal | |")
print("|---|---:|---:|---|---:|---|")
over = []
goals = budget.get("goals", {})
for key, value in measured.items():
    limit = budget.get(key)
    ok = limit is None or value <= limit
    if not ok:
        over.append(key)
    goal = goals.get(key)
    goal_text = "| |" if goal is None else f"| {goal:,} | {'met' if value <= goal else f'not met: {value - goal:,} over'} |"
    print(f"| {key} | {value:,} | {'–' if limit is None else f'{limit:,}'} | {'ok' if ok else 'OVER'} {goal_text}")
print(f"\nfirst-load files: {', '.join(first)}")
print(f"map embed first-load files: {', '.join(embed_first)}")
print(f"table embed first-load files: {', '.join(table_first)}")
if over:
    print(f"\nsize budget exceeded: {', '.join(over)} (size-budget.json)", file=sys.stderr)
    sys.exit(1)
PY
