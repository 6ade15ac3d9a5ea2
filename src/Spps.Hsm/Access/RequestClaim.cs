using Spps.Hsm.Store;

namespace Spps.Hsm.Access;

/// <summary>A request whose head passed the checks that need no body; its signature is checked with the body.</summary>
public sealed class RequestClaim
{
    internal RequestClaim(EnrolledClient client, string method, string path, long seconds, string nonce, string signature)
    {
        Client = client;
        Method = method;
        Path = path;
        Seconds = seconds;
        Nonce = nonce;
        Signature = signature;
    }

    internal EnrolledClient Client { get; }

    internal string Method { get; }

    internal string Path { get; }

    internal long Seconds { get; }

    internal string Nonce { get; }

    internal string Signature { get; }
}
