using System.Collections;
using System.Security.Cryptography;
using Spps.Formats.Bitstreams;
using Spps.Formats.Keysets;
using Spps.Hsm.Client;
using Spps.Hsm.Protocol;
using Spps.Hsm.Roles;
using Spps.Hsm.Server;

namespace Spps.Hsm.Tests;

/// <summary>
/// An adversarial review of the sealing operation: what an enrolled client of the served module and a caller of the
/// embedded module's public API (<see cref="HsmModule"/>, <see cref="IUserHsm"/>) can make the HSM seal, and whether
/// what it seals is right for the devices (docs/security.md, "the sealing policy"; the command reference on UEK3,
/// key rotation and permanent settings).
/// </summary>
public sealed class SealingAttackTests : ServedModuleTest
{
    private const uint M2S010 = 0x0F8031CF;   // SmartFusion 2, no UEK3
    private const uint M2S090 = 0x0F8071CF;   // SmartFusion 2, UEK3
    private const uint MPF300 = 0x0F8131CF;   // PolarFire, no UEK3, no eNVM

    private static BitstreamHeader Header(byte typeCode, uint idCode = M2S090, byte family = 5) => new()
    {
        FamilyCode = family, TypeCode = typeCode, IdCode = idCode, Checksum = 7, DesignName = "top", DesignVersion = 3, BackLevel = 1,
    };

    private static CreateKeysetRequest NoImports() => new(new Dictionary<string, byte[]>(), null);

    /// <summary>
    /// Attack (embedded API): the sealer reads <see cref="SealBitstreamRequest.Components"/>, an interface the caller
    /// implements, once to check that an update carries design components only and again to seal it. A list that
    /// shows a fabric component to the check and a security component to the sealing gets the caller's own key
    /// records sealed under the keyset's generated UEK1: an update bitstream that reprograms the devices' user keys
    /// to values the caller chose (on PolarFire too, where the HSM refuses key rotation), which the policy forbids.
    /// </summary>
    [Fact]
    public void A_component_list_that_changes_between_the_check_and_the_sealing_cannot_smuggle_in_key_records()
    {
        var hsm = Module.UserRole("embedded caller");
        var keyset = hsm.CreateKeyset(NoImports());
        var chosenUek1 = RandomNumberGenerator.GetBytes(32);
        var keys = SecurityComponent.WithKeys(SecurityComponent.Policy(0x0001), [(SecurityComponent.KeyId("UEK1"), chosenUek1)]);
        var components = new ShiftingList(new PlainComponent(ComponentType.Fabric, new byte[64]), new PlainComponent(ComponentType.Keys, keys), honestReads: 2);

        BuiltBitstream built;
        try
        {
            built = hsm.SealBitstream(new SealBitstreamRequest { Header = Header(typeCode: 3, MPF300, family: 7), Components = components, Keyset = keyset });
        }
        catch (HsmException)
        {
            return; // refused: nothing came out
        }

        var sealedTypes = BitstreamFormat.Read(built.Bytes).Components.Select(component => component.Type).ToList();
        Assert.True(sealedTypes.All(type => type == ComponentType.Fabric),
            $"The HSM sealed components of types {string.Join(", ", sealedTypes)} in a UEK1 update under the keyset's generated UEK1, after checking a fabric component.");
    }

    /// <summary>
    /// Attack (embedded API): the nonce is the HMAC of the payload, computed in one pass, and the payload is encrypted
    /// in a second pass over the caller's array. A caller that changes its payload between the passes gets two
    /// different plaintexts encrypted under the same key and nonce — AES-GCM nonce reuse under a generated UEK, which
    /// gives away the GHASH key (forgeries under that UEK) and the XOR of the plaintexts. The "deterministic nonce, so
    /// no reuse" argument holds only when the plaintext cannot change under the HSM's feet.
    /// </summary>
    [Fact]
    public void A_payload_changed_while_it_is_sealed_never_gives_one_nonce_to_two_plaintexts()
    {
        var hsm = Module.UserRole("embedded caller");
        var keyset = hsm.CreateKeyset(NoImports());
        var payload = new byte[256 * 1024];
        var request = new SealBitstreamRequest { Header = Header(typeCode: 3), Components = [new PlainComponent(ComponentType.Fabric, payload)], Keyset = keyset };
        var honest = new Dictionary<string, byte[]>(); // nonce (hex) → the only ciphertext with that nonce
        foreach (var first in new byte[] { 0, 1 })
        {
            payload[0] = first;
            var (nonce, ciphertext) = Fabric(hsm.SealBitstream(request));
            honest[nonce] = ciphertext;
        }

        using var flipper = new ByteFlipper(payload, 0);
        var deadline = DateTime.UtcNow.AddSeconds(20);
        for (var attempt = 0; attempt < 2000 && DateTime.UtcNow < deadline; attempt++)
        {
            var (nonce, ciphertext) = Fabric(hsm.SealBitstream(request));
            Assert.True(honest[nonce].AsSpan().SequenceEqual(ciphertext),
                $"Attempt {attempt}: the HSM encrypted a second plaintext under nonce {nonce}, which it had already used (same key, same associated data) for another one.");
        }
    }

    /// <summary>
    /// Attack (served): an enrolled client sends an update with 65,535 design components (1.6 MB of JSON). The header
    /// counts components in 16 bits and the sealer casts without a check, so the HSM returns a bitstream whose header
    /// says it has no component at all: malformed, yet signed off by the HSM. (The same lack of a bound lets one
    /// 64 MiB request of empty components make the server build a ~180 MB bitstream, ~2.8 million AES-GCM and HMAC
    /// objects, and a ~240 MB reply.)
    /// </summary>
    [Fact]
    public void An_update_with_more_components_than_the_header_counts_is_refused_not_sealed_malformed()
    {
        using var hsm = new RemoteUserHsm(Server.Address, Credential);
        var keyset = hsm.CreateKeyset(NoImports());
        var components = Enumerable.Range(0, ushort.MaxValue).Select(_ => new PlainComponent(ComponentType.Fabric, [])).ToList();
        BuiltBitstream built;
        try
        {
            built = hsm.SealBitstream(new SealBitstreamRequest { Header = Header(typeCode: 3), Components = components, Keyset = keyset });
        }
        catch (HsmException error) when (error.Code is "POLICY" or "BADREQUEST")
        {
            return;
        }

        var error2 = Record.Exception(() => BitstreamFormat.Read(built.Bytes));
        Assert.True(error2 is null, "The HSM sealed a bitstream that does not read back: " + error2?.Message);
    }

    /// <summary>
    /// Domain: UEK3 exists only on M2S060/M2GL060, M2S090/M2GL090 and M2S150/M2GL150 (command reference: create_keyset,
    /// init_bitstream, set_new_keys_for_rotation). The HSM seals a UEK3 update for any header — a small SmartFusion 2
    /// die, a PolarFire — though the header's IDCODE and family tell it the die.
    /// </summary>
    [Theory]
    [InlineData(M2S010, 5)]
    [InlineData(MPF300, 7)]
    public void A_uek3_update_for_a_die_without_uek3_is_refused(uint idCode, byte family)
    {
        var hsm = Module.UserRole("client");
        var request = new SealBitstreamRequest { Header = Header(typeCode: 5, idCode, family), Components = [new PlainComponent(ComponentType.Fabric, [1])], Keyset = hsm.CreateKeyset(NoImports()) };
        Assert.Equal("POLICY", Assert.Throws<HsmException>(() => hsm.SealBitstream(request)).Code);
    }

    /// <summary>
    /// Domain: a key rotation over three key sets, or starting with UEK3 (-first_keymode UEK3), programs and uses UEK3;
    /// the HSM seals it for a die that has no UEK3.
    /// </summary>
    [Theory]
    [InlineData(1, 3, 2)] // file 2 of a rotation of three key sets programs UEK3
    [InlineData(3, 3, 1)] // a rotation starting with UEK3 is encrypted under it
    public void A_key_rotation_using_uek3_on_a_die_without_uek3_is_refused(int first, int keySets, int file)
    {
        var hsm = Module.UserRole("client");
        var request = new SealBitstreamRequest
        {
            Header = Header(typeCode: 6, M2S010), Components = [], Keyset = hsm.CreateKeyset(NoImports()), NewKeyset = hsm.CreateKeyset(NoImports()),
            Rotation = new KeyRotationStep(first, keySets, file, 0x0003),
        };
        Assert.Equal("POLICY", Assert.Throws<HsmException>(() => hsm.SealBitstream(request)).Code);
    }

    /// <summary>
    /// Domain: key rotation "is impossible when a permanent security setting is selected" (the Job Manager refuses it,
    /// as the command reference says), yet the HSM copies whatever 16 policy bits the client sends into the security
    /// component it makes: bit 9 (permanent) makes the device's settings permanent — no later rotation, ever — and
    /// bits 10–15 mean nothing the format defines. The HSM makes this component itself; it must check what goes in.
    /// </summary>
    [Theory]
    [InlineData(0x0203)] // UEK1, UEK2, permanent
    [InlineData(0x8003)] // UEK1, UEK2 and an undefined bit
    public void A_key_rotation_file_with_permanent_or_undefined_policy_flags_is_refused(int flags)
    {
        var hsm = Module.UserRole("client");
        var request = new SealBitstreamRequest
        {
            Header = Header(typeCode: 6), Components = [], Keyset = hsm.CreateKeyset(NoImports()), NewKeyset = hsm.CreateKeyset(NoImports()),
            Rotation = new KeyRotationStep(1, 2, 1, (ushort)flags),
        };
        Assert.Equal("POLICY", Assert.Throws<HsmException>(() => hsm.SealBitstream(request)).Code);
    }

    /// <summary>
    /// Domain: the policy names "memory clients (3, 6), end of bitstream (127)" without the family: type 6 is the eNVM
    /// of PolarFire SoC only, 127 ends G5 bitstreams only, and a plain PolarFire has no eNVM. The HSM seals them into
    /// any family's update.
    /// </summary>
    [Theory]
    [InlineData(M2S090, 5, ComponentType.EndOfBitstream)]
    [InlineData(M2S090, 5, ComponentType.G5Envm)]
    [InlineData(MPF300, 7, ComponentType.G5Envm)]
    public void An_update_carrying_a_component_its_family_does_not_have_is_refused(uint idCode, byte family, byte type)
    {
        var hsm = Module.UserRole("client");
        var request = new SealBitstreamRequest { Header = Header(typeCode: 3, idCode, family), Components = [new PlainComponent(type, [1])], Keyset = hsm.CreateKeyset(NoImports()) };
        Assert.Equal("POLICY", Assert.Throws<HsmException>(() => hsm.SealBitstream(request)).Code);
    }

    /// <summary>
    /// Domain: the header is the HSM's only description of the device, and the bitstream type is the only part of it
    /// the HSM reads. A family code no device has, or an IDCODE of another family than the header's family code (a
    /// PolarFire die in a SmartFusion 2 bitstream), or an IDCODE of no known die, is sealed all the same — so are the
    /// checks above, which need the die, left to the client.
    /// </summary>
    [Theory]
    [InlineData(M2S090, 9)]         // no family 9
    [InlineData(MPF300, 5)]         // a PolarFire IDCODE in a SmartFusion 2 / IGLOO 2 header
    [InlineData(0x0F8FF1CF, 5)]     // no such die
    public void An_update_whose_header_names_no_known_die_is_refused(uint idCode, byte family)
    {
        var hsm = Module.UserRole("client");
        var request = new SealBitstreamRequest { Header = Header(typeCode: 3, idCode, family), Components = [new PlainComponent(ComponentType.Fabric, [1])], Keyset = hsm.CreateKeyset(NoImports()) };
        Assert.Equal("POLICY", Assert.Throws<HsmException>(() => hsm.SealBitstream(request)).Code);
    }

    /// <summary>
    /// Refused (coverage): a source and its copy share one ticket key (the command reference wants it so); wrapped
    /// values swapped between them, between slots, or a ticket key and id taken from the other file, and a version 2
    /// file rewritten as version 1 to drop its record of generated keys, never open.
    /// </summary>
    [Fact]
    public void Wrapped_values_swapped_between_a_keyset_and_its_copy_or_between_slots_never_open()
    {
        var hsm = Module.UserRole("client");
        var source = hsm.CreateKeyset(NoImports());
        var copy = hsm.CreateKeyset(new CreateKeysetRequest(new Dictionary<string, byte[]> { ["UEK2"] = RandomNumberGenerator.GetBytes(32) }, source));
        Assert.Equal(Plain(source)["UEK1"], Plain(copy)["UEK1"]);

        WrappedKeyset With(WrappedKeyset keyset, string slot, byte[] value) =>
            keyset with { WrappedKeys = new Dictionary<string, byte[]>(keyset.WrappedKeys) { [slot] = value } };
        var forgeries = new (string What, WrappedKeyset Keyset)[]
        {
            ("the source's UEK2 (generated) in the copy's UEK2 slot (supplied)", With(copy, "UEK2", source.WrappedKeys["UEK2"])),
            ("the source's UEK2 in the copy, claimed generated", With(copy with { GeneratedKeys = [.. copy.GeneratedKeys, "UEK2"] }, "UEK2", source.WrappedKeys["UEK2"])),
            ("the copy's UEK2 (supplied) in the source's UEK2 slot", With(source, "UEK2", copy.WrappedKeys["UEK2"])),
            ("UEK1 and UEK2 swapped", With(With(source, "UEK1", source.WrappedKeys["UEK2"]), "UEK2", source.WrappedKeys["UEK1"])),
            ("the copy's keys under the source's id and ticket key", copy with { KeysetId = source.KeysetId, WrappedTicketKey = source.WrappedTicketKey }),
            ("the copy's ticket key under the source's id", source with { WrappedTicketKey = copy.WrappedTicketKey }),
            ("the id in upper case", source with { KeysetId = source.KeysetId.ToUpperInvariant() }),
            ("no record of generated keys (a version 2 file rewritten as version 1)", source with { GeneratedKeys = [] }),
        };
        foreach (var (what, forged) in forgeries)
        {
            var error = Assert.Throws<HsmException>(() => hsm.VerifyKeyset(forged));
            Assert.True(error.Code is "CORRUPT_KEYSET" or "FOREIGN_KEYSET" or "BADREQUEST", $"{what}: {error.Code}");
        }
    }

    /// <summary>
    /// Refused (coverage): a key rotation whose new keyset's UEK2 the client imported, attempted at every step of
    /// every sequence with that keyset as the current one, the new one, or both: no file sealed under a key the client
    /// knows ever comes out, and no file at all is sealed under it.
    /// </summary>
    [Fact]
    public void No_rotation_step_seals_anything_under_a_uek_the_client_imported_in_either_keyset()
    {
        var hsm = Module.UserRole("client");
        var known = RandomNumberGenerator.GetBytes(32);
        var generated = hsm.CreateKeyset(NoImports());
        var mine = hsm.CreateKeyset(new CreateKeysetRequest(new Dictionary<string, byte[]> { ["UEK2"] = known }, generated));
        foreach (var (current, next) in new[] { (generated, mine), (mine, generated), (mine, mine) })
        {
            for (var first = 1; first <= 3; first++)
            {
                for (var file = 1; file <= 3; file++)
                {
                    var request = new SealBitstreamRequest
                    {
                        Header = Header(typeCode: 6), Components = [], Keyset = current, NewKeyset = next, Rotation = new KeyRotationStep(first, 3, file, 0x0007),
                    };
                    try
                    {
                        var built = hsm.SealBitstream(request);
                        var component = BitstreamFormat.Read(built.Bytes).Components.Single();
                        Assert.Throws<AuthenticationTagMismatchException>(() => BitstreamFormat.Open(built.Bytes, component.Offset, known));
                    }
                    catch (HsmException error)
                    {
                        Assert.Equal("POLICY", error.Code);
                    }
                }
            }
        }
    }

    /// <summary>The nonce and the ciphertext of a bitstream's one component.</summary>
    internal static (string Nonce, byte[] Ciphertext) Fabric(BuiltBitstream built)
    {
        var component = BitstreamFormat.Read(built.Bytes).Components.Single();
        var bytes = built.Bytes.AsSpan(component.Offset, component.Length);
        return (Convert.ToHexString(bytes[..12]), bytes[BitstreamFormat.PreambleBytes..].ToArray());
    }

    /// <summary>A list whose first <c>honestReads</c> enumerations show one component and every later one another.</summary>
    private sealed class ShiftingList(PlainComponent shown, PlainComponent sealedInstead, int honestReads) : IReadOnlyList<PlainComponent>
    {
        private int _reads;

        public int Count => 1;

        public PlainComponent this[int index] => index == 0 ? Current() : throw new ArgumentOutOfRangeException(nameof(index));

        public IEnumerator<PlainComponent> GetEnumerator()
        {
            yield return Current();
        }

        IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

        private PlainComponent Current() => _reads++ < honestReads ? shown : sealedInstead;
    }
}
