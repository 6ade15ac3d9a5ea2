# The OE imports the debug job's final status: the U-HSM checks it was signed by the task's M-HSM, for this task, with
# counts within their limits and a Job End Certifier; each debug unlock is a device row. Then the task's history and
# the report.
#
#   JOBMANAGER_HOME=examples/out/secure/oe-home ./jobmanager examples/oe_debug_status.tcl [output folder]
#
# Run after cm_debug.tcl, which wrote the status into the exchange folder.

set here [file dirname [file normalize [info script]]]
set out [file normalize [expr {$argc > 0 ? [lindex $argv 0] : [file join $here out secure]}]]
source [file join $here status_lines.tcl]

open_project -project [file join $out SecureJob SecureJob.jprj]
puts "== The debug job's end status, with the Job End Certifier"
print_status [import_job_status -job_status_file [file join $out exchange Line1_DBG1_end.status]]

puts "\n== The task's history and the report"
report_hsmtask -job_name Line1Debug -hsmtask_name DBG1
puts "Report: [export_job_report -job_name Line1Debug -hsmtask_name DBG1 -file [file join $out Line1_DBG1_report.html]]"
close_project -save TRUE
