#!/usr/bin/env bash
# Whether build and check time grow in proportion to the handbook: builds and checks the
# same generated bilingual handbook at two sizes, alternating the sizes run by run so a
# change in the machine's speed falls on both, and prints the medians and their ratio.
#
#   bench/linear.sh                      10,000 and 20,000 pages (half per language)
#   RUNS=7 bench/linear.sh 5000 10000    other sizes (the second is compared to the first)
#   WORK=/tmp/hb-linear bench/linear.sh  outputs elsewhere (default: a RAM disk)
#
# Each build goes over the previous run's output (a rebuild), as an editor's do.
set -euo pipefail
cd "$(dirname "$0")/.."
RUNS=${RUNS:-5}
SMALL=${1:-10000}
LARGE=${2:-20000}
WORK=${WORK:-/dev/shm/handbok-linear}

command -v /usr/bin/time >/dev/null || { echo "needs /usr/bin/time (apt-get install time)"; exit 2; }
cargo build --quiet --release --bin handbok --example gen-corpus
HANDBOK=target/release/handbok
mkdir -p "$WORK"

median() { sort -n | awk '{a[NR]=$1} END {print (NR%2) ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2}'; }

# seconds COMMAND...: the wall time of one run, in seconds.
seconds() {
  /usr/bin/time -f %e -o "$WORK/time.out" "$@" >/dev/null 2>"$WORK/stderr.out" || {
    # `check` exits 1 when it finds errors; the generated handbook has none.
    cat "$WORK/stderr.out"; exit 1
  }
  cat "$WORK/time.out"
}

for total in "$SMALL" "$LARGE"; do
  site="$WORK/handbok-$total"
  [ -d "$site/content" ] || target/release/examples/gen-corpus --pages $((total / 2)) --out "$site" >/dev/null
  "$HANDBOK" build --root "$site" >/dev/null 2>&1 # the first output, so every run is a rebuild
done

declare -A times
for run in $(seq "$RUNS"); do
  for total in "$SMALL" "$LARGE"; do
    site="$WORK/handbok-$total"
    times[build-$total]+="$(seconds "$HANDBOK" build --root "$site") "
    times[check-$total]+="$(seconds "$HANDBOK" check --root "$site") "
  done
done

echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs); handbok $(git rev-parse --short HEAD 2>/dev/null || echo unknown); $RUNS runs each, medians, sizes alternating"
printf '%-8s %12s %12s %8s\n' command "$SMALL pages" "$LARGE pages" ratio
for command in build check; do
  small=$(printf '%s\n' ${times[$command-$SMALL]} | median)
  large=$(printf '%s\n' ${times[$command-$LARGE]} | median)
  printf '%-8s %11ss %11ss %7sx\n' "$command" "$small" "$large" "$(awk "BEGIN {printf \"%.2f\", $large / $small}")"
done
