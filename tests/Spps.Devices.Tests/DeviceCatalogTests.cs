namespace Spps.Devices.Tests;

public class DeviceCatalogTests
{
    [Theory]
    [InlineData("M2S010", "M2S010", DeviceFamily.SmartFusion2)]
    [InlineData("m2gl090ts", "M2GL090", DeviceFamily.Igloo2)]
    [InlineData("MPF300T_ES", "MPF300", DeviceFamily.PolarFire)]
    [InlineData("MPF300XT", "MPF300", DeviceFamily.PolarFire)]
    [InlineData("mpfs250ts_es", "MPFS250", DeviceFamily.PolarFireSoc)]
    [InlineData("MPF100", "MPF100", DeviceFamily.PolarFire)]
    public void Finds_devices_and_dies_in_any_case(string name, string die, DeviceFamily family)
    {
        var variant = DeviceCatalog.Find(name);
        Assert.Equal(die, variant.Die.Name);
        Assert.Equal(family, variant.Die.Family);
    }

    [Fact]
    public void Covers_every_die_of_the_four_families()
    {
        Assert.Equal(
        [
            "M2S005", "M2S010", "M2S025", "M2S050", "M2S060", "M2S090", "M2S150",
            "M2GL005", "M2GL010", "M2GL025", "M2GL050", "M2GL060", "M2GL090", "M2GL150",
            "MPF050", "MPF100", "MPF200", "MPF300", "MPF500",
            "MPFS025", "MPFS095", "MPFS160", "MPFS250", "MPFS460",
        ], DeviceCatalog.Dies.Select(die => die.Name));
    }

    [Fact]
    public void An_unknown_name_is_refused_with_the_closest_valid_names()
    {
        var error = Assert.Throws<UnknownDeviceException>(() => DeviceCatalog.Find("M2S011"));
        Assert.Equal("Unknown device 'M2S011'. The closest valid names are M2S010, M2S010S, M2S010T.", error.Message);
        Assert.Empty(Assert.Throws<UnknownDeviceException>(() => DeviceCatalog.Find("XC7A35T")).Suggestions);
    }

    [Theory]
    [InlineData("M2S005", 0x0F8051CFu)]
    [InlineData("M2S010", 0x0F8031CFu)]
    [InlineData("M2S025", 0x0F8041CFu)]
    [InlineData("M2GL025", 0x0F8041CFu)]
    [InlineData("M2S050", 0x0F8021CFu)]
    [InlineData("M2S060", 0x0F8081CFu)]
    [InlineData("M2S090", 0x0F8071CFu)]
    [InlineData("M2S150", 0x0F8061CFu)]
    [InlineData("MPF300", 0x0F8131CFu)]
    [InlineData("MPFS095", 0x0F8181CFu)]
    public void Public_idcodes_are_the_documented_ones(string die, uint idCode) =>
        Assert.Equal(idCode, DeviceCatalog.Find(die).Die.IdCode);

    [Fact]
    public void Idcodes_follow_the_family_patterns_ignore_the_revision_and_only_twins_share_one()
    {
        foreach (var die in DeviceCatalog.Dies)
        {
            Assert.Equal(0x1CFu, die.IdCode & 0xFFF);
            Assert.Equal(die.Family.IsG4() ? 0x0F8001CFu : 0x0F8101CFu, die.IdCode & 0x0FFF0FFF);
            Assert.Equal(die.Family.IsG4() ? 2 : 1, DeviceCatalog.ByIdCode(die.IdCode).Count);
            Assert.Equal(8, die.IrLength);
        }

        Assert.Equal("MPF300", DeviceCatalog.ByIdCode(0x5F8131CF).Single().Name);
        Assert.Equal(["M2S050", "M2GL050"], DeviceCatalog.ByIdCode(0x1F8021CF).Select(d => d.Name));
    }

    [Theory]
    [InlineData("M2S060", true)]
    [InlineData("M2GL090", true)]
    [InlineData("M2S150", true)]
    [InlineData("M2S050", false)]
    [InlineData("M2GL010", false)]
    [InlineData("MPF300", false)]
    [InlineData("MPFS250", false)]
    public void Uek3_exists_only_on_the_large_g4_dies(string die, bool uek3) => Assert.Equal(uek3, DeviceCatalog.Find(die).Die.HasUek3);

    [Theory]
    [InlineData("M2S010", "DFK", "DFK")]
    [InlineData("M2GL050", "DFK", "DFK")]
    [InlineData("M2S090", "KFP KFPE KUP KUPE", null)]
    [InlineData("MPF100", "KFP KFPE KUP KUPE", null)]
    [InlineData("MPFS025", "KFP KFPE KUP KUPE", null)]
    public void Auth_key_modes_and_their_default_follow_the_command_reference(string die, string modes, string? defaultMode)
    {
        var found = DeviceCatalog.Find(die).Die;
        Assert.Equal(modes, string.Join(' ', found.AuthKeyModes));
        Assert.Equal(defaultMode, found.DefaultAuthKeyMode);
    }

    [Fact]
    public void Memories_follow_the_families()
    {
        Assert.All(DeviceCatalog.Dies, die =>
        {
            Assert.Equal(die.Family != DeviceFamily.PolarFire, die.HasEnvm);
            Assert.Equal(!die.Family.IsG4(), die.HasSnvm);
            Assert.Equal(die.Family.IsG4(), die.Family.SupportsKeyRotation());
            Assert.Equal(die.Family.IsG4(), die.Family.SupportsSpiDirectory());
            Assert.True(die.FabricBytes > 100_000);
            Assert.Contains("FabricBytes", die.OurValues);
        });
    }

    [Theory]
    [InlineData("M2S010TS", true, false)]
    [InlineData("M2S010T", false, false)]
    [InlineData("MPF300T_ES", false, true)]
    [InlineData("MPF300TS_ES", true, true)]
    public void Variants_know_security_and_engineering_sample_parts(string name, bool security, bool sample)
    {
        var variant = DeviceCatalog.Find(name);
        Assert.Equal((security, sample), (variant.IsDataSecurity, variant.IsEngineeringSample));
    }
}
