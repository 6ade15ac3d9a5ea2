using System.Security.Cryptography;
using Spps.Devices;
using Spps.Formats.Bitstreams;

namespace Spps.Formats.Tests;

/// <summary>The payload layouts a builder writes and a device reads, encoded and decoded by the same code.</summary>
public class BitstreamPayloadTests
{
    [Fact]
    public void Every_defined_set_of_policy_flags_reads_back_as_the_same_policy()
    {
        for (var flags = 0; flags <= SecurityComponent.DefinedPolicyFlags; flags++)
        {
            Assert.Equal((ushort)flags, SecurityComponent.Flags(SecurityComponent.PolicyOf((ushort)flags)));
        }
    }

    [Fact]
    public void A_security_component_reads_back_as_its_policy_and_named_keys()
    {
        var upk1 = RandomNumberGenerator.GetBytes(32);
        var uek3 = RandomNumberGenerator.GetBytes(32);
        var payload = SecurityComponent.WithKeys(SecurityComponent.Policy(0x0105), [(SecurityComponent.KeyId("UPK1"), upk1), (SecurityComponent.KeyId("UEK3"), uek3)]);
        var read = SecurityComponent.Decode(payload);
        Assert.Equal(SecurityComponent.PolicyOf(0x0105), read.Policy);
        Assert.True(read.Policy is { Uek1Enabled: true, Uek3Enabled: true, BackLevelProtection: true, Uek2Enabled: false });
        Assert.Equal(["UPK1", "UEK3"], read.Keys.Select(key => key.Key));
        Assert.Equal(upk1, read.Keys[0].Value);
        Assert.Equal(uek3, read.Keys[1].Value);
    }

    [Theory]
    [InlineData("", "has 0 bytes")]
    [InlineData("0100 01 00", "has 4 bytes")]                 // one record counted, none there
    [InlineData("0004 00 00", "these are 0400 and 0")]        // an undefined flag
    [InlineData("0100 00 07", "these are 0001 and 7")]        // the reserved byte set
    public void A_payload_that_is_not_a_security_component_is_refused(string hex, string reason)
    {
        var error = Assert.Throws<FormatException>(() => SecurityComponent.Decode(Convert.FromHexString(hex.Replace(" ", "", StringComparison.Ordinal))));
        Assert.Contains(reason, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_key_record_with_an_unknown_id_is_refused()
    {
        var payload = SecurityComponent.WithKeys(SecurityComponent.Policy(1), [(9, new byte[32])]);
        Assert.Contains("names key id 9", Assert.Throws<FormatException>(() => SecurityComponent.Decode(payload)).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_memory_client_component_reads_back_as_written()
    {
        var client = new MemoryClientPayload(0x6000_0000, 2, "CAL", RandomNumberGenerator.GetBytes(1000));
        var read = MemoryClientComponent.Decode(MemoryClientComponent.Encode(client));
        Assert.Equal((client.Location, client.Kind, client.Name), (read.Location, read.Kind, read.Name));
        Assert.Equal(client.Content, read.Content);
    }

    [Fact]
    public void A_memory_client_name_is_kept_to_thirty_characters_and_a_short_payload_is_refused()
    {
        var name = new string('N', 40);
        Assert.Equal(name[..30], MemoryClientComponent.Decode(MemoryClientComponent.Encode(new MemoryClientPayload(0, 0, name, []))).Name);
        Assert.Contains("has a 35-byte header", Assert.Throws<FormatException>(() => MemoryClientComponent.Decode(new byte[34])).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Each_family_has_its_data_file_code_and_design_components()
    {
        Assert.Equal([(byte)5, 5, 7, 8], new[] { DeviceFamily.SmartFusion2, DeviceFamily.Igloo2, DeviceFamily.PolarFire, DeviceFamily.PolarFireSoc }.Select(family => family.DataFileCode()));
        Assert.DoesNotContain(ComponentType.EndOfBitstream, ComponentType.DesignTypes(DeviceFamily.SmartFusion2));
        Assert.Contains(ComponentType.G5Envm, ComponentType.DesignTypes(DeviceFamily.PolarFireSoc));
        Assert.DoesNotContain(ComponentType.G5Envm, ComponentType.DesignTypes(DeviceFamily.PolarFire));
    }
}
