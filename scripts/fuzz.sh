#!/usr/bin/env bash
# Fuzzing (issue 12 §7): builds the libFuzzer targets of fuzz/ with clang-14 under ASan and
# UBSan (build-fuzz/, MAMORI_FUZZ=ON) and runs each for a bounded time (default 60 s) over
# its committed seed corpus fuzz/corpus/<target>/, two at a time. Fails on any crash,
# sanitizer report, leak, hang (> 10 s on one input) or runaway memory (> 2 GiB); the input
# that did it is kept in fuzz/findings/ (add it to the corpus with the fix). New inputs the
# fuzzer finds go to a temporary folder, so the committed corpus only grows by hand
# (merge them with `-merge=1` when worth keeping).
#   bash scripts/fuzz.sh [SECONDS]
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${1:-60}
targets=(json_body catalog csv xlsx workbook_cells)
export CCACHE_BASEDIR="$PWD" CCACHE_NOHASHDIR=1

echo "==> building the fuzz targets (build-fuzz/, clang-14, ASan+UBSan+libFuzzer)"
cmake -S . -B build-fuzz -DMAMORI_FUZZ=ON -DCMAKE_CXX_COMPILER=clang++-14 -DCMAKE_BUILD_TYPE=None \
  -DCMAKE_CXX_FLAGS="-O1 -g" > build-fuzz.log 2>&1 || { cat build-fuzz.log; exit 1; }
cmake --build build-fuzz -j"$(nproc)" --target "${targets[@]/#/fuzz_}" >> build-fuzz.log 2>&1 || { tail -60 build-fuzz.log; exit 1; }

work=$(mktemp -d /tmp/mamori-fuzz-XXXXXX)
trap 'rm -rf "$work"' EXIT
mkdir -p fuzz/findings
export UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1
export ASAN_OPTIONS=detect_leaks=1:allocator_may_return_null=1
run() {
  local t=$1
  mkdir -p "$work/$t" "$work/$t-seeds"
  # The official list of bodies is a real workbook to start from (not committed twice).
  if [ "$t" = xlsx ] && [ -f ../shared/data/localgov/000925835.xlsx ]; then
    cp ../shared/data/localgov/000925835.xlsx "$work/$t-seeds/"
  fi
  "build-fuzz/fuzz_$t" -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 -print_final_stats=1 \
    -artifact_prefix="fuzz/findings/$t-" "$work/$t" "fuzz/corpus/$t" "$work/$t-seeds" > "$work/$t.log" 2>&1
}
status=0
for ((i = 0; i < ${#targets[@]}; i += 2)); do
  pids=()
  for t in "${targets[@]:i:2}"; do
    echo "==> fuzz_$t for ${seconds} s"
    run "$t" &
    pids+=("$!:$t")
  done
  for p in "${pids[@]}"; do
    if wait "${p%%:*}"; then
      t=${p#*:}
      runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$work/$t.log" | tail -1)
      echo "    fuzz_$t: ${runs:-?} inputs, no crash, no sanitizer report"
    else
      t=${p#*:}
      status=1
      echo "    fuzz_$t FAILED; the input is in fuzz/findings/$t-*:"
      tail -60 "$work/$t.log"
    fi
  done
done
exit $status
