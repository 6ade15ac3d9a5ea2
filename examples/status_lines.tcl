# Prints what import_job_status returned (its dict): each ticket's count and each device's row with why, one line each.
# Sourced by oe_status.tcl and oe_debug_status.tcl.

proc print_status {status} {
    foreach ticket [dict get $status tickets] {
        puts "Ticket [dict get $ticket name] ([dict get $ticket action]): [dict get $ticket used] of [dict get $ticket max_device] used"
    }
    foreach device [dict get $status devices] {
        puts "Device [dict get $device dsn]: [dict get $device action] [dict get $device result], CoC [dict get $device coc] ([dict get $device reason])"
    }
}
