namespace Spps.Devices.Tests;

/// <summary>The value types every program shares: DSNs, bitstream types, key names.</summary>
public class DomainValueTests
{
    [Theory]
    [InlineData("00112233445566778899aabbccddeeff", "00112233445566778899AABBCCDDEEFF")]
    [InlineData("FFEEDDCCBBAA99887766554433221100", "FFEEDDCCBBAA99887766554433221100")]
    public void A_dsn_is_32_hexadecimal_digits_of_either_case(string text, string canonical)
    {
        var dsn = Dsn.Parse(text, "dsn");
        Assert.Equal(canonical, dsn.ToString());
        Assert.Equal(16, dsn.ToArray().Length);
        Assert.Equal(dsn, Dsn.FromBytes(dsn.ToArray()));
    }

    [Theory]
    [InlineData("0011223344556677889900AABBCCDDEE0")]
    [InlineData("0011223344556677889900AABBCCDDE")]
    [InlineData("0011223344556677889900AABBCCDDEG")]
    [InlineData("")]
    public void Anything_else_is_refused_naming_the_value_and_the_option(string text)
    {
        var error = Assert.Throws<DomainException>(() => Dsn.Parse(text, "dsn"));
        Assert.Equal($"dsn: Invalid argument value: '{text}' (expecting a device serial number of 32 hexadecimal digits).", error.Message);
        Assert.Equal(["SPPS", "BADVALUE", "-dsn", text], error.ErrorCode);
        Assert.Null(Dsn.TryParse(text));
    }

    [Fact]
    public void Bitstream_types_have_the_command_reference_s_names_and_their_header_codes()
    {
        Assert.Equal(["TRUSTED_FACILITY", "MASTER", "UEK1", "UEK2", "UEK3", "KEY_ROTATION", "DEBUG"], BitstreamTypes.Names);
        foreach (var name in BitstreamTypes.Names)
        {
            var type = BitstreamTypes.FromName(name)!.Value;
            Assert.Equal(name, type.Name());
            Assert.Equal(type, BitstreamTypes.FromCode((byte)type));
        }

        Assert.Null(BitstreamTypes.FromName("master"));
        Assert.Null(BitstreamTypes.FromCode(0));
        Assert.Equal([BitstreamType.Uek1, BitstreamType.Uek2, BitstreamType.Uek3], Enum.GetValues<BitstreamType>().Where(type => type.IsUpdate()));
    }

    [Fact]
    public void A_keyset_holds_kip_the_user_keys_and_a_base_key_per_user_key()
    {
        Assert.Equal(["UPK1", "UEK1", "UPK2", "UEK2", "DPK", "UEK3"], KeyNames.User);
        Assert.Equal(13, KeyNames.Keyset.Count);
        Assert.Equal("UEK2_BASE", KeyNames.BaseOf("UEK2"));
        Assert.All(KeyNames.User, key => Assert.Contains(KeyNames.BaseOf(key), KeyNames.Base));
    }
}
