namespace Spps.Tcl.Tests;

public sealed class TclInterpreterTests : IDisposable
{
    private readonly TclInterpreter _tcl = TclInterpreter.Create();

    public void Dispose() => _tcl.Dispose();

    [Fact]
    public void Evaluates_a_script_and_returns_its_result() =>
        Assert.Equal("6", _tcl.Eval("expr {1 + 2 + 3}"));

    [Fact]
    public void Reports_the_patch_level_of_tcl_8_6() =>
        Assert.StartsWith("8.6.", _tcl.PatchLevel);

    [Fact]
    public void Nul_characters_round_trip_through_variables_and_results()
    {
        _tcl.SetVariable("v", "a\0b");
        Assert.Equal("3", _tcl.Eval("string length $v"));
        Assert.Equal("a\0b", _tcl.GetVariable("v"));
        Assert.Equal("x\0y", _tcl.Eval("format x%cy 0"));
    }

    [Fact]
    public void Unicode_in_scripts_survives_whatever_the_locale()
    {
        Assert.Equal("5", _tcl.Eval("string length Grüße"));
        Assert.Equal("😀", _tcl.Eval("set s 😀"));
        Assert.Equal("utf-8", _tcl.Eval("encoding system"));
    }

    [Fact]
    public void An_uncaught_error_carries_message_error_info_and_error_code()
    {
        var error = Assert.Throws<TclErrorException>(() => _tcl.Eval("proc f {} { error boom {} {MY CODE} }\nf"));
        Assert.Equal("boom", error.Message);
        Assert.Contains("invoked from within", error.ErrorInfo);
        Assert.Contains("\"f\"", error.ErrorInfo);
        Assert.Equal(["MY", "CODE"], error.ErrorCode);
    }

    [Fact]
    public void Exit_unwinds_through_catch_and_reports_its_code()
    {
        var reached = false;
        _tcl.RegisterCommand("mark", (_, _, _) => { reached = true; return ""; });
        var exit = Assert.Throws<TclExitException>(() => _tcl.Eval("proc f {} { catch { exit 3 } }\ncatch { f }\nmark"));
        Assert.Equal(3, exit.ExitCode);
        Assert.False(reached);
    }

    [Fact]
    public void A_host_can_refuse_an_exit_and_the_interpreter_stays_usable()
    {
        var asked = 0;
        _tcl.BeforeExit = () =>
        {
            if (++asked == 1)
            {
                throw new TclCommandException("not yet", ["HOST", "REFUSED"]);
            }
        };
        Assert.Equal("1 {not yet} {HOST REFUSED}", _tcl.Eval("list [catch {exit 2} message options] $message [dict get $options -errorcode]"));
        Assert.Equal("still here", _tcl.Eval("set x {still here}"));
        Assert.Equal(2, Assert.Throws<TclExitException>(() => _tcl.Eval("exit 2")).ExitCode);
    }

    [Theory]
    [InlineData("exit", 0)]
    [InlineData("exit 7", 7)]
    [InlineData("exit 0x10", 16)]
    [InlineData("exit -1", -1)]
    public void Exit_takes_an_optional_integer(string script, int expected) =>
        Assert.Equal(expected, Assert.Throws<TclExitException>(() => _tcl.Eval(script)).ExitCode);

    [Fact]
    public void Exit_with_a_bad_code_is_an_ordinary_error()
    {
        var error = Assert.Throws<TclErrorException>(() => _tcl.Eval("exit nope"));
        Assert.Equal("expected integer but got \"nope\"", error.Message);
        Assert.Equal("caught", _tcl.Eval("if {[catch {exit 1 2}]} { set r caught }"));
    }

    [Fact]
    public void An_interpreter_that_exited_refuses_further_scripts_clearly()
    {
        Assert.Throws<TclExitException>(() => _tcl.Eval("catch {exit 2}"));
        var error = Assert.Throws<InvalidOperationException>(() => _tcl.Eval("set x ok"));
        Assert.Contains("called exit 2", error.Message);
    }

    [Fact]
    public void Registered_commands_receive_words_and_return_results()
    {
        _tcl.RegisterCommand("join_words", (_, name, args) => name + ":" + string.Join("|", args));
        Assert.Equal("join_words:a b|c\0d", _tcl.Eval("join_words {a b} c\\0d"));
    }

    [Fact]
    public void A_command_error_is_catchable_with_its_error_code()
    {
        _tcl.RegisterCommand("refuse", (_, _, _) => throw new TclCommandException("Nope.", ["SPPS", "TEST", "x"]));
        Assert.Equal("1 Nope. {SPPS TEST x}", _tcl.Eval("list [catch {refuse} m o] $m [dict get $o -errorcode]"));
    }

    [Fact]
    public void An_unexpected_exception_becomes_an_internal_error_not_a_crash()
    {
        _tcl.RegisterCommand("broken", (_, _, _) => throw new InvalidOperationException("state"));
        var error = Assert.Throws<TclErrorException>(() => _tcl.Eval("broken"));
        Assert.Equal("Internal error: System.InvalidOperationException: state", error.Message);
        Assert.Equal(["SPPS", "INTERNAL", "System.InvalidOperationException"], error.ErrorCode);
    }

    [Fact]
    public void Exit_from_a_nested_evaluation_inside_a_command_still_unwinds_everything()
    {
        var reached = false;
        _tcl.RegisterCommand("mark", (_, _, _) => { reached = true; return ""; });
        _tcl.RegisterCommand("nested", (interp, _, args) => interp.Eval(args[0]));
        var exit = Assert.Throws<TclExitException>(() => _tcl.Eval("catch { nested {catch {exit 5}} }\nmark"));
        Assert.Equal(5, exit.ExitCode);
        Assert.False(reached);
    }

    [Fact]
    public void Lists_split_and_merge_by_tcl_rules()
    {
        Assert.Equal(["FABRIC", "ENVM", "a b"], _tcl.SplitList("FABRIC ENVM {a b}"));
        Assert.Equal("{a b} c {}", _tcl.MergeList(["a b", "c", ""]));
        Assert.Throws<TclErrorException>(() => _tcl.SplitList("{unbalanced"));
    }

    [Fact]
    public void Knows_whether_a_command_is_complete()
    {
        Assert.False(_tcl.IsComplete("if {1} {"));
        Assert.True(_tcl.IsComplete("if {1} { puts x }"));
    }

    [Fact]
    public void Source_reads_files_as_utf8_and_names_them_in_info_script()
    {
        var path = Path.Combine(Path.GetTempPath(), $"tcl-test-{Guid.NewGuid():N}.tcl");
        File.WriteAllText(path, "set name Grüße\nlist [info script] [string length $name]");
        try
        {
            Assert.Equal(_tcl.MergeList([path, "5"]), _tcl.SourceFile(path));
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void An_interpreter_refuses_calls_from_another_thread()
    {
        Exception? seen = null;
        var thread = new Thread(() => seen = Record.Exception(() => _tcl.Eval("set x 1")));
        thread.Start();
        thread.Join();
        Assert.IsType<InvalidOperationException>(seen);
        Assert.Contains("only on the thread that created it", seen!.Message);
    }

    [Fact]
    public void Interpreters_on_separate_threads_work_independently()
    {
        var results = new string[4];
        var threads = Enumerable.Range(0, results.Length).Select(i => new Thread(() =>
        {
            using var tcl = TclInterpreter.Create();
            tcl.SetVariable("n", i.ToString(System.Globalization.CultureInfo.InvariantCulture));
            results[i] = tcl.Eval("set total 0; for {set k 0} {$k < 2000} {incr k} { incr total $n }; set total");
        })).ToList();
        threads.ForEach(t => t.Start());
        threads.ForEach(t => t.Join());
        Assert.Equal(["0", "2000", "4000", "6000"], results);
    }
}
