using System.Globalization;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using Spps.Devices;
using Spps.Tcl.Native;

namespace Spps.Tcl;

/// <summary>
/// One real Tcl 8.6 interpreter. It may be used only on the thread that created it (Tcl's rule), scripts and
/// channels speak UTF-8 whatever the locale, and <c>exit</c> unwinds every level (even through <c>catch</c>) and
/// surfaces as <see cref="TclExitException"/> so the host can clean up before the process ends.
/// </summary>
public sealed unsafe class TclInterpreter : IDisposable
{
    private const int TclReturn = 2;
    private const int TclBreak = 3;
    private const int TclContinue = 4;

    private static readonly byte[] _sourceFileTag = TclModifiedUtf8.EncodeNullTerminated("Spps.Tcl");

    private readonly TclApi _api;
    private readonly int _ownerThreadId = Environment.CurrentManagedThreadId;
    private nint _interp;
    private int _evalDepth;
    private int? _pendingExitCode;
    private int? _exitedWith;

    private TclInterpreter(TclApi api, nint interp)
    {
        _api = api;
        _interp = interp;
    }

    /// <summary>Creates an initialised interpreter. Throws <see cref="TclUnavailableException"/> when Tcl cannot be used.</summary>
    public static TclInterpreter Create()
    {
        TclRuntime.EnsureInitialized();
        var api = TclApi.Instance;
        var interpreter = new TclInterpreter(api, api.CreateInterp());
        if (api.Init(interpreter._interp) != TclApi.TclOk)
        {
            var reason = interpreter.ResultString();
            interpreter.Dispose();
            throw new TclUnavailableException(
                $"Tcl could not initialise: {reason.ReplaceLineEndings(" ")} Set TCL_LIBRARY to the folder holding Tcl 8.6's init.tcl.");
        }

        interpreter.Eval(
            """
            encoding system utf-8
            foreach channel {stdin stdout stderr} {
                if {$channel in [chan names]} { chan configure $channel -encoding utf-8 }
            }
            unset channel
            """);
        interpreter.RegisterCommand("exit", interpreter.Exit);
        return interpreter;
    }

    /// <summary>
    /// Runs before <c>exit</c> ends the run. It may refuse that exit by throwing a <see cref="TclCommandException"/> or a <see cref="DomainException"/>,
    /// which becomes the Tcl error of the <c>exit</c> command (the interactive shell keeps unsaved work this way).
    /// </summary>
    public Action? BeforeExit { get; set; }

    /// <summary>The interpreter's Tcl patch level, e.g. 8.6.13.</summary>
    public string PatchLevel => Eval("info patchlevel");

    /// <summary>Evaluates a script at global level and returns its result.</summary>
    /// <exception cref="TclErrorException">The script raised an error.</exception>
    /// <exception cref="TclExitException">The script called <c>exit</c>.</exception>
    public string Eval(string script)
    {
        CheckUsable();
        var bytes = TclModifiedUtf8.Encode(script);
        int code;
        _evalDepth++;
        try
        {
            fixed (byte* text = bytes)
            {
                code = _api.EvalEx(_interp, text, bytes.Length, TclApi.TclEvalGlobal);
            }
        }
        finally
        {
            _evalDepth--;
        }

        return Complete(code);
    }

    /// <summary>Invokes one command with the given words, with no further substitution.</summary>
    public string Invoke(params IReadOnlyList<string> words)
    {
        CheckUsable();
        var objects = new nint[words.Count];
        for (var i = 0; i < words.Count; i++)
        {
            objects[i] = NewObject(words[i]);
            Retain(objects[i]);
        }

        int code;
        _evalDepth++;
        try
        {
            fixed (nint* objv = objects)
            {
                code = _api.EvalObjv(_interp, objects.Length, objv, TclApi.TclEvalGlobal);
            }
        }
        finally
        {
            _evalDepth--;
            foreach (var obj in objects)
            {
                Release(obj);
            }
        }

        return Complete(code);
    }

    /// <summary>Runs a script file as <c>source</c> does (so <c>info script</c> and error traces name it), read as UTF-8.</summary>
    public string SourceFile(string path) => Invoke("source", "-encoding", "utf-8", path);

    /// <summary>Adds (or replaces) a command.</summary>
    public void RegisterCommand(string name, TclCommandHandler handler)
    {
        CheckUsable();
        var registration = GCHandle.Alloc(new CommandRegistration(this, handler));
        fixed (byte* commandName = TclModifiedUtf8.EncodeNullTerminated(name))
        {
            _api.CreateObjCommand(_interp, commandName, &DispatchCommand, GCHandle.ToIntPtr(registration), &ReleaseCommand);
        }
    }

    /// <summary>Sets a global variable.</summary>
    public void SetVariable(string name, string value)
    {
        CheckUsable();
        var obj = NewObject(value);
        nint stored;
        fixed (byte* variable = TclModifiedUtf8.EncodeNullTerminated(name))
        {
            stored = _api.SetVar2Ex(_interp, variable, null, obj, TclApi.TclGlobalOnly | TclApi.TclLeaveErrMsg);
        }

        if (stored == 0)
        {
            throw new TclErrorException(ResultString(), string.Empty, ["TCL", "LOOKUP", "VARNAME", name]);
        }
    }

    /// <summary>Reads a global variable, or null when it does not exist.</summary>
    public string? GetVariable(string name)
    {
        CheckUsable();
        nint value;
        fixed (byte* variable = TclModifiedUtf8.EncodeNullTerminated(name))
        {
            value = _api.GetVar2Ex(_interp, variable, null, TclApi.TclGlobalOnly);
        }

        return value == 0 ? null : ObjectString(value);
    }

    /// <summary>Builds a well-formed Tcl list from its elements.</summary>
    public string MergeList(IEnumerable<string> elements)
    {
        CheckUsable();
        var objects = elements.Select(NewObject).ToArray();
        nint list;
        fixed (nint* objv = objects)
        {
            list = _api.NewListObj(objects.Length, objv);
        }

        Retain(list);
        try
        {
            return ObjectString(list);
        }
        finally
        {
            Release(list);
        }
    }

    /// <summary>Splits a Tcl list into its elements, by Tcl's own rules.</summary>
    /// <exception cref="TclErrorException">The text is not a well-formed list.</exception>
    public IReadOnlyList<string> SplitList(string list)
    {
        CheckUsable();
        var obj = NewObject(list);
        Retain(obj);
        try
        {
            int count;
            nint* elements;
            if (_api.ListObjGetElements(_interp, obj, &count, &elements) != TclApi.TclOk)
            {
                throw new TclErrorException(ResultString(), string.Empty, ["TCL", "VALUE", "LIST"]);
            }

            var result = new string[count];
            for (var i = 0; i < count; i++)
            {
                result[i] = ObjectString(elements[i]);
            }

            return result;
        }
        finally
        {
            Release(obj);
        }
    }

    /// <summary>Whether the text is a complete command (balanced braces, brackets and quotes), as <c>info complete</c>.</summary>
    public bool IsComplete(string script)
    {
        CheckUsable();
        fixed (byte* text = TclModifiedUtf8.EncodeNullTerminated(script))
        {
            return _api.CommandComplete(text) != 0;
        }
    }

    /// <summary>Writes through Tcl's standard channel, so the text keeps its place among the script's own <c>puts</c>.</summary>
    public void Write(TclChannel channel, string text)
    {
        CheckThread();
        var handle = _api.GetStdChannel(channel == TclChannel.Stdout ? TclApi.TclStdout : TclApi.TclStderr);
        if (handle == 0)
        {
            return; // The script closed this channel; like any write to a closed stream there is nowhere to go.
        }

        var obj = NewObject(text);
        Retain(obj);
        try
        {
            _api.WriteObj(handle, obj);
            if (channel == TclChannel.Stderr)
            {
                _api.Flush(handle);
            }
        }
        finally
        {
            Release(obj);
        }
    }

    /// <summary>Flushes Tcl's stdout and stderr.</summary>
    public void Flush()
    {
        CheckThread();
        foreach (var type in new[] { TclApi.TclStdout, TclApi.TclStderr })
        {
            var handle = _api.GetStdChannel(type);
            if (handle != 0)
            {
                _api.Flush(handle);
            }
        }
    }

    /// <summary>Deletes the interpreter. Must be called on the creating thread.</summary>
    public void Dispose()
    {
        if (_interp == 0)
        {
            return;
        }

        if (Environment.CurrentManagedThreadId != _ownerThreadId)
        {
            throw new InvalidOperationException("A Tcl interpreter must be disposed on the thread that created it.");
        }

        _api.DeleteInterp(_interp);
        _interp = 0;
    }

    private string Exit(TclInterpreter interpreter, string commandName, IReadOnlyList<string> arguments)
    {
        if (arguments.Count > 1)
        {
            throw new TclCommandException("wrong # args: should be \"exit ?returnCode?\"", ["TCL", "WRONGARGS"]);
        }

        var code = 0;
        if (arguments.Count == 1 && !TryParseInteger(arguments[0], out code))
        {
            throw new TclCommandException($"expected integer but got \"{arguments[0]}\"", ["TCL", "VALUE", "NUMBER"]);
        }

        BeforeExit?.Invoke();

        // Cancel with unwind: no catch on the way up can stop it. The exception tells the dispatcher to return TCL_ERROR.
        _pendingExitCode = code;
        _api.CancelEval(_interp, 0, 0, TclApi.TclCancelUnwind);
        throw new TclExitException(code);
    }

    private static bool TryParseInteger(string text, out int value)
    {
        var trimmed = text.Trim();
        var negative = trimmed.StartsWith('-');
        var digits = negative || trimmed.StartsWith('+') ? trimmed[1..] : trimmed;
        bool parsed;
        long magnitude;
        if (digits.StartsWith("0x", StringComparison.OrdinalIgnoreCase))
        {
            parsed = long.TryParse(digits[2..], NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out magnitude);
        }
        else
        {
            parsed = long.TryParse(digits, NumberStyles.None, CultureInfo.InvariantCulture, out magnitude);
        }

        value = parsed ? unchecked((int)(negative ? -magnitude : magnitude)) : 0;
        return parsed;
    }

    private string Complete(int code)
    {
        if (_pendingExitCode is { } exitCode)
        {
            if (_evalDepth == 0)
            {
                // Tcl leaves the interpreter cancelled after an unwind that reached the top level; it is finished.
                _pendingExitCode = null;
                _exitedWith = exitCode;
            }

            throw new TclExitException(exitCode);
        }

        return code switch
        {
            TclApi.TclOk or TclReturn => ResultString(),
            TclApi.TclError => throw new TclErrorException(
                ResultString(), GetVariable("errorInfo") ?? string.Empty, SplitList(GetVariable("errorCode") ?? "NONE")),
            TclBreak => throw new TclErrorException("invoked \"break\" outside of a loop", string.Empty, ["TCL", "RESULT", "UNEXPECTED"]),
            TclContinue => throw new TclErrorException("invoked \"continue\" outside of a loop", string.Empty, ["TCL", "RESULT", "UNEXPECTED"]),
            _ => throw new TclErrorException($"command returned bad code: {code}", string.Empty, ["TCL", "RESULT", "UNEXPECTED"]),
        };
    }

    private int InvokeHandler(TclCommandHandler handler, int objc, nint* objv)
    {
        try
        {
            var arguments = new string[objc - 1];
            for (var i = 1; i < objc; i++)
            {
                arguments[i - 1] = ObjectString(objv[i]);
            }

            SetResult(handler(this, ObjectString(objv[0]), arguments));
            return TclApi.TclOk;
        }
        catch (TclExitException)
        {
            return TclApi.TclError; // The cancellation set by exit carries the unwind from here.
        }
        catch (TclCommandException error)
        {
            return Fail(error.Message, error.ErrorCode);
        }
        catch (DomainException error)
        {
            return Fail(error.Message, error.ErrorCode);
        }
        catch (TclErrorException error)
        {
            return Fail(error.Message, error.ErrorCode);
        }
#pragma warning disable CA1031 // No exception may cross into native code: anything unexpected becomes a Tcl error.
        catch (Exception error)
#pragma warning restore CA1031
        {
            return Fail($"Internal error: {error.GetType().FullName}: {error.Message}", ["SPPS", "INTERNAL", error.GetType().FullName ?? "Exception"]);
        }
    }

    private int Fail(string message, IReadOnlyList<string> errorCode)
    {
        SetResult(message);
        _api.SetObjErrorCode(_interp, NewObject(MergeList(errorCode)));
        return TclApi.TclError;
    }

    private void SetResult(string text) => _api.SetObjResult(_interp, NewObject(text));

    private string ResultString() => ObjectString(_api.GetObjResult(_interp));

    private nint NewObject(string text)
    {
        var bytes = TclModifiedUtf8.Encode(text);
        fixed (byte* data = bytes)
        {
            return _api.NewStringObj(data, bytes.Length);
        }
    }

    private string ObjectString(nint obj)
    {
        int length;
        var data = _api.GetStringFromObj(obj, &length);
        return TclModifiedUtf8.Decode(new ReadOnlySpan<byte>(data, length));
    }

    private void Retain(nint obj)
    {
        fixed (byte* file = _sourceFileTag)
        {
            _api.IncrRefCount(obj, file, 0);
        }
    }

    private void Release(nint obj)
    {
        fixed (byte* file = _sourceFileTag)
        {
            _api.DecrRefCount(obj, file, 0);
        }
    }

    /// <summary>Guards calls that evaluate or touch interpreter state: refused once a script has exited.</summary>
    private void CheckUsable()
    {
        CheckThread();
        if (_exitedWith is { } exitCode)
        {
            throw new InvalidOperationException($"The script called exit {exitCode}; this interpreter has ended and can only write output and be disposed.");
        }
    }

    private void CheckThread()
    {
        ObjectDisposedException.ThrowIf(_interp == 0, this);
        if (Environment.CurrentManagedThreadId != _ownerThreadId)
        {
            throw new InvalidOperationException(
                $"This Tcl interpreter belongs to thread {_ownerThreadId} and was called from thread {Environment.CurrentManagedThreadId}; " +
                "an interpreter may be used only on the thread that created it.");
        }
    }

    [UnmanagedCallersOnly(CallConvs = [typeof(CallConvCdecl)])]
    private static int DispatchCommand(nint clientData, nint interp, int objc, nint* objv)
    {
        var registration = (CommandRegistration)GCHandle.FromIntPtr(clientData).Target!;
        return registration.Owner.InvokeHandler(registration.Handler, objc, objv);
    }

    [UnmanagedCallersOnly(CallConvs = [typeof(CallConvCdecl)])]
    private static void ReleaseCommand(nint clientData) => GCHandle.FromIntPtr(clientData).Free();

    private sealed record CommandRegistration(TclInterpreter Owner, TclCommandHandler Handler);
}
