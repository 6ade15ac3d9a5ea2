#!/usr/bin/env bash
# End-to-end figures, each printed beside the machine's own ceiling measured in the same run.
#   benchmarks/run.sh [startup runs] [dispatch iterations]
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
runs="${1:-20}"
iterations="${2:-20000}"
export JOBMANAGER_HOME="$(mktemp -d)"
trap 'rm -rf "$JOBMANAGER_HOME"' EXIT

"$root/jobmanager" -c exit   # build once, outside the measurement

elapsed_ms() { # command...: mean wall time of $runs runs in ms
  local start end
  start=$(date +%s%N)
  for _ in $(seq "$runs"); do "$@" >/dev/null; done
  end=$(date +%s%N)
  echo $(( (end - start) / runs / 1000000 ))
}

jm=$(elapsed_ms "$root/jobmanager" -c exit)
tcl=$(echo exit | (elapsed_ms tclsh))
echo "startup and exit: jobmanager ${jm} ms; tclsh ceiling ${tcl} ms; ratio $(awk "BEGIN { printf \"%.1f\", $jm / ($tcl > 0 ? $tcl : 1) }")x"

"$root/jobmanager" "$root/benchmarks/dispatch.tcl" "$iterations"

# Kernels and the HSM server: key derivation against HMAC one-shots; served requests against the embedded module.
dotnet run -c Release --project "$root/benchmarks/Spps.Benchmarks" -- 2
