# Per-call cost of a Job Manager command going through the framework (parse, check, handler, error with errorCode)
# against the machine's ceiling measured in the same interpreter: a Tcl proc raising the same kind of error.
set iterations [expr {$argc > 0 ? [lindex $argv 0] : 20000}]

proc tcl_ceiling {args} { return -code error -errorcode {SPPS BADVALUE -save maybe} "save: Invalid argument value" }

# Warm both paths first (JIT, bytecode compilation).
for {set i 0} {$i < 1000} {incr i} { catch {close_project -save maybe}; catch {tcl_ceiling -save maybe} }

set framework [lindex [time { catch {close_project -save maybe} } $iterations] 0]
set ceiling   [lindex [time { catch {tcl_ceiling -save maybe} } $iterations] 0]
puts [format "command dispatch (bad value, caught): %8.2f us/call; Tcl proc ceiling %6.2f us/call; ratio %.1fx" \
    $framework $ceiling [expr {$framework / $ceiling}]]
