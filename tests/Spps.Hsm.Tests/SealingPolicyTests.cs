using System.Security.Cryptography;
using Spps.Devices;
using Spps.Formats.Bitstreams;
using Spps.Formats.Keysets;
using Spps.Hsm.Client;
using Spps.Hsm.Crypto;
using Spps.Hsm.Protocol;
using Spps.Hsm.Roles;
using Spps.Hsm.Server;

namespace Spps.Hsm.Tests;

/// <summary>
/// The U-HSM's sealing policy (docs/security.md), through the embedded and the served module alike: what an enrolled
/// client may ask for, what it gets, and that every other request is refused and audited as refused.
/// </summary>
public sealed class SealingPolicyTests : ServedModuleTest
{
    private static readonly byte[] _dsn = Convert.FromHexString("0102030405060708090A0B0C0D0E0F10");

    public static TheoryData<bool> Modes => [false, true];

    private IUserHsm Hsm(bool served) => served ? new RemoteUserHsm(Server.Address, Credential) : Module.UserRole("embedded");

    private const uint M2S010 = 0x0F8031CF; // two user key sets
    private const uint M2S090 = 0x0F8071CF; // three (UEK3)

    private static BitstreamHeader Header(byte typeCode, byte family = 5, byte[]? dsn = null, uint idCode = M2S010) => new()
    {
        FamilyCode = family, TypeCode = typeCode, IdCode = idCode, Checksum = 7, DesignName = "top", DesignVersion = 3, BackLevel = 1, Dsn = dsn,
    };

    private static CreateKeysetRequest Keys(params (string Name, byte[] Value)[] imports) =>
        new(imports.ToDictionary(import => import.Name, import => import.Value), null);

    private void AssertRefusedAndAudited(Action seal, string reason, string note)
    {
        var before = Module.Store.Count("audit");
        var error = Assert.Throws<HsmException>(seal);
        Assert.Equal("POLICY", error.Code);
        Assert.Contains(reason, error.Message, StringComparison.Ordinal);
        var audit = Module.Store.ReadAudit();
        Assert.Equal(before + 1, audit.Count);
        Assert.Equal(("seal_bitstream", $"refused: POLICY ({note})"), (audit[^1].Operation, audit[^1].Result));
    }

    [Theory]
    [MemberData(nameof(Modes))]
    public void An_update_bitstream_is_encrypted_under_the_type_s_own_key_and_carries_the_design_only(bool served)
    {
        var hsm = Hsm(served);
        var keyset = hsm.CreateKeyset(Keys());
        var fabric = RandomNumberGenerator.GetBytes(5000);
        var built = hsm.SealBitstream(new SealBitstreamRequest
        {
            Header = Header(typeCode: 5, idCode: M2S090), Components = [new PlainComponent(ComponentType.Fabric, fabric), new PlainComponent(ComponentType.G4Envm, [1, 2, 3])], Keyset = keyset,
        });
        var (_, components) = BitstreamFormat.Read(built.Bytes);
        Assert.All(components, component => Assert.Equal(KeyMode.Uek3, component.Mode));
        Assert.Equal(fabric, BitstreamFormat.Open(built.Bytes, components[0].Offset, Plain(keyset)["UEK3"]));
    }

    [Theory]
    [MemberData(nameof(Modes))]
    public void A_per_device_update_is_encrypted_under_the_device_s_key_from_the_base_key_and_the_dsn(bool served)
    {
        var hsm = Hsm(served);
        var keyset = hsm.CreateKeyset(Keys());
        var built = hsm.SealBitstream(new SealBitstreamRequest
        {
            Header = Header(typeCode: 3, dsn: _dsn), Components = [new PlainComponent(ComponentType.Fabric, [9, 9, 9])], Keyset = keyset, PerDevice = true,
        });
        var deviceKey = new byte[32];
        DeviceKeyDerivation.Derive(Plain(keyset)["UEK1_BASE"], "UEK1", _dsn, deviceKey);
        var component = BitstreamFormat.Read(built.Bytes).Components.Single();
        Assert.Equal([9, 9, 9], BitstreamFormat.Open(built.Bytes, component.Offset, deviceKey));
        Assert.Contains(Module.Store.ReadAudit(), entry => entry.Result.EndsWith($"for DSN {Convert.ToHexString(_dsn)}, keyset {keyset.KeysetId}", StringComparison.Ordinal));
    }

    [Theory]
    [MemberData(nameof(Modes))]
    public void Each_key_rotation_file_programs_the_new_keys_the_sequence_names_under_the_key_it_names(bool served)
    {
        var hsm = Hsm(served);
        var current = hsm.CreateKeyset(Keys());
        var next = hsm.CreateKeyset(Keys());
        var (now, then) = (Plain(current), Plain(next));
        foreach (var file in KeyRotationSequence.Files(2, 3, KeyRotationSequence.RotatableKeys(3)))
        {
            var built = hsm.SealBitstream(new SealBitstreamRequest
            {
                Header = Header(typeCode: 6, idCode: M2S090), Components = [], Keyset = current, NewKeyset = next, Rotation = new KeyRotationStep(2, 3, file.Number, 0x0003),
            });
            var component = BitstreamFormat.Read(built.Bytes).Components.Single();
            Assert.Equal((ComponentType.Keys, Enum.Parse<KeyMode>(file.EncryptingKey, ignoreCase: true)), (component.Type, component.Mode));
            var key = (file.EncryptedWithNewKey ? then : now)[file.EncryptingKey];
            byte[] expected = [0x03, 0x00, (byte)file.ProgrammedKeys.Count, 0,
                .. file.ProgrammedKeys.SelectMany(name => (byte[])[SecurityComponent.KeyId(name), .. then[name]])];
            Assert.Equal(expected, BitstreamFormat.Open(built.Bytes, component.Offset, key));
        }
    }

    [Theory]
    [InlineData(1, "MASTER")]
    [InlineData(2, "MASTER")]
    [InlineData(7, "DEBUG")]
    [InlineData(99, "type code 99")]
    public void Master_debug_trusted_facility_and_unknown_bitstream_types_are_refused(byte typeCode, string named)
    {
        foreach (var served in new[] { false, true })
        {
            var hsm = Hsm(served);
            var keyset = hsm.CreateKeyset(Keys());
            var request = new SealBitstreamRequest { Header = Header(typeCode == 1 ? (byte)1 : typeCode), Components = [new PlainComponent(ComponentType.Fabric, [1])], Keyset = keyset };
            AssertRefusedAndAudited(() => hsm.SealBitstream(request), typeCode == 1 ? "not TRUSTED_FACILITY" : "not " + named, "bitstream type not sealed as a file");
        }
    }

    [Theory]
    [InlineData(ComponentType.Keys)]
    [InlineData(ComponentType.Header)]
    [InlineData(200)]
    public void An_update_bitstream_carrying_anything_but_design_components_is_refused(byte type)
    {
        foreach (var served in new[] { false, true })
        {
            var hsm = Hsm(served);
            var request = new SealBitstreamRequest { Header = Header(3), Components = [new PlainComponent(type, new byte[68])], Keyset = hsm.CreateKeyset(Keys()) };
            AssertRefusedAndAudited(() => hsm.SealBitstream(request), $"not a component of type {type}", "non-design component in an update bitstream");
        }
    }

    [Theory]
    [MemberData(nameof(Modes))]
    public void A_rotation_that_would_seal_keys_under_a_uek_the_client_imported_is_refused(bool served)
    {
        var hsm = Hsm(served);
        var known = RandomNumberGenerator.GetBytes(32);
        var mine = hsm.CreateKeyset(Keys(("UEK1", known)));
        var victim = hsm.CreateKeyset(Keys());
        // File 1 of a rotation starting with key set 1 is under the current UEK1: here the client's own.
        AssertRefusedAndAudited(() => hsm.SealBitstream(new SealBitstreamRequest
        {
            Header = Header(6), Components = [], Keyset = mine, NewKeyset = victim, Rotation = new KeyRotationStep(1, 2, 1, 0),
        }), $"under UEK1 of keyset {mine.KeysetId}, which the HSM did not generate", "keys under a client-supplied key");

        // The last file is under a new UEK2: a new keyset whose UEK2 the client imported would give away its other keys.
        var minedNew = hsm.CreateKeyset(new CreateKeysetRequest(new Dictionary<string, byte[]> { ["UEK2"] = known }, victim));
        AssertRefusedAndAudited(() => hsm.SealBitstream(new SealBitstreamRequest
        {
            Header = Header(6), Components = [], Keyset = victim, NewKeyset = minedNew, Rotation = new KeyRotationStep(1, 2, 2, 0),
        }), $"under UEK2 of keyset {minedNew.KeysetId}", "keys under a client-supplied key");
    }

    [Fact]
    public void A_rotation_under_a_keyset_file_that_records_no_generated_keys_is_refused()
    {
        // A file of format version 1 wraps every key as a supplied one is wrapped today, and records no generated key.
        var hsm = Hsm(served: false);
        var keyset = hsm.CreateKeyset(new CreateKeysetRequest(KeyNames.Keyset.ToDictionary(key => key, _ => RandomNumberGenerator.GetBytes(32)), null));
        var parts = new Dictionary<string, byte[]>
        {
            ["keyset.json"] = System.Text.Json.JsonSerializer.SerializeToUtf8Bytes(new { masterKeyUuid = keyset.MasterKeyUuid, keysetId = keyset.KeysetId, keys = keyset.WrappedKeys.Keys }),
            ["ticket-key.wrapped"] = keyset.WrappedTicketKey,
        };
        foreach (var (name, wrapped) in keyset.WrappedKeys)
        {
            parts[$"keys/{name}.wrapped"] = wrapped;
        }

        var versionOne = Formats.Containers.ContainerFile.ToBytes(new Formats.Containers.Container(KeysetContainer.Type, 1, "an earlier version", DateTimeOffset.UnixEpoch, parts));
        var legacy = KeysetContainer.Read(new MemoryStream(versionOne), "old.ks").Keyset;
        Assert.Empty(legacy.GeneratedKeys);
        Assert.Equal(KeyNames.Keyset.Order(), hsm.VerifyKeyset(legacy).Keys.Order());
        var request = new SealBitstreamRequest { Header = Header(6), Components = [], Keyset = legacy, NewKeyset = hsm.CreateKeyset(Keys()), Rotation = new KeyRotationStep(1, 2, 1, 0) };
        AssertRefusedAndAudited(() => hsm.SealBitstream(request), "predates the record of generated keys", "keys under a client-supplied key");
    }

    [Theory]
    [InlineData(1, 2, 3, "files 1 to 2, not 3")]
    [InlineData(3, 2, 1, "not over 2 starting with set 3")]
    [InlineData(1, 4, 1, "not over 4 starting with set 1")]
    [InlineData(1, 3, 1, "has 2 user key sets")]
    [InlineData(0, 2, 1, "starting with set 0")]
    public void An_impossible_rotation_step_is_refused(int first, int keySets, int file, string reason)
    {
        var hsm = Hsm(served: false);
        var request = new SealBitstreamRequest
        {
            Header = Header(6), Components = [], Keyset = hsm.CreateKeyset(Keys()), NewKeyset = hsm.CreateKeyset(Keys()), Rotation = new KeyRotationStep(first, keySets, file, 0),
        };
        AssertRefusedAndAudited(() => hsm.SealBitstream(request), reason, "impossible key rotation step");
    }

    [Fact]
    public void A_rotation_file_with_design_data_a_dsn_or_outside_smartfusion_2_is_refused()
    {
        var hsm = Hsm(served: false);
        var request = new SealBitstreamRequest
        {
            Header = Header(6), Components = [], Keyset = hsm.CreateKeyset(Keys()), NewKeyset = hsm.CreateKeyset(Keys()), Rotation = new KeyRotationStep(1, 2, 1, 0),
        };
        AssertRefusedAndAudited(() => hsm.SealBitstream(request with { Components = [new PlainComponent(ComponentType.Fabric, [1])] }), "no design component", "design data or a DSN in a key rotation file");
        AssertRefusedAndAudited(() => hsm.SealBitstream(request with { Header = Header(6, dsn: _dsn) }), "no DSN", "design data or a DSN in a key rotation file");
        AssertRefusedAndAudited(() => hsm.SealBitstream(request with { Header = Header(6, family: 7, idCode: 0x0F8131CF) }), "not MPF300 (PolarFire)", "key rotation outside SmartFusion 2 / IGLOO 2");
        AssertRefusedAndAudited(() => hsm.SealBitstream(request with { NewKeyset = null }), "needs its step", "key rotation without its step");
    }

    [Fact]
    public void An_update_with_rotation_data_or_a_per_device_update_without_a_dsn_is_refused()
    {
        var hsm = Hsm(served: false);
        var keyset = hsm.CreateKeyset(Keys());
        var update = new SealBitstreamRequest { Header = Header(3), Components = [], Keyset = keyset };
        AssertRefusedAndAudited(() => hsm.SealBitstream(update with { NewKeyset = keyset }), "takes no key rotation step", "rotation data in an update bitstream");
        AssertRefusedAndAudited(() => hsm.SealBitstream(update with { PerDevice = true }), "needs the device's DSN", "per-device bitstream without a DSN");
    }

    /// <summary>
    /// The property behind the policy: whatever an enrolled client asks for, nothing it gets back opens under a key it
    /// knows (the published KLKs, the keys it imported, their per-device values) to show a key it did not supply.
    /// </summary>
    [Fact]
    public void No_accepted_request_gives_a_client_a_key_it_did_not_supply()
    {
        var hsm = Hsm(served: false);
        var supplied = KeyNames.Keyset.ToDictionary(key => key, _ => RandomNumberGenerator.GetBytes(32));
        var keysets = new[]
        {
            hsm.CreateKeyset(Keys()),
            hsm.CreateKeyset(new CreateKeysetRequest(supplied, null)),
            hsm.CreateKeyset(Keys(("UEK1", supplied["UEK1"]), ("UEK2_BASE", supplied["UEK2_BASE"]))),
        };
        keysets = [.. keysets, hsm.CreateKeyset(Keys(("UEK2", supplied["UEK2"])) with { Source = keysets[0] })];
        var secrets = keysets.SelectMany(keyset => Plain(keyset).Values).Where(value => !supplied.Values.Any(value.SequenceEqual)).ToList();
        var known = new List<byte[]> { Klk.For(5), Klk.For(7), Klk.For(8) };
        known.AddRange(supplied.Values);
        foreach (var (name, value) in supplied.Where(pair => pair.Key.EndsWith("_BASE", StringComparison.Ordinal)))
        {
            var derived = new byte[32];
            DeviceKeyDerivation.Derive(value, name[..^5], _dsn, derived);
            known.Add(derived);
        }

        var accepted = 0;
        foreach (var request in Requests(keysets))
        {
            BuiltBitstream built;
            try
            {
                built = hsm.SealBitstream(request);
            }
            catch (HsmException)
            {
                continue; // refused: nothing came out
            }

            accepted++;
            foreach (var (_, _, offset, _) in BitstreamFormat.Read(built.Bytes).Components)
            {
                foreach (var key in known)
                {
                    try
                    {
                        var payload = BitstreamFormat.Open(built.Bytes, offset, key);
                        Assert.DoesNotContain(secrets, secret => payload.AsSpan().IndexOf(secret) >= 0);
                    }
                    catch (AuthenticationTagMismatchException)
                    {
                        // Not under this key.
                    }
                }
            }
        }

        Assert.True(accepted > 50, $"only {accepted} requests were accepted: the property was barely exercised");
    }

    // Every kind of request over every pair of keysets: updates of each type, per device or not, and every rotation step.
    private static IEnumerable<SealBitstreamRequest> Requests(WrappedKeyset[] keysets)
    {
        foreach (var keyset in keysets)
        {
            foreach (var type in new byte[] { 3, 4, 5 })
            {
                yield return new SealBitstreamRequest { Header = Header(type, idCode: M2S090), Components = [new PlainComponent(ComponentType.Fabric, new byte[64])], Keyset = keyset };
                yield return new SealBitstreamRequest { Header = Header(type, dsn: _dsn, idCode: M2S090), Components = [new PlainComponent(ComponentType.Fabric, new byte[64])], Keyset = keyset, PerDevice = true };
            }

            foreach (var next in keysets)
            {
                foreach (var sets in new[] { 2, 3 })
                {
                    for (var first = 1; first <= sets; first++)
                    {
                        for (var file = 1; file <= sets; file++)
                        {
                            yield return new SealBitstreamRequest
                            {
                                Header = Header(6, idCode: sets == 3 ? M2S090 : M2S010), Components = [], Keyset = keyset, NewKeyset = next, Rotation = new KeyRotationStep(first, sets, file, 0x1FF),
                            };
                        }
                    }
                }
            }
        }
    }
}
