using Spps.Tcl.Commands;

namespace Spps.Tcl.Hosting;

/// <summary>A program's commands installed in one interpreter, and what it holds open during a run.</summary>
public interface IProgramShell : IDisposable
{
    CommandRegistry Commands { get; }

    /// <summary>At a prompt: makes the first <c>exit</c> refuse while unsaved work would be lost (the next one leaves).</summary>
    void GuardInteractiveExit();

    /// <summary>
    /// Ends the run: releases what is still open, saying so as a warning when unsaved work is discarded; returns true
    /// then, so the run does not end as a success.
    /// </summary>
    bool EndRun();

    /// <summary>
    /// For Tab completion at the prompt: the names from what is open (a project's jobs, Programming Data, devices) that
    /// option <paramref name="option"/> (without its dash) of <paramref name="command"/> takes; none when nothing is open
    /// or the option names nothing of it.
    /// </summary>
    IReadOnlyList<string> CompletionNames(string command, string option);
}
