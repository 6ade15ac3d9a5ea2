namespace Spps.Workspace.Storage;

/// <summary>
/// A write-only stream over a staged file's stream that changes how the writes reach it (<see cref="CancellableStream"/>,
/// <see cref="WriteBackStream"/>); everything else is the inner stream's.
/// </summary>
internal abstract class WriteOnlyStream(Stream inner) : Stream
{
    /// <summary>The stream the writes go to.</summary>
    protected Stream Inner { get; } = inner;

    public override bool CanRead => false;

    public override bool CanSeek => Inner.CanSeek;

    public override bool CanWrite => true;

    public override long Length => Inner.Length;

    public override long Position
    {
        get => Inner.Position;
        set => Inner.Position = value;
    }

    public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));

    public abstract override void Write(ReadOnlySpan<byte> buffer);

    public abstract override void WriteByte(byte value);

    public override void Flush() => Inner.Flush();

    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    public override long Seek(long offset, SeekOrigin origin) => Inner.Seek(offset, origin);

    public override void SetLength(long value) => Inner.SetLength(value);
}
