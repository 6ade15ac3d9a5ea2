# The non-HSM production flow from start to finish: design inputs made with jdcgen, a project whose Programming Data
# has an eNVM update and its own keys, a TRUSTED_FACILITY and a MASTER bitstream exported as STAPL, DAT and SPI
# files, and a FlashPro Express job for a board whose JTAG chain holds three devices:
#
#   TDI -> 1 housekeeping CPLD (another maker's, described by its BSDL file) -> 2 the FPGA we program
#       -> 3 a second Microchip FPGA left in BYPASS -> TDO
#
#   JOBMANAGER_HOME=examples/out/home ./jobmanager examples/production_job.tcl [output folder]
#
# Everything goes into the output folder (default: examples/out); running again starts afresh. jdcgen (Libero's
# stand-in) is run through the launcher beside this folder; set JDCGEN to run another command.

set here [file dirname [file normalize [info script]]]
set out [file normalize [expr {$argc > 0 ? [lindex $argv 0] : [file join $here out]}]]
set name ProductionJob
set inputs [file join $out production_inputs]
set files [file join $out production]
file delete -force [file join $out $name] $inputs $files
file mkdir $inputs

puts "== Design inputs, as Libero would export them"
set jdcgen [expr {[info exists env(JDCGEN)] ? $env(JDCGEN) : [list [file join $here .. jdcgen]]}]
puts [exec -ignorestderr {*}$jdcgen -die M2S025 -design Controller -version 7 -envm_client BOOT:16384 -envm_client CONFIG:256 \
    -user_keys UEK1 -update_protect fabric,envm -o [file join $inputs controller.jdc]]
set firmware [open [file join $inputs firmware.hex] w]
puts $firmware ":10000000214601360121470136007EFE09D2190141\n:04001000DEADBEEFB4\n:00000001FF"
close $firmware

puts "\n== The project and its Programming Data: the firmware in eNVM, and our own keys"
new_project -location $out -name $name
new_prog_data -data_name Controller -import_file [file join $inputs controller.jdc]
set_envm_update -data_name Controller -client_name BOOT -file [file join $inputs firmware.hex]
set_key -data_name Controller \
    -uek1 3C1F0E2D4B5A69788796A5B4C3D2E1F00F1E2D3C4B5A69788796A5B4C3D2E1F0 \
    -upk1 0A1B2C3D4E5F60718293A4B5C6D7E8F90A1B2C3D4E5F60718293A4B5C6D7E8F9
init_bitstream -data_name Controller -bitstream_name Factory -bitstream_type TRUSTED_FACILITY -features {FABRIC ENVM}
init_bitstream -data_name Controller -bitstream_name Production -bitstream_type MASTER -enable_passkey_export TRUE
report_prog_data -data_name Controller

puts "\n== Bitstream files"
foreach bitstream {Factory Production} {
    export_bitstream_file -data_name Controller -bitstream_name $bitstream -formats {STAPL DAT SPI} \
        -export_path [file join $files controller_[string tolower $bitstream]]
}

puts "\n== The board's JTAG chain, exported as a FlashPro Express job"
new_prog_job -job_name Board -job_type FPExpress
add_non_microsemi_bypass_device -job_name Board -device_name HousekeepingCpld -device_hw_location 1 \
    -file [file join $here inputs housekeeping_cpld.bsd]
add_microsemi_prog_device -job_name Board -device_name Controller -device_hw_location 2 \
    -data_name Controller -bitstream_name Production
add_microsemi_bypass_device -job_name Board -device_name Companion -device_hw_location 3 -device_type M2GL010
set chain [report_prog_job -job_name Board]
set job [export_prog_job -job_name Board -location $files -name board_production]
close_project -save TRUE

puts "\n== Produced"
puts "  project  [file join $out $name $name.jprj]"
foreach file [lsort [glob -directory $files *]] {
    puts [format "  %-32s %9d bytes" [file tail $file] [file size $file]]
}
puts [format "  chain    %d devices, %d IR bits in all, TCK at most %s MHz; job %s" \
    [llength [dict get $chain devices]] [dict get $chain total_ir] [dict get $chain max_tck_mhz] [file tail $job]]
