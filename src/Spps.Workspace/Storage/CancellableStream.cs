namespace Spps.Workspace.Storage;

/// <summary>
/// A stream written in chunks that stops at the next chunk once its operation is cancelled, so a large file being
/// staged ends within one write of a Ctrl-C instead of at its end; the staged file is then removed as on any failure.
/// </summary>
internal sealed class CancellableStream(Stream inner, CancellationToken cancellation) : WriteOnlyStream(inner)
{
    public override void Write(ReadOnlySpan<byte> buffer)
    {
        cancellation.ThrowIfCancellationRequested();
        Inner.Write(buffer);
    }

    public override void WriteByte(byte value)
    {
        cancellation.ThrowIfCancellationRequested();
        Inner.WriteByte(value);
    }
}
