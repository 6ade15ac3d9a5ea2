using System.Buffers.Binary;
using System.Security.Cryptography;
using Spps.Hsm.Crypto;

namespace Spps.Hsm.Tests;

public class DeviceKeyDerivationTests
{
    /// <summary>SP 800-108 counter mode written out plainly: K(i) = HMAC(KI, [i]32 ‖ fixed input), concatenated.</summary>
    private static byte[] ReferenceCounterKdf(byte[] key, byte[] fixedInput, int bytes)
    {
        var output = new List<byte>();
        for (uint i = 1; output.Count < bytes; i++)
        {
            var block = new byte[4 + fixedInput.Length];
            BinaryPrimitives.WriteUInt32BigEndian(block, i);
            fixedInput.CopyTo(block, 4);
            output.AddRange(HMACSHA256.HashData(key, block));
        }

        return [.. output.Take(bytes)];
    }

    [Fact]
    public void The_reference_loop_reproduces_the_nist_cavp_vector()
    {
        // NIST CAVP KBKDF, counter mode, PRF HMAC-SHA256, counter before the fixed input, r = 32 bits, L = 128 bits.
        var ki = Convert.FromHexString("dd1d91b7d90b2bd3138533ce92b272fbf8a369316aefe242e659cc0ae238afe0");
        var fixedInput = Convert.FromHexString("01322b96b30acd197979444e468e1c5c6859bf1b1cf951b7e725303e237e46b864a145fab25e517b08f8683d0315bb2911d80a0e8aba17f3b413faac");
        Assert.Equal("10621342bfb0fd40046c0e29f2cfdbf0", Convert.ToHexStringLower(ReferenceCounterKdf(ki, fixedInput, 16)));
    }

    [Fact]
    public void Device_keys_are_the_sp800_108_counter_kdf_of_label_and_context()
    {
        var baseKey = RandomNumberGenerator.GetBytes(32);
        var dsn = Convert.FromHexString("0123456789ABCDEF0011223344556677");
        var derived = new byte[32];
        DeviceKeyDerivation.Derive(baseKey, "UEK1", dsn, derived);

        byte[] fixedInput = [.. "SPPS per-device key"u8, 0, .. "UEK1"u8, 0, .. dsn, 0, 0, 1, 0];
        Assert.Equal(ReferenceCounterKdf(baseKey, fixedInput, 32), derived);
    }

    [Fact]
    public void Every_input_changes_the_key_and_the_same_inputs_give_the_same_key()
    {
        var random = new Random(11);
        var keys = new HashSet<string>();
        for (var i = 0; i < 200; i++)
        {
            var baseKey = new byte[32];
            var dsn = new byte[16];
            random.NextBytes(baseKey);
            random.NextBytes(dsn);
            foreach (var type in new[] { "UEK1", "UPK1", "DPK" })
            {
                var first = new byte[32];
                var again = new byte[32];
                DeviceKeyDerivation.Derive(baseKey, type, dsn, first);
                DeviceKeyDerivation.Derive(baseKey, type, dsn, again);
                Assert.Equal(first, again);
                Assert.True(keys.Add(Convert.ToHexString(first)), "two different inputs gave the same key");
            }
        }
    }

    [Fact]
    public void A_dsn_must_have_16_bytes() =>
        Assert.Throws<ArgumentException>(() => DeviceKeyDerivation.Derive(new byte[32], "UEK1", new byte[15], new byte[32]));
}
