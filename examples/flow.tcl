# The flow of the README's short tour: says how it was called, then makes a project with a FlashPro Express job of
# one Microchip device left in BYPASS, prints the job and saves the project. It runs the same however it is started
# (SCRIPT:, a path, standard input) and again and again: it starts afresh in examples/out/tour.
puts "argv0: $argv0; $argc argument(s): $argv"

# From standard input there is no script file: then the folder is taken from where the README runs it, the checkout.
set here [expr {[info script] ne "" ? [file dirname [info script]] : "examples"}]
set out [file join $here out tour]
file delete -force $out

new_project -location $out -name Tour
new_prog_job -job_name Line -job_type FPExpress
add_microsemi_bypass_device -job_name Line -device_name Fpga -device_hw_location 1 -device_type M2S010
report_prog_job -job_name Line
close_project -save TRUE
