#!/usr/bin/env sh
# The non-HSM production flow end to end: the OE's Job Manager makes the design inputs, the Programming Data, the
# bitstream files and the FlashPro Express job (production_job.tcl), and the CM's FlashPro Express programs the job on
# a bench of virtual devices made by spps-bench (production_bench.tcl). Each side has its own home; everything goes into
# examples/out (or the folder given), and running again starts afresh.
set -eu
here="$(cd "$(dirname "$0")" && pwd)"
out="${1:-$here/out}"
mkdir -p "$out"
JOBMANAGER_HOME="$out/home" "$here/../jobmanager" "$here/production_job.tcl" "$out"
echo
FPEXPRESS_HOME="$out/cm-home" "$here/../fpexpress" "$here/production_bench.tcl" "$out"
