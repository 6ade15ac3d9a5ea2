# A first Job Manager session: software information, the HSM and keysets, the project lifecycle, and how scripts
# catch errors.
#
#   JOBMANAGER_HOME=examples/out/home ./jobmanager examples/first_project.tcl [output folder]
#
# set_hsm_params saves its settings in $JOBMANAGER_HOME (by default your own per-user settings), hence the variable
# above. The HSM named 'local' runs embedded: its store is created in $JOBMANAGER_HOME/hsm on first use with the UUIDs
# given here. Everything else goes into the output folder (default: examples/out); running again starts afresh.

set out [file normalize [expr {$argc > 0 ? [lindex $argv 0] : [file join [file dirname [info script]] out]}]]
set name FirstProject
file delete -force [file join $out $name] [file join $out keysets]

puts "== The HSM and the keyset repository"
set_hsm_params -hsm_server_name local \
    -u_hsm_uuid 5a1e0c2b-7f3d-4c1a-9b8e-1d2c3b4a5f60 \
    -u_master_hsm_uuid 0c9b8a7d-6e5f-4a3b-8c2d-1e0f9a8b7c6d \
    -m_hsm_uuid 9f8e7d6c-5b4a-4392-8170-6f5e4d3c2b1a \
    -hsm_key_set_dir [file join $out keysets]

puts "\n== Software"
get_software_info

puts "\n== Keysets: all random, with imported keys, and a modified copy"
create_keyset -file production.ks
create_keyset -file imported.ks \
    -uek1 000102030405060708090A0B0C0D0E0F101112131415161718191A1B1C1D1E1F \
    -upk1_base 2021222324252627282930313233343536373839404142434445464748494A4B
create_keyset -file rotated.ks -source_file imported.ks \
    -uek1 F0E1D2C3B4A5968778695A4B3C2D1E0F00112233445566778899AABBCCDDEEFF
report_keyset -file rotated.ks

puts "\n== A new project"
set project_file [new_project -location $out -name $name]
close_project

puts "\n== Reopened from its file"
open_project -project $project_file
close_project -save TRUE

puts "\n== Errors are Tcl errors with a structured errorCode"
foreach command {
    {close_project}
    {new_project -location $out}
    {new_project -location $out -name $name}
    {close_project -save maybe}
    {create_keyset -file production.ks}
    {create_keyset -file short.ks -uek2 0123}
} {
    if {[catch [subst $command] message options]} {
        puts "[lindex $command 0]: [dict get $options -errorcode]"
        puts "    $message"
    }
}

puts "\n== Done: project file $project_file, keysets in [file join $out keysets]"
