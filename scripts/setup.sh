#!/usr/bin/env bash
# Installs what is missing (Debian packages, the front end's npm packages),
# then builds the server (build/) and the front end (web/dist/).
# Safe to run again: it installs nothing already present and rebuilds
# incrementally. Used by run-demo.sh, test.sh and .ci/run.
#   --with-browser  also install what the tests need: Debian's chromium and CJK fonts
#                   (browser tests), poppler-utils (reading the feedback PDFs back), and
#                   the PostgreSQL 15 server (the store's tests on PostgreSQL)
set -euo pipefail
cd "$(dirname "$0")/.."

PACKAGES=(
  build-essential cmake pkg-config ccache
  libboost1.81-dev libboost-json1.81-dev libboost-url1.81-dev
  libsqlite3-dev sqlite3 libsodium-dev libpugixml-dev libminizip-dev zlib1g-dev libbrotli-dev libicu-dev
  libcli11-dev libgtest-dev libbenchmark-dev wrk
  libcairo2-dev libpango1.0-dev fonts-ipaexfont libxlsxwriter-dev
  # Identity (issue 13): TOTP second factors, QR codes for enrolling them, cracklib and its
  # dictionary for refusing guessable passwords.
  liboath-dev libqrencode-dev libcrack2-dev cracklib-runtime
  # E-mail through libcurl's SMTP (STARTTLS and AUTH); OpenSSL for the test relay's TLS.
  libcurl4-openssl-dev libssl-dev ca-certificates
  libpq-dev
  nodejs
)
if [ "${1:-}" = "--with-browser" ]; then
  # Browser tests, and poppler's pdftotext/pdftoppm to read the feedback PDFs back.
  PACKAGES+=(chromium fonts-noto-cjk poppler-utils)
  # The tests run every repository on PostgreSQL too, in a throwaway cluster (scripts/pg-cluster.sh),
  # and two nodes behind nginx (tests/two_nodes_test.cpp), each started by the tests on loopback.
  PACKAGES+=(postgresql-15 nginx)
  # The Excel round trip's tests edit a downloaded workbook as a person's spreadsheet
  # program would: with openpyxl (an xlsx library independent of ours), and re-saved by
  # LibreOffice (headless soffice), which rewrites styles, shared strings and validations.
  PACKAGES+=(python3-openpyxl libreoffice-calc-nogui)
  # Fuzzing (scripts/fuzz.sh): clang with libFuzzer and the sanitizer runtimes.
  PACKAGES+=(clang-14 libclang-rt-14-dev llvm-14)
fi
missing=()
for p in "${PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  echo "==> installing: ${missing[*]}"
  SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO=sudo
  $SUDO apt-get update -qq
  # Packages with a service (nginx, postgresql) would start it system-wide on install (nginx
  # on port 80): forbid that for this install when nothing forbids it already. The tests
  # start their own instances on loopback.
  if [ ! -e /usr/sbin/policy-rc.d ]; then
    printf '#!/bin/sh\nexit 101\n' | $SUDO tee /usr/sbin/policy-rc.d > /dev/null
    $SUDO chmod +x /usr/sbin/policy-rc.d
    trap '$SUDO rm -f /usr/sbin/policy-rc.d' EXIT
  fi
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi

# ccache finds its results whatever folder the repository is cloned into (CI uses a fresh
# clone each time).
export CCACHE_BASEDIR="$PWD" CCACHE_NOHASHDIR=1
echo "==> building (build/)"
cmake -S . -B build -DCMAKE_BUILD_TYPE=RelWithDebInfo > build.log 2>&1 || { cat build.log; exit 1; }
cmake --build build -j"$(nproc)" >> build.log 2>&1 || { tail -60 build.log; exit 1; }
echo "==> build ok"

# The front end: npm ci when node_modules is missing or older than the lock file
# (package-lock.json is committed; nothing downloads a browser), then tsc + vite.
echo "==> building the front end (web/dist/)"
if [ ! -f web/node_modules/.package-lock.json ] || [ web/package-lock.json -nt web/node_modules/.package-lock.json ]; then
  (cd web && npm ci --no-audit --no-fund --loglevel=error)
fi
(cd web && npm run --silent build > ../build-web.log 2>&1) || { cat build-web.log; exit 1; }
echo "==> front end ok"
