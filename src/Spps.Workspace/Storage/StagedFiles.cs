namespace Spps.Workspace.Storage;

/// <summary>
/// The staged files this process is writing. An interruption (Ctrl-C, SIGTERM, a closed terminal) that ends the program
/// at once removes them first (<see cref="RemoveAllAsTheProgramEnds"/>), so that an interrupted export leaves neither its
/// files nor half-written temporary ones. (An interruption the shell turns into a cancelled command removes them as any
/// failed write does.)
/// </summary>
public static class StagedFiles
{
    private static readonly HashSet<string> _inProgress = new(StringComparer.Ordinal);
    private static bool _interrupted;

    /// <summary>Creates a staged file with <paramref name="create"/> and lists it, unless the program is being interrupted.</summary>
    internal static FileStream Create(string path, Func<string, FileStream> create)
    {
        lock (_inProgress)
        {
            if (_interrupted)
            {
                throw new OperationCanceledException($"{ProgramIdentity.Name} was interrupted: nothing more is written.");
            }

            var stream = create(path);
            _inProgress.Add(path);
            return stream;
        }
    }

    /// <summary>Runs <paramref name="change"/> (a move into place, or a removal) of listed files with no interruption in between.</summary>
    internal static void Settle(Action change)
    {
        lock (_inProgress)
        {
            change();
        }
    }

    /// <summary>Takes a staged file off the list once it has been moved into place or removed.</summary>
    internal static void Forget(string path)
    {
        lock (_inProgress)
        {
            _inProgress.Remove(path);
        }
    }

    /// <summary>Removes every staged file, for a signal that ends the program now; no staged file is created after it.</summary>
    public static void RemoveAllAsTheProgramEnds()
    {
        lock (_inProgress)
        {
            _interrupted = true;
            foreach (var path in _inProgress)
            {
                try
                {
                    File.Delete(path);
                }
                catch (Exception error) when (Writable.IsIoFailure(error))
                {
                    // The program ends now either way; a staged file that cannot be removed here carries this
                    // process's id in its name, so the next write into its folder removes it.
                }
            }

            _inProgress.Clear();
        }
    }
}
