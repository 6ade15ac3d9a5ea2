# A first Job Manager session: software information, the project lifecycle, and how scripts catch errors.
#
#   ./jobmanager examples/first_project.tcl [output folder]
#
# The project is created in the output folder (default: examples/out). Running the script again starts afresh.

set out [expr {$argc > 0 ? [lindex $argv 0] : [file join [file dirname [info script]] out]}]
set name FirstProject
file delete -force [file join $out $name]

puts "== Software"
get_software_info

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
} {
    if {[catch [subst $command] message options]} {
        puts "[lindex $command 0]: [dict get $options -errorcode]"
        puts "    $message"
    }
}

puts "\n== Done: project file $project_file"
