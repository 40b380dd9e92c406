#!/usr/bin/env bash
# Idempotent installation of what StepGym needs on a fresh machine (Java 17, Maven, Node and apt are
# assumed present). Sourced by bin/stepgym and scripts/test.sh; safe to run any number of times.

stepgym_require() {
  local tool
  for tool in "$@"; do
    command -v "$tool" >/dev/null 2>&1 || { echo "stepgym: '$tool' is required but not installed" >&2; return 1; }
  done
}

# Builds the reactor (without running tests) when any source, resource or pom is newer than the
# built launcher classpath, so a fresh clone and an edited tree both just work.
stepgym_ensure_build() {
  local root="$1" stamp="$1/scenarios/target/lib/.stepgym-built"
  stepgym_require java mvn || return 1
  if [ -f "$stamp" ] && [ -z "$(find "$root" -path "$root/*/target" -prune -o \( -name '*.java' -o -name 'pom.xml' -o -path '*/src/main/resources/*' \) -newer "$stamp" -print -quit)" ]; then
    return 0
  fi
  echo "stepgym: building (mvn package -DskipTests)…" >&2
  (cd "$root" && mvn -q -B -ntp package -DskipTests) >&2 || return 1
  touch "$stamp"
}

# pyright (the Python language server behind code-v1), pinned, from the npm registry into the
# project's .tools folder; nothing is installed globally. Skipped when that exact version is there.
STEPGYM_PYRIGHT_VERSION=1.1.414
stepgym_ensure_pyright() {
  local root="$1" tools="$1/.tools"
  local installed="$tools/node_modules/pyright/package.json"
  if [ -f "$installed" ] && grep -q "\"version\": \"$STEPGYM_PYRIGHT_VERSION\"" "$installed" \
      && [ -x "$tools/node_modules/.bin/pyright-langserver" ]; then
    return 0
  fi
  stepgym_require node npm || return 1
  echo "stepgym: installing pyright@$STEPGYM_PYRIGHT_VERSION into $tools …" >&2
  mkdir -p "$tools"
  [ -f "$tools/package.json" ] || echo '{"name":"stepgym-tools","private":true}' > "$tools/package.json"
  (cd "$tools" && npm install --no-audit --no-fund --save-exact "pyright@$STEPGYM_PYRIGHT_VERSION") >&2 || return 1
}

# Debian's Chromium, for the tests that open HTML pages in a real headless browser (the code
# evaluation report). Skipped when a chromium is already on the PATH.
stepgym_ensure_chromium() {
  command -v chromium >/dev/null 2>&1 && return 0
  local sudo=""
  [ "$(id -u)" -eq 0 ] || sudo="sudo"
  echo "stepgym: installing chromium from Debian packages …" >&2
  $sudo apt-get update -qq >&2 && $sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >&2
}

# The browser pool (docs/gui.md): Debian's Chromium, and a Node.js of at least version 20 to run
# Playwright's driver. The driver itself comes from Maven Central inside the `driver` jar (the
# 202 MB `driver-bundle` of Node builds is excluded); browsers are never downloaded. Idempotent.
STEPGYM_PLAYWRIGHT_NODE_MAJOR=20
stepgym_ensure_browser_pool() {
  stepgym_ensure_chromium || return 1
  stepgym_require node || return 1
  local major
  major="$(node -p 'process.versions.node.split(".")[0]' 2>/dev/null)"
  if [ -z "$major" ] || [ "$major" -lt "$STEPGYM_PLAYWRIGHT_NODE_MAJOR" ]; then
    echo "stepgym: Playwright's driver needs Node.js >= $STEPGYM_PLAYWRIGHT_NODE_MAJOR, found '$(node --version 2>/dev/null)'" >&2
    return 1
  fi
}

# Debian's pytest and websockets for the system Python (/usr/bin/python3, the one sandboxed runs
# see): code tasks graded with pytest, and the Python client's WebSocket path and its tests.
# PyPI is not reachable here, so they come from apt. Skipped when both import.
stepgym_ensure_python_packages() {
  /usr/bin/python3 -c 'import pytest, websockets' >/dev/null 2>&1 && return 0
  local sudo=""
  [ "$(id -u)" -eq 0 ] || sudo="sudo"
  echo "stepgym: installing python3-pytest and python3-websockets from Debian packages …" >&2
  $sudo apt-get update -qq >&2 && $sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq python3-pytest python3-websockets >&2
}

if [ "${BASH_SOURCE[0]}" = "$0" ]; then
  set -euo pipefail
  stepgym_ensure_pyright "$(cd "$(dirname "$0")/.." && pwd)"
  stepgym_ensure_python_packages
  stepgym_ensure_build "$(cd "$(dirname "$0")/.." && pwd)"
fi
