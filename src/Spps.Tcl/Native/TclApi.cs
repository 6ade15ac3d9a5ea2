using System.Runtime.InteropServices;

namespace Spps.Tcl.Native;

/// <summary>
/// The Tcl C functions we call, bound once from the loaded library as unmanaged function pointers.
/// Binding by hand (rather than [LibraryImport]) lets <see cref="TclLibraryLocator"/> alone decide which file
/// is loaded, and a missing export is reported by name instead of surfacing later as an EntryPointNotFoundException.
/// </summary>
internal sealed unsafe class TclApi
{
    public const int TclOk = 0;
    public const int TclError = 1;
    public const int TclGlobalOnly = 1;
    public const int TclLeaveErrMsg = 0x200;
    public const int TclEvalGlobal = 0x020000;
    public const int TclCancelUnwind = 0x100000;
    public const int TclStdout = 1 << 2;
    public const int TclStderr = 1 << 3;

    private static readonly Lazy<TclApi> _instance = new(() => new TclApi(TclLibraryLocator.Load()));

    private TclApi(nint library)
    {
        FindExecutable = (delegate* unmanaged[Cdecl]<byte*, void>)Export(library, "Tcl_FindExecutable");
        CreateInterp = (delegate* unmanaged[Cdecl]<nint>)Export(library, "Tcl_CreateInterp");
        Init = (delegate* unmanaged[Cdecl]<nint, int>)Export(library, "Tcl_Init");
        DeleteInterp = (delegate* unmanaged[Cdecl]<nint, void>)Export(library, "Tcl_DeleteInterp");
        FinalizeTcl = (delegate* unmanaged[Cdecl]<void>)Export(library, "Tcl_Finalize");
        EvalEx = (delegate* unmanaged[Cdecl]<nint, byte*, int, int, int>)Export(library, "Tcl_EvalEx");
        EvalObjv = (delegate* unmanaged[Cdecl]<nint, int, nint*, int, int>)Export(library, "Tcl_EvalObjv");
        GetObjResult = (delegate* unmanaged[Cdecl]<nint, nint>)Export(library, "Tcl_GetObjResult");
        SetObjResult = (delegate* unmanaged[Cdecl]<nint, nint, void>)Export(library, "Tcl_SetObjResult");
        ResetResult = (delegate* unmanaged[Cdecl]<nint, void>)Export(library, "Tcl_ResetResult");
        GetStringFromObj = (delegate* unmanaged[Cdecl]<nint, int*, byte*>)Export(library, "Tcl_GetStringFromObj");
        NewStringObj = (delegate* unmanaged[Cdecl]<byte*, int, nint>)Export(library, "Tcl_NewStringObj");
        NewListObj = (delegate* unmanaged[Cdecl]<int, nint*, nint>)Export(library, "Tcl_NewListObj");
        ListObjGetElements = (delegate* unmanaged[Cdecl]<nint, nint, int*, nint**, int>)Export(library, "Tcl_ListObjGetElements");
        IncrRefCount = (delegate* unmanaged[Cdecl]<nint, byte*, int, void>)Export(library, "Tcl_DbIncrRefCount");
        DecrRefCount = (delegate* unmanaged[Cdecl]<nint, byte*, int, void>)Export(library, "Tcl_DbDecrRefCount");
        CreateObjCommand = (delegate* unmanaged[Cdecl]<nint, byte*, delegate* unmanaged[Cdecl]<nint, nint, int, nint*, int>, nint, delegate* unmanaged[Cdecl]<nint, void>, nint>)Export(library, "Tcl_CreateObjCommand");
        SetVar2Ex = (delegate* unmanaged[Cdecl]<nint, byte*, byte*, nint, int, nint>)Export(library, "Tcl_SetVar2Ex");
        GetVar2Ex = (delegate* unmanaged[Cdecl]<nint, byte*, byte*, int, nint>)Export(library, "Tcl_GetVar2Ex");
        SetObjErrorCode = (delegate* unmanaged[Cdecl]<nint, nint, void>)Export(library, "Tcl_SetObjErrorCode");
        CancelEval = (delegate* unmanaged[Cdecl]<nint, nint, nint, int, int>)Export(library, "Tcl_CancelEval");
        GetStdChannel = (delegate* unmanaged[Cdecl]<int, nint>)Export(library, "Tcl_GetStdChannel");
        WriteObj = (delegate* unmanaged[Cdecl]<nint, nint, int>)Export(library, "Tcl_WriteObj");
        Flush = (delegate* unmanaged[Cdecl]<nint, int>)Export(library, "Tcl_Flush");
        CommandComplete = (delegate* unmanaged[Cdecl]<byte*, int>)Export(library, "Tcl_CommandComplete");
    }

    /// <summary>The bound API; the first use loads the library (and may throw <see cref="TclUnavailableException"/>).</summary>
    public static TclApi Instance => _instance.Value;

    public delegate* unmanaged[Cdecl]<byte*, void> FindExecutable { get; }
    public delegate* unmanaged[Cdecl]<nint> CreateInterp { get; }
    public delegate* unmanaged[Cdecl]<nint, int> Init { get; }
    public delegate* unmanaged[Cdecl]<nint, void> DeleteInterp { get; }
    public delegate* unmanaged[Cdecl]<void> FinalizeTcl { get; }
    public delegate* unmanaged[Cdecl]<nint, byte*, int, int, int> EvalEx { get; }
    public delegate* unmanaged[Cdecl]<nint, int, nint*, int, int> EvalObjv { get; }
    public delegate* unmanaged[Cdecl]<nint, nint> GetObjResult { get; }
    public delegate* unmanaged[Cdecl]<nint, nint, void> SetObjResult { get; }
    public delegate* unmanaged[Cdecl]<nint, void> ResetResult { get; }
    public delegate* unmanaged[Cdecl]<nint, int*, byte*> GetStringFromObj { get; }
    public delegate* unmanaged[Cdecl]<byte*, int, nint> NewStringObj { get; }
    public delegate* unmanaged[Cdecl]<int, nint*, nint> NewListObj { get; }
    public delegate* unmanaged[Cdecl]<nint, nint, int*, nint**, int> ListObjGetElements { get; }
    public delegate* unmanaged[Cdecl]<nint, byte*, int, void> IncrRefCount { get; }
    public delegate* unmanaged[Cdecl]<nint, byte*, int, void> DecrRefCount { get; }
    public delegate* unmanaged[Cdecl]<nint, byte*, delegate* unmanaged[Cdecl]<nint, nint, int, nint*, int>, nint, delegate* unmanaged[Cdecl]<nint, void>, nint> CreateObjCommand { get; }
    public delegate* unmanaged[Cdecl]<nint, byte*, byte*, nint, int, nint> SetVar2Ex { get; }
    public delegate* unmanaged[Cdecl]<nint, byte*, byte*, int, nint> GetVar2Ex { get; }
    public delegate* unmanaged[Cdecl]<nint, nint, void> SetObjErrorCode { get; }
    public delegate* unmanaged[Cdecl]<nint, nint, nint, int, int> CancelEval { get; }
    public delegate* unmanaged[Cdecl]<int, nint> GetStdChannel { get; }
    public delegate* unmanaged[Cdecl]<nint, nint, int> WriteObj { get; }
    public delegate* unmanaged[Cdecl]<nint, int> Flush { get; }
    public delegate* unmanaged[Cdecl]<byte*, int> CommandComplete { get; }

    private static nint Export(nint library, string name) =>
        NativeLibrary.TryGetExport(library, name, out var address)
            ? address
            : throw new TclUnavailableException($"The loaded Tcl library has no function '{name}'; Tcl 8.6 is required.");
}
