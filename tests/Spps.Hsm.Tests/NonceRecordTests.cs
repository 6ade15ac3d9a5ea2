using Spps.Hsm.Access;
using Spps.Hsm.Protocol;
using Spps.Hsm.Store;
using Spps.Testing;

namespace Spps.Hsm.Tests;

/// <summary>
/// How the module remembers the nonces of authentic requests, keyed by the time their client signed: a replay (same
/// signed time, same nonce) is refused, the nonces accepted before the record was keyed by time are still refused,
/// and a nonce is forgotten only once a request signed at its time would be refused by its time anyway.
/// </summary>
public sealed class NonceRecordTests : IDisposable
{
    private static readonly byte[] _body = "{\"imports\":{},\"source\":null}"u8.ToArray();
    private readonly TemporaryFolder _folder = new();
    private readonly ManualClock _clock = new(DateTimeOffset.UtcNow, TimeZoneInfo.Utc);
    private readonly HsmModule _module;
    private readonly HsmCredential _credential;
    private readonly HsmEndpoint _endpoint;

    public NonceRecordTests()
    {
        _module = HsmModule.Create(_folder.Combine("store"));
        _credential = _module.Enroll("tests");
        _endpoint = new HsmEndpoint(_module, _clock);
    }

    public void Dispose() => _folder.Dispose();

    private long Seconds => _clock.Now.ToUnixTimeSeconds();

    // Sends a create_keyset request signed at unixSeconds with nonce through the endpoint's checks, as the server does.
    private void Send(long unixSeconds, string nonce) => Serve(Head(unixSeconds, nonce));

    // The head of a create_keyset request signed at unixSeconds with nonce, checked by endpoint (this test's unless
    // given) as the server checks it before the body; timestampPrefix is put before the signed time's digits.
    private RequestClaim Head(long unixSeconds, string nonce, HsmEndpoint? endpoint = null, string timestampPrefix = "")
    {
        var operation = HsmOperation.CreateKeyset;
        var headers = RequestSignature.Headers(_credential.ClientId, _credential.Secret, operation.Method, operation.Path, _body, unixSeconds, nonce)
            .ToDictionary(header => header.Name, header => header.Value);
        return (endpoint ?? _endpoint).CheckHead(operation.Method, operation.Path, _body.Length, new RequestHeaders(headers[RequestSignature.ClientHeader],
            timestampPrefix + headers[RequestSignature.TimestampHeader], headers[RequestSignature.NonceHeader], headers[RequestSignature.HeadSignatureHeader],
            headers[RequestSignature.SignatureHeader]));
    }

    // The rest of the request whose head passed: its body's signature, then the operation, which records the nonce.
    private void Serve(RequestClaim claim) =>
        _endpoint.Handle(HsmOperation.CreateKeyset, _endpoint.Verify(claim, System.Security.Cryptography.SHA256.HashData(_body)), _body);

    [Fact]
    public void A_replayed_request_is_refused_at_its_head_and_nothing_is_written()
    {
        var nonce = RequestSignature.NewNonce();
        Send(Seconds, nonce);
        var before = StoreRows.Of(_module) + _module.Store.Count("audit") + _module.Store.Count("request_nonces");

        _clock.Now += TimeSpan.FromMinutes(4); // still within the skew of the signed time
        var error = Assert.Throws<HsmException>(() => Send(Seconds - 240, nonce));

        Assert.Equal("REPLAYED", error.Code);
        Assert.Equal(before, StoreRows.Of(_module) + _module.Store.Count("audit") + _module.Store.Count("request_nonces"));
    }

    /// <summary>A nonce is unique with the time it was signed at: the signature covers both, so a replay cannot change the time.</summary>
    [Fact]
    public void The_same_nonce_signed_at_another_time_is_another_request()
    {
        var nonce = RequestSignature.NewNonce();
        Send(Seconds, nonce);
        Send(Seconds + 1, nonce);
        Assert.Equal(2, _module.Store.Count("request_nonces"));
    }

    [Fact]
    public void A_nonce_accepted_before_the_record_was_keyed_by_time_is_still_refused_until_it_is_forgotten()
    {
        // As a module of schema 5 recorded it: by client and nonce, with the server's time.
        var nonce = RequestSignature.NewNonce();
        StoreRows.Execute(_module.Folder, $"INSERT INTO nonces VALUES ('{_credential.ClientId}', '{nonce}', '{HsmStore.Timestamp(_clock.Now)}');");

        Assert.Equal("REPLAYED", Assert.Throws<HsmException>(() => Send(Seconds - 60, nonce)).Code);

        _clock.Now += 2 * RequestSignature.MaximumClockSkew + TimeSpan.FromSeconds(1);
        Send(Seconds, RequestSignature.NewNonce()); // a request records its nonce and forgets the old ones
        Assert.Equal(0, _module.Store.Count("nonces"));
    }

    [Fact]
    public void Nonces_are_forgotten_once_their_signed_time_is_twice_the_skew_old_and_not_before()
    {
        var first = Seconds;
        var twiceTheSkew = (long)(2 * RequestSignature.MaximumClockSkew).TotalSeconds;
        Send(first, RequestSignature.NewNonce());

        _clock.Now += TimeSpan.FromSeconds(twiceTheSkew);
        Send(Seconds, RequestSignature.NewNonce());
        Assert.Equal([first, first + twiceTheSkew], Recorded()); // exactly twice the skew old: a replay of it is still refused by it

        _clock.Now += TimeSpan.FromSeconds(1);
        Send(Seconds, RequestSignature.NewNonce());
        Assert.Equal([first + twiceTheSkew, first + twiceTheSkew + 1], Recorded());
    }

    /// <summary>The signed time is recorded as the number it is: digits written with leading zeros sign and record the same time.</summary>
    [Fact]
    public void A_replay_writing_its_signed_time_with_leading_zeros_is_refused_at_its_head()
    {
        var nonce = RequestSignature.NewNonce();
        Send(Seconds, nonce);

        Assert.Equal("REPLAYED", Assert.Throws<HsmException>(() => Head(Seconds, nonce, timestampPrefix: "000")).Code);
    }

    [Fact]
    public void A_replay_to_the_module_opened_again_is_refused_at_its_head()
    {
        var nonce = RequestSignature.NewNonce();
        Send(Seconds, nonce);

        var reopened = new HsmEndpoint(HsmModule.Open(_module.Folder), _clock);
        Assert.Equal("REPLAYED", Assert.Throws<HsmException>(() => Head(Seconds, nonce, reopened)).Code);
    }

    /// <summary>
    /// Two copies of a request whose heads both pass before either is recorded: the first recorded is served, the other
    /// refused. The other's body may come in at once, or slowly, for more than twice the skew (600 s): the request's
    /// nonce has been forgotten by then, and the copy's must still not be recorded as new, or it would be served too.
    /// </summary>
    [Theory]
    [InlineData(0)]
    [InlineData(601)]
    public void Of_two_copies_whose_heads_passed_together_only_the_first_recorded_is_served_and_the_other_writes_nothing(int copyBodySeconds)
    {
        var (signed, nonce) = (Seconds, RequestSignature.NewNonce());
        var request = Head(signed, nonce);
        var copy = Head(signed, nonce);
        Serve(request);

        _clock.Now += TimeSpan.FromSeconds(copyBodySeconds);
        var before = _module.Store.Count("audit");

        Assert.Equal("REPLAYED", Assert.Throws<HsmException>(() => Serve(copy)).Code);
        Assert.Equal(before, _module.Store.Count("audit"));
    }

    [Fact]
    public void A_revocation_forgets_the_client_s_nonces_in_both_records()
    {
        Send(Seconds, RequestSignature.NewNonce());
        StoreRows.Execute(_module.Folder, $"INSERT INTO nonces VALUES ('{_credential.ClientId}', '{RequestSignature.NewNonce()}', '{HsmStore.Timestamp(_clock.Now)}');");

        _module.Revoke(_credential.ClientId);

        Assert.Equal((0, 0), (_module.Store.Count("request_nonces"), _module.Store.Count("nonces")));
    }

    private List<long> Recorded() => StoreRows.Query<long>(_module.Folder, "SELECT seconds FROM request_nonces ORDER BY seconds;");
}
