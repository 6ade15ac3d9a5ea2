# A first Job Manager session: software information, the HSM and keysets, design inputs made with jdcgen, a project
# with Programming Data in the non-HSM and the HSM flow, and how scripts catch errors.
#
#   JOBMANAGER_HOME=examples/out/home ./jobmanager examples/first_project.tcl [output folder]
#
# set_hsm_params saves its settings in $JOBMANAGER_HOME (by default your own per-user settings), hence the variable
# above. The HSM named 'local' runs embedded: its store is created in $JOBMANAGER_HOME/hsm on first use with the UUIDs
# given here. Everything else goes into the output folder (default: examples/out); running again starts afresh.
# jdcgen (Libero's stand-in) is run through the launcher beside this folder; set JDCGEN to run another command.
# exec -ignorestderr: on its first run the launcher says on standard error that it builds the program.

set out [file normalize [expr {$argc > 0 ? [lindex $argv 0] : [file join [file dirname [info script]] out]}]]
set name FirstProject
file delete -force [file join $out $name] [file join $out keysets] [file join $out bitstreams]

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

puts "\n== Design inputs, as Libero would export them"
set jdcgen [expr {[info exists env(JDCGEN)] ? $env(JDCGEN) : [list [file join [file dirname [info script]] .. jdcgen]]}]
set inputs [file join $out inputs]
file mkdir $inputs
puts [exec -ignorestderr {*}$jdcgen -die M2S010 -design Board -version 3 -envm_client IMEM:8192 -envm_client CONFIG:512 \
    -user_keys UEK1,UEK2 -update_protect fabric,envm -o [file join $inputs board.jdc]]
puts [exec -ignorestderr {*}$jdcgen -spm -die M2S010 -user_keys UEK1 -debug_lock -seed 2 -o [file join $inputs board.spm]]
puts [exec -ignorestderr {*}$jdcgen -die MPFS095T -design Soc -version 1 -snvm_client CAL:1024:auth -o [file join $inputs soc.jdc]]
set firmware [open [file join $inputs firmware.hex] w]
puts $firmware ":10000000214601360121470136007EFE09D2190141\n:00000001FF"
close $firmware

puts "\n== A new project with Programming Data"
set project_file [new_project -location $out -name $name]
new_prog_data -data_name Board -import_file [file join $inputs board.jdc]
set_envm_update -data_name Board -client_name IMEM -file [file join $inputs firmware.hex]
set_key -data_name Board -uek2 C0FFEE00C0FFEE00C0FFEE00C0FFEE00C0FFEE00C0FFEE00C0FFEE00C0FFEE00
set_security_overwrite -data_name Board -file [file join $inputs board.spm]
set_new_keys_for_rotation -data_name Board -uek1 1111111111111111111111111111111111111111111111111111111111111111
new_prog_data -data_name Soc -import_file [file join $inputs soc.jdc] -keyset_file production.ks
init_bitstream -data_name Board -bitstream_name Factory -bitstream_type TRUSTED_FACILITY -features {FABRIC ENVM}
init_bitstream -data_name Board -bitstream_name Initiator -bitstream_type MASTER -enable_passkey_export TRUE
init_bitstream -data_name Board -bitstream_name Update -bitstream_type UEK1 -features FABRIC
init_bitstream -data_name Board -bitstream_name Rotation -bitstream_type KEY_ROTATION -auto_inc_design_version TRUE
init_bitstream -data_name Soc -bitstream_name Initiator -bitstream_type MASTER -use_protocol AUTH_CODE -auth_keymode KFPE -generate_coc TRUE
init_bitstream -data_name Soc -bitstream_name PerDevice -bitstream_type UEK1 -features FABRIC -use_protocol UNIQUE_KEY -unique_key_types UEK1
set bitstreams [file join $out bitstreams]
foreach bitstream {Factory Initiator Update Rotation} {
    export_bitstream_file -data_name Board -bitstream_name $bitstream -formats {STAPL DAT SPI} -export_path [file join $bitstreams board_$bitstream]
}
# The HSM flow: the U-HSM derives this device's UEK1 from the keyset's UEK1 base key and the DSN, and encrypts the file.
export_bitstream_file -data_name Soc -bitstream_name PerDevice -formats STAPL -dsn 0123456789ABCDEF0123456789ABCDEF \
    -export_path [file join $bitstreams soc_0123456789ABCDEF]
export_spi_directory -golden_ver [file join $bitstreams board_Factory.spi] -golden_addr 0x400 \
    -update_ver [file join $bitstreams board_Update.spi] -update_addr 0xA00000 -file [file join $bitstreams board.spidir]
report_prog_data -data_name Board
report_prog_data -data_name Soc
close_project -save TRUE

puts "\n== Reopened from its file"
open_project -project $project_file
close_project

puts "\n== Errors are Tcl errors with a structured errorCode"
open_project -project $project_file
foreach command {
    {new_project -location $out}
    {new_project -location $out -name $name}
    {close_project -save maybe}
    {set_snvm_update -data_name Board -client_name IMEM -file [file join $inputs firmware.hex]}
    {create_keyset -file production.ks}
    {create_keyset -file short.ks -uek2 0123}
    {new_prog_data -data_name Board -import_file [file join $inputs board.jdc]}
    {export_bitstream_file -data_name Soc -bitstream_name Initiator -formats STAPL -export_path [file join $out refused]}
} {
    if {[catch [subst $command] message options]} {
        puts "[lindex $command 0]: [dict get $options -errorcode]"
        puts "    $message"
    }
}

close_project

puts "\n== Done: project file $project_file, keysets in [file join $out keysets], bitstream files:"
foreach file [lsort [glob -directory $bitstreams *]] {
    puts [format "  %-36s %9d bytes" [file tail $file] [file size $file]]
}
