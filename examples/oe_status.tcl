# The OE closes the loop: it imports the job statuses the CM sent back — the interim one and the end, which carries
# the M-HSM's signed Job End Certifier. The U-HSM checks each was signed by the M-HSM the task is bound to, for this
# task, with counts within their limits, and gives a verdict on every device's CoC; then the production report.
#
#   JOBMANAGER_HOME=examples/out/secure/oe-home ./jobmanager examples/oe_status.tcl [output folder]
#
# Run after cm_production.tcl, which wrote the two statuses into the exchange folder.

set here [file dirname [file normalize [info script]]]
set out [file normalize [expr {$argc > 0 ? [lindex $argv 0] : [file join $here out secure]}]]
set exchange [file join $out exchange]
source [file join $here status_lines.tcl]

open_project -project [file join $out SecureJob SecureJob.jprj]
puts "== The interim job status"
set interim [import_job_status -job_status_file [file join $exchange Line1_CM1_1.status]]
puts "Status [dict get $interim sequence]: ended [dict get $interim ended]"

puts "\n== The end status, with the Job End Certifier"
print_status [import_job_status -job_status_file [file join $exchange Line1_CM1_end.status]]

puts "\n== The task's history and the production report"
report_hsmtask -job_name Line1 -hsmtask_name CM1
puts "Report: [export_job_report -job_name Line1 -hsmtask_name CM1 -file [file join $out Line1_CM1_report.html]]"
close_project -save TRUE
