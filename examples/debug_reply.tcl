# The OE imports the CM's reply to the debug job's request and exports the debug job (.ddc) for the CM: each target's
# DEBUG bitstream public part, and its UEK1 and DPK sealed to the CM's M-HSM alone.
#
#   JOBMANAGER_HOME=examples/out/secure/oe-home ./jobmanager examples/debug_reply.tcl [output folder]
#
# Run after cm_site.tcl processed dbg1.req.

set here [file dirname [file normalize [info script]]]
set out [file normalize [expr {$argc > 0 ? [lindex $argv 0] : [file join $here out secure]}]]

open_project -project [file join $out SecureJob SecureJob.jprj]
puts "== The CM's reply to the debug job's request"
hsmtask_m_reply -job_name Line1Debug -hsmtask_name DBG1 -reply_file [file join $out exchange dbg1.rep]

puts "\n== The debug job for the CM"
export_hsmtask -job_name Line1Debug -hsmtask_name DBG1 -location [file join $out exchange] -name Line1_DBG1
close_project -save TRUE
