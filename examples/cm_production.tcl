# The contract manufacturer runs the OE's HSM job: a job project made from the job (bound to this station's M-HSM),
# a bench of three boards (spps-bench), each board's device programmed (the M-HSM authorises each device and spends
# one device of the ticket), the job status the M-HSM signs with the devices' CoCs, and the job's end, whose status
# carries the signed Job End Certifier.
#
#   FPEXPRESS_HOME=examples/out/secure/cm-home ./fpexpress examples/cm_production.tcl [output folder]
#
# Run after cm_site.tcl (which set this home's M-HSM up and processed the request) and hsm_reply.tcl (which exported
# the HSM job into the exchange folder).

set here [file dirname [file normalize [info script]]]
set out [file normalize [expr {$argc > 0 ? [lindex $argv 0] : [file join $here out secure]}]]
set exchange [file join $out exchange]
set bench [file join $out bench]
set sppsbench [expr {[info exists env(SPPS_BENCH)] ? $env(SPPS_BENCH) : [list [file join $here .. spps-bench]]}]

puts "== A bench of three boards, each with the job's device (a new bench at every run)"
file delete -force $bench
puts [exec -ignorestderr {*}$sppsbench create --bench $bench --chain M2S010 --boards 3 --seed 1]

puts "\n== The HSM job's project on this station"
create_job_project -job_project_location [file join $out cm-line1] -job_file [file join $exchange Line1_CM1.job] -overwrite 1

foreach board {1 2 3} {
    puts "\n== Board $board"
    connect_bench -bench $bench -board $board
    scan_chain_prg
    puts "Board $board: [run_selected_actions]"
}

puts "\n== The job status, signed by the M-HSM"
puts "Devices left: [get_job_status -job_status_file [file join $exchange Line1_CM1_1.status]]"

puts "\n== The job's end: its tickets leave the M-HSM, the status gets the Job End Certifier"
complete_prog_job -job_status_file [file join $exchange Line1_CM1_end.status] -terminate TRUE
close_project
