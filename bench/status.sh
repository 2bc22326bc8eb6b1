#!/usr/bin/env bash
# Times `handbok status` on a generated bilingual handbook in a git repository: PAGES pages
# (half per language, sections included) and COMMITS commits of history, each editing a few
# pages in one language or both (some marked [skip translation]), so many translations are
# outdated and each needs its word diff.
#
#   bench/status.sh                         default: 2000 pages, 3000 commits, 5 runs
#   PAGES=4000 COMMITS=10000 bench/status.sh
#   HANDBOK=target/debug/handbok bench/status.sh   time another build (default: release)
#
# The history is written with `git fast-import` (seconds, not the minutes thousands of
# `git commit`s take) and kept in WORK between runs of the script.
set -euo pipefail
cd "$(dirname "$0")/.."
PAGES=${PAGES:-2000}
COMMITS=${COMMITS:-3000}
RUNS=${RUNS:-5}
WORK=${WORK:-/tmp/handbok-bench-status}
SITE="$WORK/site-$PAGES-$COMMITS"

if [ -z "${HANDBOK:-}" ]; then
  cargo build --quiet --release --bin handbok
  HANDBOK=target/release/handbok
fi
HANDBOK=$(realpath "$HANDBOK")

if [ ! -d "$SITE/.git" ]; then
  rm -rf "$SITE"
  mkdir -p "$SITE"
  git -C "$SITE" init -q
  python3 - "$PAGES" "$COMMITS" <<'PY' | git -C "$SITE" fast-import --quiet
import random, sys
pages, commits = int(sys.argv[1]), int(sys.argv[2])
random.seed(15)
words = ("deploy restart monitor alert backup restore network server database queue cache "
         "disk log metric trace incident review rollout rollback config secret token").split()
def text(title, n):
    body = "\n\n".join(" ".join(random.choice(words) for _ in range(20)) for _ in range(n // 20))
    return f"---\ntitle: {title}\n---\n\n{body}\n"
per_language = pages // 2
sections = max(1, per_language // 40)
files = {}
for lang in ("en", "nb"):
    files[f"content/{lang}/_index.md"] = text(f"Handbook {lang}", 40)
    for s in range(sections):
        files[f"content/{lang}/section-{s}/_index.md"] = text(f"Section {s}", 40)
    for p in range(per_language - 1 - sections):
        files[f"content/{lang}/section-{p % sections}/page-{p}.md"] = text(f"Page {p}", 200)
files["site.yaml"] = ("title: Bench\nbase_url: https://example.org/\nlanguages:\n"
                      "  - code: en\n    name: English\n  - code: nb\n    name: Norsk bokmål\n")
out = sys.stdout.buffer
time = 1_700_000_000
def commit(message, changed):
    global time
    time += 3600
    msg = message.encode()
    out.write(b"commit refs/heads/main\n")
    out.write(f"committer Bench <bench@example.org> {time} +0000\n".encode())
    out.write(f"data {len(msg)}\n".encode() + msg + b"\n")
    for path in changed:
        data = files[path].encode()
        out.write(f"M 100644 inline {path}\ndata {len(data)}\n".encode() + data + b"\n")
commit("Everything, both languages", sorted(files))
english = sorted(p for p in files if p.startswith("content/en/"))
for n in range(commits - 1):
    changed = []
    for _ in range(random.randint(1, 3)):
        en = random.choice(english)
        targets = [en] if random.random() < 0.6 else [en, en.replace("content/en/", "content/nb/", 1)]
        if random.random() < 0.2:
            targets = [en.replace("content/en/", "content/nb/", 1)]
        for path in targets:
            lines = files[path].split("\n")
            i = random.randrange(4, len(lines))
            lines[i] = " ".join(random.choice(words) for _ in range(12))
            files[path] = "\n".join(lines)
            changed.append(path)
    marker = " [skip translation]" if random.random() < 0.1 else ""
    commit(f"Edit {n}{marker}", sorted(set(changed)))
PY
  git -C "$SITE" checkout -q main
fi

echo "site: $SITE ($(git -C "$SITE" rev-list --count HEAD) commits, $(find "$SITE/content" -name '*.md' | wc -l) pages)"
for format in json markdown html; do
  times=()
  for _ in $(seq "$RUNS"); do
    start=$(date +%s%N)
    (cd "$SITE" && "$HANDBOK" status --format "$format" >/dev/null)
    end=$(date +%s%N)
    times+=("$(awk "BEGIN {print ($end - $start) / 1e9}")")
  done
  median=$(printf '%s\n' "${times[@]}" | sort -n | awk '{a[NR]=$1} END {print (NR%2) ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2}')
  echo "handbok status --format $format: median ${median}s over $RUNS runs"
done
(cd "$SITE" && "$HANDBOK" status --format json) |
  python3 -c "import json,sys; r=json.load(sys.stdin); print('  ', '; '.join(f\"{l['code']}: {l['up_to_date']} up to date, {l['outdated']} outdated, {l['missing'] + l['fallback']} missing\" for l in r['languages']))"
