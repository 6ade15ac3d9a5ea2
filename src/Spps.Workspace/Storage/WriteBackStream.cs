namespace Spps.Workspace.Storage;

/// <summary>
/// A staged file's content stream that starts the kernel's write-back every <see cref="Chunk"/> bytes
/// (<see cref="EarlyWriteBack"/>), so the disk writes the first part of a large file while the rest is still being
/// made, and the final flush waits for little. A large write is passed on in pieces of at most a chunk for the same
/// reason. Only where the bytes go and when changes: every byte is passed on in order, as written.
/// </summary>
internal sealed class WriteBackStream(FileStream file) : Stream
{
    /// <summary>How many bytes are written between two starts of the write-back.</summary>
    public const int Chunk = 1 << 20;

    private int _sinceStart;

    public override bool CanRead => false;

    public override bool CanSeek => file.CanSeek;

    public override bool CanWrite => true;

    public override long Length => file.Length;

    public override long Position
    {
        get => file.Position;
        set => file.Position = value;
    }

    public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));

    public override void Write(ReadOnlySpan<byte> buffer)
    {
        while (!buffer.IsEmpty)
        {
            var piece = buffer[..Math.Min(buffer.Length, Chunk - _sinceStart)];
            file.Write(piece);
            Written(piece.Length);
            buffer = buffer[piece.Length..];
        }
    }

    public override void WriteByte(byte value)
    {
        file.WriteByte(value);
        Written(1);
    }

    public override void Flush() => file.Flush();

    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    public override long Seek(long offset, SeekOrigin origin) => file.Seek(offset, origin);

    public override void SetLength(long value) => file.SetLength(value);

    private void Written(int count)
    {
        _sinceStart += count;
        if (_sinceStart < Chunk)
        {
            return;
        }

        file.Flush(); // the FileStream's own buffer into the kernel, so the write-back sees every byte written so far
        EarlyWriteBack.Start(file.SafeFileHandle);
        _sinceStart = 0;
    }
}
