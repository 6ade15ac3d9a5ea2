#!/usr/bin/env bash
# Builds one of the solution's programs in Release when its sources are newer than the last build, then runs it
# with every argument passed through unchanged and its exit code preserved.
# Usage: tools/launch.sh <project folder under src/> <assembly name> [program arguments...]
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
project="$1"
assembly="$2"
shift 2

out="$root/.build/$assembly"
stamp="$out/.built"

# The source tree's files, build outputs left out, one path a line: the stamp keeps the list of the last build, so a
# file added, removed or renamed is seen without looking at folder times (which another program's first build, making
# its bin and obj folders, changes too).
sources() {
  find "$root/src" \( -name bin -o -name obj \) -prune -o -type f -print 2>/dev/null | LC_ALL=C sort
}

is_stale() {
  [ -f "$stamp" ] || return 0
  # Any source, project or build file newer than the last build, or the list of sources changed since.
  [ -n "$(find "$root/src" "$root/Directory.Build.props" "$root/Directory.Packages.props" "$root/global.json" \
      \( -name bin -o -name obj \) -prune -o -type f -newer "$stamp" -print -quit 2>/dev/null)" ] && return 0
  [ "$(sources)" != "$(cat "$stamp")" ]
}

build() {
  # A build takes about 20 s: say so, or the silent first run looks like a hang. Nothing is said when up to date, so
  # scripts that compare a program's output see only the program's.
  if [ -f "$stamp" ]; then
    echo "$assembly: rebuilding (a source changed since the last build, about 20 s)..." >&2
  else
    echo "$assembly: building (first run, about 20 s)..." >&2
  fi
  mkdir -p "$out"
  local log="$out/build.log"
  if ! dotnet build "$root/$project" -c Release -o "$out" -nologo -v quiet >"$log" 2>&1; then
    cat "$log" >&2
    echo "$assembly: the build failed (log above, also in $log)." >&2
    exit 2
  fi
  sources >"$stamp"
}

if is_stale; then
  mkdir -p "$root/.build"
  if command -v flock >/dev/null 2>&1; then
    # One build at a time: programs share the libraries' intermediate folders.
    exec 9>"$root/.build/.lock"
    flock 9
    if is_stale; then build; fi
    flock -u 9
    exec 9>&-
  else
    build
  fi
fi

exec dotnet "$out/$assembly.dll" "$@"
