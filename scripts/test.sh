#!/usr/bin/env bash
# The whole test suite, from a fresh clone: installs what it needs, then runs every test
# (fast and heavy). Extra arguments go to Maven, e.g. -DexcludedGroups=heavy for the fast ones only.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
source "$root/scripts/setup.sh"
stepgym_require java mvn
stepgym_ensure_pyright "$root"
stepgym_ensure_browser_pool   # Debian's Chromium, and Node new enough for Playwright's driver (gui-v1)
stepgym_ensure_python_packages
cd "$root"
export DJL_OFFLINE=true OPT_OUT_TRACKING=true
mvn -B -ntp verify "$@"
