using Spps.Tcl.Native;

namespace Spps.Tcl;

/// <summary>Process-wide Tcl state: the one-time initialisation and the final shutdown that flushes channels.</summary>
public static unsafe class TclRuntime
{
    private static readonly Lock _gate = new();
    private static bool _initialized;
    private static bool _finalized;

    /// <summary>Loads the library and calls <c>Tcl_FindExecutable</c> once per process. Throws <see cref="TclUnavailableException"/>.</summary>
    public static void EnsureInitialized()
    {
        lock (_gate)
        {
            if (_finalized)
            {
                throw new InvalidOperationException("Tcl has been finalized in this process and cannot be used again.");
            }

            if (_initialized)
            {
                return;
            }

            var api = TclApi.Instance;
            fixed (byte* executable = TclModifiedUtf8.EncodeNullTerminated(Environment.ProcessPath ?? "jobmanager"))
            {
                api.FindExecutable(executable);
            }

            _initialized = true;
        }
    }

    /// <summary>
    /// Calls <c>Tcl_Finalize</c>, which flushes and closes every channel: without it, output written with
    /// <c>puts -nonewline</c> just before the end would be lost. Call once, after every interpreter is deleted.
    /// </summary>
    public static void Shutdown()
    {
        lock (_gate)
        {
            if (_initialized && !_finalized)
            {
                TclApi.Instance.FinalizeTcl();
                _finalized = true;
            }
        }
    }
}
