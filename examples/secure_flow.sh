#!/usr/bin/env sh
# The secure flow across two sites, each with its own home and its own HSM module, no setup by hand:
# the OE prepares the job and its request (jobmanager), the CM's M-HSM processes it (fpexpress), the OE imports the
# reply and exports the HSM job, and the CM runs it: a job project, a bench of boards (spps-bench) whose devices it
# programs, the signed job status and the job's end with its certifier (cm_production.tcl); the OE imports both
# statuses, verified by its U-HSM, and writes the production report (oe_status.tcl). Everything goes into
# examples/out/secure (or the folder given); running again starts afresh.
set -eu
here="$(cd "$(dirname "$0")" && pwd)"
out="${1:-$here/out/secure}"
rm -rf "$out/oe-home" "$out/cm-home"
mkdir -p "$out"
JOBMANAGER_HOME="$out/oe-home" "$here/../jobmanager" "$here/hsm_production.tcl" "$out"
echo
FPEXPRESS_HOME="$out/cm-home" "$here/../fpexpress" "$here/cm_site.tcl" "$out"
echo
JOBMANAGER_HOME="$out/oe-home" "$here/../jobmanager" "$here/hsm_reply.tcl" "$out"
echo
FPEXPRESS_HOME="$out/cm-home" "$here/../fpexpress" "$here/cm_production.tcl" "$out"
echo
JOBMANAGER_HOME="$out/oe-home" "$here/../jobmanager" "$here/oe_status.tcl" "$out"
