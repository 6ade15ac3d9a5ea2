# The OE's SmartDebug job, in the secure flow's project: a DEBUG bitstream of the Initiator's design (one-time
# passcodes answered under the UEK1 the Initiator loads, with the DPK it loads), an SDebug job for the board's FPGA,
# and an HSM task whose DEBUG ticket lets the CM unlock at most two devices.
#
#   JOBMANAGER_HOME=examples/out/secure/oe-home ./jobmanager examples/debug_job.tcl [output folder]
#
# Run after hsm_production.tcl; examples/debug_flow.sh runs the whole debug flow.

set here [file dirname [file normalize [info script]]]
set out [file normalize [expr {$argc > 0 ? [lindex $argv 0] : [file join $here out secure]}]]
set exchange [file join $out exchange]

open_project -project [file join $out SecureJob SecureJob.jprj]
puts "== A DEBUG bitstream of the Initiator's design"
init_bitstream -data_name Board -bitstream_name Debug -bitstream_type DEBUG -use_protocol ONE_TIME_PASSCODE -auth_keymode UEK1

puts "\n== The SmartDebug job and the CM's debug task: two devices unlocked at most"
new_prog_job -job_name Line1Debug -job_type SDebug
add_microsemi_prog_device -job_name Line1Debug -device_name FPGA -device_hw_location 1 -data_name Board -bitstream_name Debug
add_hsmtask_to_job -job_name Line1Debug -hsmtask_name DBG1
new_hsmtask_ticket -job_name Line1Debug -hsmtask_name DBG1 -ticket_name T_DEBUG -device FPGA -actions DEBUG -max_device 2

puts "\n== The debug job's request, for the CM's M-HSM"
hsmtask_m_request -job_name Line1Debug -hsmtask_name DBG1 -request_file [file join $exchange dbg1.req]
report_hsmtask -job_name Line1Debug
close_project -save TRUE
