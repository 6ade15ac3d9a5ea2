# The contract manufacturer debugs a device the secure flow programmed: the debug job's project (bound to this
# station's M-HSM), board 1 of the bench cm_production.tcl programmed, the device's debug locked until unlock_debug
# has the M-HSM spend one DEBUG ticket for the device's challenge; then what a debugger reads, a replay of the same
# passcode (refused by the device, nothing spent), the counts, and the debug job's end with its certifier.
#
#   FPEXPRESS_HOME=examples/out/secure/cm-home ./fpexpress examples/cm_debug.tcl [output folder]
#
# Run after cm_production.tcl (which programmed the bench) and debug_reply.tcl (which exported the debug job).

set here [file dirname [file normalize [info script]]]
set out [file normalize [expr {$argc > 0 ? [lindex $argv 0] : [file join $here out secure]}]]
set exchange [file join $out exchange]
set passcode [file join $out cm-debug passcode.bin]

puts "== The debug job's project on this station"
create_job_project -job_project_location [file join $out cm-debug] -job_file [file join $exchange Line1_DBG1.ddc] -overwrite 1
connect_bench -bench [file join $out bench] -board 1
scan_chain_prg

puts "\n== Before the unlock"
if {[catch {read_debug_info -device FPGA} message]} {
    puts "Verdict: read_debug_info refused: $message"
}

puts "\n== The unlock: one DEBUG ticket spent for the device's challenge"
puts "Verdict: unlock [unlock_debug -device FPGA -save_passcode $passcode]"
set info [read_debug_info -device FPGA]
puts "Verdict: a debugger reads design [dict get $info design]; debug [dict get $info debug]"

puts "\n== The same passcode again (a replay)"
puts "Verdict: replay [unlock_debug -device FPGA -passcode_file $passcode]"

puts "\n== The counts: the job status and the M-HSM's ticket"
puts "Verdict: unlocks left [get_job_status]"
foreach ticket [list_all_hsm_tickets] {
    if {[dict get $ticket ticket] eq "T_DEBUG"} {
        puts "Verdict: the M-HSM counts T_DEBUG used [dict get $ticket used] of [dict get $ticket max_devices]"
    }
}

puts "\n== The debug job's end: its ticket leaves the M-HSM, the status gets the Job End Certifier"
complete_debug_job -job_status_file [file join $exchange Line1_DBG1_end.status] -terminate
close_project
