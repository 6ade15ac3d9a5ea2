# The OE's side of the secure flow, up to the job request for a contract manufacturer (CM): the user HSM and a keyset,
# Programming Data in the HSM flow (a design that locks debug), an Initiator (MASTER) bitstream with the Authorization
# Code protocol, a job, and an HSM task whose tickets say what the CM may do and how often.
#
#   JOBMANAGER_HOME=examples/out/secure/oe-home ./jobmanager examples/hsm_production.tcl [output folder]
#
# examples/secure_flow.sh runs the whole flow: this script, the CM's (cm_site.tcl, with fpexpress and its own home and
# HSM), then the OE again (hsm_reply.tcl). The HSM named 'local' runs embedded in $JOBMANAGER_HOME/hsm, created on first
# use in the published development world (say so loudly: it offers no security; see docs/security.md).

set here [file dirname [file normalize [info script]]]
set out [file normalize [expr {$argc > 0 ? [lindex $argv 0] : [file join $here out secure]}]]
set name SecureJob
set exchange [file join $out exchange]
file delete -force [file join $out $name] [file join $out keysets] [file join $out inputs] $exchange
file mkdir [file join $out inputs] $exchange

puts "== The OE's user HSM and its keyset"
set_hsm_params -hsm_server_name local \
    -u_hsm_uuid 1b4e28ba-2fa1-41d2-883f-0016d3cca427 \
    -u_master_hsm_uuid 6fa459ea-ee8a-4ca4-894e-db77e160355e \
    -m_hsm_uuid 16fd2706-8baf-433b-82eb-8c7fada847da \
    -hsm_key_set_dir [file join $out keysets]
create_keyset -file production.ks

puts "\n== Design inputs, as Libero would export them"
set jdcgen [expr {[info exists env(JDCGEN)] ? $env(JDCGEN) : [list [file join $here .. jdcgen]]}]
puts [exec -ignorestderr {*}$jdcgen -die M2S010 -design Board -version 3 -envm_client IMEM:8192 -debug_lock -o [file join $out inputs board.jdc]]

puts "\n== Programming Data in the HSM flow and its Initiator bitstream"
new_project -location $out -name $name
new_prog_data -data_name Board -import_file [file join $out inputs board.jdc] -keyset_file production.ks
init_bitstream -data_name Board -bitstream_name Initiator -bitstream_type MASTER -use_protocol AUTH_CODE -generate_coc TRUE

puts "\n== The job and the CM's HSM task: 1,000 devices programmed, verification unlimited"
new_prog_job -job_name Line1 -job_type FPExpress
add_microsemi_prog_device -job_name Line1 -device_name FPGA -device_hw_location 1 -data_name Board -bitstream_name Initiator
add_hsmtask_to_job -job_name Line1 -hsmtask_name CM1
new_hsmtask_ticket -job_name Line1 -hsmtask_name CM1 -ticket_name T_PROG -device FPGA -actions PROGRAM -max_device 1000
new_hsmtask_ticket -job_name Line1 -hsmtask_name CM1 -ticket_name T_VER -device FPGA -actions VERIFY -max_device unlimited

puts "\n== The job request, for the CM's M-HSM"
hsmtask_m_request -job_name Line1 -hsmtask_name CM1 -request_file [file join $exchange cm1.req]
report_hsmtask -job_name Line1
close_project -save TRUE
