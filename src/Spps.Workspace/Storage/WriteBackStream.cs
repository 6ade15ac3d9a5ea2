namespace Spps.Workspace.Storage;

/// <summary>
/// A staged file's content stream that starts the kernel's write-back every <see cref="Chunk"/> bytes
/// (<see cref="EarlyWriteBack"/>), so the disk writes the first part of a large file while the rest is still being
/// made, and the final flush waits for little. A large write is passed on in pieces of at most a chunk for the same
/// reason. Only where the bytes go and when changes: every byte is passed on in order, as written.
/// </summary>
internal sealed class WriteBackStream(FileStream file) : WriteOnlyStream(file)
{
    /// <summary>How many bytes are written between two starts of the write-back.</summary>
    public const int Chunk = 1 << 20;

    private int _sinceStart;

    private FileStream Staged => (FileStream)Inner;

    public override void Write(ReadOnlySpan<byte> buffer)
    {
        while (!buffer.IsEmpty)
        {
            var piece = buffer[..Math.Min(buffer.Length, Chunk - _sinceStart)];
            Staged.Write(piece);
            Written(piece.Length);
            buffer = buffer[piece.Length..];
        }
    }

    public override void WriteByte(byte value)
    {
        Staged.WriteByte(value);
        Written(1);
    }

    private void Written(int count)
    {
        _sinceStart += count;
        if (_sinceStart < Chunk)
        {
            return;
        }

        Staged.Flush(); // the FileStream's own buffer into the kernel, so the write-back sees every byte written so far
        EarlyWriteBack.Start(Staged.SafeFileHandle);
        _sinceStart = 0;
    }
}
