#!/usr/bin/env sh
# The debug flow on top of the secure flow: the OE's project gets a SmartDebug job beside the HSM job (debug_job.tcl),
# the CM's M-HSM processes both requests (cm_site.tcl), the OE exports both jobs (hsm_reply.tcl, debug_reply.tcl), the
# CM programs a bench with the Initiator (cm_production.tcl) and unlocks one device's debug with a one-time passcode,
# refuses its replay and ends the debug job (cm_debug.tcl); the OE imports the debug job's status (oe_debug_status.tcl).
# Lines starting "Verdict:" say what happened. Everything goes into examples/out/debug (or the folder given); running
# again starts afresh.
set -eu
here="$(cd "$(dirname "$0")" && pwd)"
out="${1:-$here/out/debug}"
rm -rf "$out/oe-home" "$out/cm-home"
mkdir -p "$out"
oe() { JOBMANAGER_HOME="$out/oe-home" "$here/../jobmanager" "$here/$1" "$out"; echo; }
cm() { FPEXPRESS_HOME="$out/cm-home" "$here/../fpexpress" "$here/$1" "$out"; echo; }
oe hsm_production.tcl
oe debug_job.tcl
cm cm_site.tcl
oe hsm_reply.tcl
oe debug_reply.tcl
cm cm_production.tcl
cm cm_debug.tcl
oe oe_debug_status.tcl
