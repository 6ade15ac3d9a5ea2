# The contract manufacturer runs the non-HSM job of production_job.tcl: a bench of two boards whose JTAG chain is the
# job's (spps-bench: the housekeeping CPLD from its BSDL file, the M2S025 FPGA, the M2GL010 FPGA left in BYPASS), the
# job's project, and on each board the chain scanned, the FPGA programmed from the job's MASTER bitstream (encrypted
# under the KLK, it loads the design's own keys) and the digests of what it now holds checked against the job's; then
# board 1 as the bench shows it. No HSM and no ticket are involved.
#
#   FPEXPRESS_HOME=examples/out/cm-home ./fpexpress examples/production_bench.tcl [output folder]
#
# Run after production_job.tcl with the same output folder (default examples/out); examples/production_flow.sh runs both.

set here [file dirname [file normalize [info script]]]
set out [file normalize [expr {$argc > 0 ? [lindex $argv 0] : [file join $here out]}]]
set bench [file join $out production_bench]
set sppsbench [expr {[info exists env(SPPS_BENCH)] ? $env(SPPS_BENCH) : [list [file join $here .. spps-bench]]}]

puts "== A bench of two boards with the job's chain (a new bench at every run)"
file delete -force $bench
puts [exec -ignorestderr {*}$sppsbench create --bench $bench --chain bsdl:[file join $here inputs housekeeping_cpld.bsd],M2S025,M2GL010 --boards 2 --seed 1]

puts "\n== The job's project on this station"
create_job_project -job_project_location [file join $out production_line] -job_file [file join $out production board_production.job] -overwrite 1

foreach board {1 2} {
    puts "\n== Board $board"
    connect_bench -bench $bench -board $board
    scan_chain_prg
    set_programming_action -name Controller -action PROGRAM
    puts "Board $board programmed: [run_selected_actions]"
    set_programming_action -name Controller -action VERIFY_DIGEST
    puts "Board $board verified: [run_selected_actions]"
}
close_project -save TRUE

puts "\n== Board 1 as the bench shows it"
puts [exec -ignorestderr {*}$sppsbench show --bench $bench --board 1]
