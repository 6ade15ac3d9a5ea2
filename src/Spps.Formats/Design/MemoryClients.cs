namespace Spps.Formats.Design;

/// <summary>An eNVM client as Libero defines it: a named region with its initial content (exactly <see cref="Size"/> bytes).</summary>
public sealed record EnvmClient(string Name, int Address, int Size, byte[] Content);

/// <summary>An sNVM client: a named run of pages from <see cref="StartPage"/>, with its initial content (exactly <see cref="Size"/> bytes).</summary>
public sealed record SnvmClient(string Name, int StartPage, int Size, SnvmClientKind Kind, byte[] Content)
{
    public const int PlainPageBytes = 256;
    public const int ProtectedPageBytes = 236;

    public int PageBytes => Kind == SnvmClientKind.Plain ? PlainPageBytes : ProtectedPageBytes;

    public int Pages => (Size + PageBytes - 1) / PageBytes;
}
