using Spps.Formats.Design;
using Spps.JobManager.ProgrammingData;

namespace Spps.JobManager.Tests;

public class EffectiveDesignTests
{
    private static readonly byte[] _jdcKey = Enumerable.Repeat((byte)1, 32).ToArray();
    private static readonly byte[] _spmKey = Enumerable.Repeat((byte)2, 32).ToArray();
    private static readonly byte[] _setKey = Enumerable.Repeat((byte)3, 32).ToArray();

    private static DesignData Design() => DesignGenerator.Generate(new DesignRequest
    {
        Device = "M2S010",
        Fabric = new byte[10],
        EnvmClients = [("IMEM", 8, new byte[8]), ("DATA", 4, new byte[4])],
        Policy = new SecurityPolicy { DebugLocked = false },
    }).Design with { Keys = new Dictionary<string, byte[]> { ["UEK1"] = _jdcKey, ["UPK1"] = _jdcKey, ["DPK"] = _jdcKey } };

    private static SecurityOverwrite Spm() =>
        new("M2S010", new SecurityPolicy { DebugLocked = true }, new Dictionary<string, byte[]> { ["UEK1"] = _spmKey, ["UPK1"] = _spmKey });

    private static readonly Dictionary<string, byte[]> _none = [];

    // One row per precedence rule of the command reference (15.4.8.4.2, set_security_overwrite).
    [Theory]
    [InlineData("non-HSM, no overwrite, no set_key: keys from the JDC", false, false, false, "UEK1", KeyOrigin.Design, 1)]
    [InlineData("non-HSM, overwrite, no set_key: keys from the SPM", false, true, false, "UEK1", KeyOrigin.SecurityOverwrite, 2)]
    [InlineData("non-HSM, overwrite and set_key: the key set wins", false, true, true, "UEK1", KeyOrigin.SetKey, 3)]
    [InlineData("non-HSM, set_key without overwrite: the key set wins", false, false, true, "UEK1", KeyOrigin.SetKey, 3)]
    [InlineData("non-HSM, overwrite and set_key: keys not set come from the SPM", false, true, true, "UPK1", KeyOrigin.SecurityOverwrite, 2)]
    [InlineData("non-HSM, overwrite lacking a key: the JDC's value remains", false, true, false, "DPK", KeyOrigin.Design, 1)]
    [InlineData("HSM, no overwrite: keys from the keyset", true, false, false, "UEK1", KeyOrigin.Keyset, 0)]
    [InlineData("HSM, overwrite: keys still from the keyset", true, true, false, "UEK1", KeyOrigin.Keyset, 0)]
    public void Keys_follow_the_precedence_of_the_command_reference(string rule, bool hsm, bool overwrite, bool setKey, string key, KeyOrigin origin, int value)
    {
        var effective = EffectiveDesign.Compute(Design(), hsm, overwrite ? Spm() : null,
            setKey ? new Dictionary<string, byte[]> { ["UEK1"] = _setKey } : _none, _none, _none);
        var found = effective.Keys.Single(k => k.Name == key);
        Assert.True(found.Origin == origin, rule);
        Assert.Equal(value == 0 ? null : Enumerable.Repeat((byte)value, 32).ToArray(), found.Value);
    }

    [Theory]
    [InlineData(false, false, false)]
    [InlineData(false, true, true)]
    [InlineData(true, false, false)]
    [InlineData(true, true, true)]
    public void The_policy_always_comes_from_the_overwrite_when_one_is_set(bool hsm, bool overwrite, bool debugLocked)
    {
        var effective = EffectiveDesign.Compute(Design(), hsm, overwrite ? Spm() : null, _none, _none, _none);
        Assert.Equal(debugLocked, effective.Policy.DebugLocked);
        Assert.Equal(overwrite, effective.PolicyFromOverwrite);
    }

    [Fact]
    public void An_update_replaces_its_client_s_content_and_the_others_keep_the_jdc_s()
    {
        var effective = EffectiveDesign.Compute(Design(), false, null, _none,
            new Dictionary<string, byte[]> { ["IMEM"] = [9, 9, 9, 9, 9, 9, 9, 9] }, _none);
        Assert.Equal((ContentOrigin.Update, (byte)9), (effective.EnvmClients[0].Origin, effective.EnvmClients[0].Client.Content[0]));
        Assert.Equal((ContentOrigin.Design, (byte)0), (effective.EnvmClients[1].Origin, effective.EnvmClients[1].Client.Content[0]));
    }

    [Fact]
    public void Uek3_is_never_part_of_a_die_without_it()
    {
        var effective = EffectiveDesign.Compute(Design(), true, null, _none, _none, _none);
        Assert.DoesNotContain(effective.Keys, key => key.Name == "UEK3");
    }
}
