using Spps.Devices;
using Spps.Formats.Containers;
using Spps.Hsm;
using Spps.Hsm.Protocol;
using Spps.Workspace.Settings;
using Spps.Workspace.Storage;

namespace Spps.FpExpress.Hsm;

/// <summary>
/// The M-HSM operations of the production side: process a job request into a reply, list and remove the module's
/// tickets. Each connects to the module the settings name for the one operation and checks it is that module.
/// </summary>
public sealed class ManufacturerHsmService(HsmConnector connector)
{
    /// <summary>
    /// Reads the request, has the M-HSM process it and writes its reply atomically. The reply's path is checked, and
    /// its staged file made beside it, before the module is asked: the module processes a request only once, so a reply
    /// that could not be written would be lost. A refused request writes nothing.
    /// </summary>
    public (ProcessedJobRequest Processed, string ReplyPath) ProcessJobRequest(
        string requestFile, string replyFile, bool overwriteReply, string currentFolder, Action<string> info)
    {
        var requestPath = Path.GetFullPath(requestFile, currentFolder);
        var replyPath = Path.GetFullPath(replyFile, currentFolder);
        CheckReplyPath(requestPath, replyPath, overwriteReply);
        var request = ReadRequest(requestPath);
        using var hsm = connector.ConnectManufacturer(info);
        ProcessedJobRequest? processed = null;
        AtomicFile.Write(replyPath, stream =>
        {
            processed = Process(hsm, request, requestPath);
            stream.Write(processed.ReplyContainer);
        });
        return (processed!, replyPath);
    }

    /// <summary>Every ticket the module holds, as a table too; with <paramref name="outputFile"/> the table is written there.</summary>
    public TicketListing ListTickets(string? outputFile, string currentFolder, Action<string> info, Action<string> warn)
    {
        var outputPath = outputFile is null ? null : Path.GetFullPath(outputFile, currentFolder);
        if (outputPath is not null)
        {
            Writable.Check(outputPath); // before asking the module
        }

        using var hsm = connector.ConnectManufacturer(info);
        var tickets = hsm.ListTickets();
        var listing = new TicketListing(tickets, TicketTable.Format(tickets), outputPath);
        if (outputPath is not null)
        {
            if (File.Exists(outputPath))
            {
                warn($"Replacing the existing file '{outputPath}'.");
            }

            AtomicFile.WriteAllBytes(outputPath, System.Text.Encoding.UTF8.GetBytes(listing.Table));
        }

        return listing;
    }

    /// <summary>
    /// Removes the named tickets (ids checked first: an unknown one is refused by the module and nothing is removed), or
    /// with none named every ticket of the module, which <paramref name="force"/> must confirm.
    /// </summary>
    public RemovedTickets RemoveTickets(IReadOnlyList<string>? ticketIds, bool force, Action<string> info)
    {
        var ids = ticketIds is null ? null : TicketIds.Normalize(ticketIds);
        if (ids is null && !force)
        {
            throw new DomainException(
                "remove_hsm_tickets without -ticket_ids removes every ticket of the M-HSM, and the jobs those tickets serve can no longer run: " +
                "add -force TRUE to confirm, or name the tickets with -ticket_ids.", "FORCE", "-force");
        }

        using var hsm = connector.ConnectManufacturer(info);
        var held = hsm.ListTickets(); // to say what each removed ticket was for
        var removed = hsm.RemoveTickets(ids);
        return new RemovedTickets(removed, [.. held.Where(ticket => removed.Contains(ticket.TicketId, StringComparer.OrdinalIgnoreCase))]);
    }

    private static void CheckReplyPath(string requestPath, string replyPath, bool overwriteReply)
    {
        if (string.Equals(requestPath, replyPath, StringComparison.Ordinal))
        {
            throw new DomainException(
                $"Parameter 'reply_file': '{replyPath}' is the request file; give the reply its own file.", "BADVALUE", "-reply_file", replyPath);
        }

        Writable.Check(replyPath);
        if (File.Exists(replyPath) && !overwriteReply)
        {
            throw new DomainException(
                $"Parameter 'reply_file': the file '{replyPath}' already exists; use -overwrite_reply TRUE to replace it.", "EXISTS", "-reply_file", replyPath);
        }
    }

    private static byte[] ReadRequest(string path) => InputFile.ReadAllBytes(path, "job request", ContainerFile.MaximumWholePartBytes);

    // The module's refusal, naming the file it came from (the module sees only bytes); its code is kept for scripts.
    private static ProcessedJobRequest Process(IManufacturerHsm hsm, byte[] request, string path)
    {
        try
        {
            return hsm.ProcessJobRequest(request);
        }
        catch (HsmException error)
        {
            throw new HsmException(error.Code, $"Cannot process the job request '{path}': {error.Message}");
        }
    }
}
