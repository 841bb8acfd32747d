#!/usr/bin/env bash
# The C++ unit tests built and run once under AddressSanitizer and UndefinedBehaviorSanitizer
# (issue 12 §7): build-asan/ (MAMORI_SANITIZE=ON), every unit test as its own process; any
# sanitizer report fails the test. The store's contract suite runs on PostgreSQL too when
# MAMORI_TEST_POSTGRES is set (scripts/test.sh sets it).
#   bash scripts/sanitize.sh
set -euo pipefail
cd "$(dirname "$0")/.."
export CCACHE_BASEDIR="$PWD" CCACHE_NOHASHDIR=1
echo "==> building the unit tests with ASan+UBSan (build-asan/)"
cmake -S . -B build-asan -DMAMORI_SANITIZE=ON -DCMAKE_BUILD_TYPE=None -DCMAKE_CXX_FLAGS="-O1 -g1" \
  > build-asan.log 2>&1 || { cat build-asan.log; exit 1; }
cmake --build build-asan -j"$(nproc)" --target mamori_unit_tests >> build-asan.log 2>&1 || { tail -60 build-asan.log; exit 1; }
export UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1
export ASAN_OPTIONS=detect_leaks=1:strict_string_checks=1:detect_stack_use_after_return=1
echo "==> unit tests under ASan+UBSan"
# The server suites (<file>_test, <file>_test_pg) are not built here: only the unit tests.
(cd build-asan && ctest -j"$(nproc)" --output-on-failure -E '_test(_pg)?$')
