using Spps.Formats.Files;
using Spps.Workspace.Storage;

namespace Spps.FpExpress.Projects;

/// <summary>
/// The open job project's writer of its production record: each device's result (with its CoC) and the job's end are
/// appended as one flushed write, so recording a device costs the same at the thousandth device as at the first. The
/// record is read whole once per open project, when it is first written to: that checks it, learns whether the job
/// was completed, turns a record of the first format into today's, and cuts off an entry a crash left unfinished
/// (reported by the reading), so the next line starts on a line of its own. The project lock keeps other processes out
/// meanwhile, so what was read stays true.
/// </summary>
public sealed class ProductionRecorder(string folder, string jobName)
{
    private bool _ready;
    private JobCompletion? _completed;

    public string FilePath => ProductionLog.PathFor(folder, jobName);

    /// <summary>Makes the record ready to be appended to (once per open project) and returns the job's end, or null while it runs.</summary>
    public JobCompletion? Prepare(Action<string> warn)
    {
        if (!_ready)
        {
            var record = ProductionRecord.Load(folder, jobName, warn);
            if (File.Exists(FilePath))
            {
                CutUnfinishedEntry();
            }
            else
            {
                AtomicFile.WriteAllBytes(FilePath, ProductionLog.ToBytes(record));
            }

            // Left by the first format, or by a crash after its content was carried over.
            ProductionRecord.Delete(ProductionRecord.WholeFilePathFor(folder, jobName));
            (_completed, _ready) = (record.Completed, true);
        }

        return _completed;
    }

    /// <summary>Records a device's result and the CoC it gave, durably, before the next device.</summary>
    public void Add(DeviceResult result, CollectedCoc? coc, Action<string> warn)
    {
        Prepare(warn);
        Append(ProductionLog.ResultLines(result, coc));
    }

    /// <summary>Records the job's end, durably; no ticketed action runs after it.</summary>
    public void Complete(JobCompletion completion, Action<string> warn)
    {
        Prepare(warn);
        Append(ProductionLog.CompletionLine(completion));
        _completed = completion;
    }

    // Everything after the last line feed: an append the station did not finish (each append ends with its line feed).
    private void CutUnfinishedEntry()
    {
        Write(FileMode.Open, stream =>
        {
            var whole = stream.Length;
            while (whole > 0)
            {
                stream.Position = whole - 1;
                if (stream.ReadByte() == '\n')
                {
                    break;
                }

                whole--;
            }

            if (whole < stream.Length)
            {
                stream.SetLength(whole);
            }
        });
    }

    private void Append(byte[] lines) => Write(FileMode.Append, stream => stream.Write(lines));

    private void Write(FileMode mode, Action<FileStream> change)
    {
        try
        {
            using var stream = new FileStream(FilePath, mode, mode == FileMode.Append ? FileAccess.Write : FileAccess.ReadWrite, FileShare.Read);
            change(stream);
            stream.Flush(flushToDisk: true);
        }
        catch (Exception error) when (Writable.IsIoFailure(error))
        {
            throw Writable.Failure(FilePath, OutputKind.File, error);
        }
    }
}
