# The contract manufacturer's side: FlashPro Express's M-HSM processes each of the OE's job requests in the exchange
# folder once (the secure flow's, and the debug flow's too) and answers each with a reply bound to this module.
#
#   FPEXPRESS_HOME=examples/out/secure/cm-home ./fpexpress examples/cm_site.tcl [output folder]
#
# The HSM named 'local' is an embedded M-HSM in $FPEXPRESS_HOME/hsm, created on first use with the UUID given here.

set here [file dirname [file normalize [info script]]]
set out [file normalize [expr {$argc > 0 ? [lindex $argv 0] : [file join $here out secure]}]]
set exchange [file join $out exchange]

puts "== The CM's M-HSM"
set_hsm_params -hsm_server_name local -m_hsm_uuid 0d7e8f2a-3b4c-4d5e-8f60-718293a4b5c6

puts "\n== The OE's job requests, each processed once"
foreach request [lsort [glob -directory $exchange *.req]] {
    process_job_request -request_file $request -reply_file [file rootname $request].rep -overwrite_reply TRUE
}

puts "\n== The tickets the module now holds"
list_all_hsm_tickets
