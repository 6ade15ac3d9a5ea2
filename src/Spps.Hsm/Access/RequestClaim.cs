using Spps.Hsm.Store;

namespace Spps.Hsm.Access;

/// <summary>What a request's signature headers claim, once they passed the checks that need no body; its signature is checked with the body.</summary>
public sealed class RequestClaim
{
    internal RequestClaim(EnrolledClient client, long seconds, string nonce, string signature)
    {
        Client = client;
        Seconds = seconds;
        Nonce = nonce;
        Signature = signature;
    }

    internal EnrolledClient Client { get; }

    internal long Seconds { get; }

    internal string Nonce { get; }

    internal string Signature { get; }
}
