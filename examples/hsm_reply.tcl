# The OE imports the CM's job reply: the U-HSM checks it answers the task's request and comes from an M-HSM of its
# world, and the task is bound to that M-HSM. Then the HSM job for the CM: the Initiator encrypted under the task's own
# KIP, and every secret the CM's M-HSM will need sealed to that M-HSM alone.
#
#   JOBMANAGER_HOME=examples/out/secure/oe-home ./jobmanager examples/hsm_reply.tcl [output folder]

set here [file dirname [file normalize [info script]]]
set out [file normalize [expr {$argc > 0 ? [lindex $argv 0] : [file join $here out secure]}]]

open_project -project [file join $out SecureJob SecureJob.jprj]
puts "== The CM's reply"
hsmtask_m_reply -job_name Line1 -hsmtask_name CM1 -reply_file [file join $out exchange cm1.rep]
report_hsmtask -job_name Line1 -hsmtask_name CM1

puts "\n== The HSM job for the CM"
export_hsmtask -job_name Line1 -hsmtask_name CM1 -location [file join $out exchange] -name Line1_CM1
close_project -save TRUE
