using System.Security.Cryptography;
using Spps.Formats.Bitstreams;
using Spps.Formats.Keysets;
using Spps.Hsm.Crypto;
using Spps.Hsm.Protocol;

namespace Spps.Hsm.Roles;

/// <summary>
/// The U-HSM's bitstream operation: opens the request's keysets under the master key, resolves the keys the
/// components name (token keys, or per-device keys derived from base keys and the header's DSN), appends the keys a
/// security component programs, and encrypts every component. All plaintext keys, and the payloads holding them,
/// are zeroed before returning.
/// </summary>
internal static class BitstreamSealer
{
    public static BuiltBitstream Seal(SealBitstreamRequest request, byte[] master, string masterUuid)
    {
        var opened = new Dictionary<string, Dictionary<string, byte[]>>(StringComparer.Ordinal);
        var secrets = new List<byte[]> { master };
        try
        {
            Check(request);
            foreach (var (name, keyset) in request.Keysets)
            {
                var plain = new Dictionary<string, byte[]>(StringComparer.Ordinal);
                opened[name] = plain;
                CryptographicOperations.ZeroMemory(UserHsmRole.OpenSource(keyset, master, masterUuid, plain));
                secrets.AddRange(plain.Values);
            }

            byte[] Resolve(KeyReference reference)
            {
                var keys = opened[reference.Keyset];
                var name = reference.PerDevice ? reference.Key + "_BASE" : reference.Key;
                if (!keys.TryGetValue(name, out var value))
                {
                    throw new HsmException("BADREQUEST", $"The keyset {request.Keysets[reference.Keyset].KeysetId} has no {name}.");
                }

                if (!reference.PerDevice)
                {
                    return value;
                }

                var derived = new byte[DeviceKeyDerivation.KeyBytes];
                secrets.Add(derived);
                DeviceKeyDerivation.Derive(value, reference.Key, request.Header.Dsn, derived);
                return derived;
            }

            var components = new List<BitstreamComponent>();
            foreach (var component in request.Components)
            {
                var payload = component.Payload;
                if (component.Inserts.Count > 0)
                {
                    payload = WithKeys(component.Payload, [.. component.Inserts.Select(insert => (insert.Id, Resolve(insert.Source)))]);
                    secrets.Add(payload);
                }

                components.Add(new BitstreamComponent(component.Type, component.Mode, payload));
            }

            return BitstreamFormat.Build(request.Header, components,
                mode => mode == KeyMode.Klk ? Klk.For(request.Header.FamilyCode) : Resolve(request.ModeKeys[mode.ToString()]));
        }
        finally
        {
            secrets.ForEach(secret => CryptographicOperations.ZeroMemory(secret));
        }
    }

    private static void Check(SealBitstreamRequest request)
    {
        var references = request.ModeKeys.Values.Concat(request.Components.SelectMany(c => c.Inserts.Select(insert => insert.Source))).ToList();
        foreach (var reference in references)
        {
            if (!request.Keysets.ContainsKey(reference.Keyset))
            {
                throw new HsmException("BADREQUEST", $"The request names keyset '{reference.Keyset}' but does not carry it.");
            }

            if (!KeysetKeys.TokenKeys.Contains(reference.Key))
            {
                throw new HsmException("BADREQUEST", $"'{reference.Key}' is not a keyset key (expecting one of {string.Join(", ", KeysetKeys.TokenKeys)}).");
            }

            if (reference.PerDevice && request.Header.Dsn?.Length != DeviceKeyDerivation.DsnBytes)
            {
                throw new HsmException("BADREQUEST", $"A per-device {reference.Key} needs the header's DSN of {DeviceKeyDerivation.DsnBytes} bytes.");
            }
        }

        foreach (var mode in request.Components.Select(c => c.Mode).Where(mode => mode != KeyMode.Klk).Distinct())
        {
            if (!request.ModeKeys.ContainsKey(mode.ToString()))
            {
                throw new HsmException("BADREQUEST", $"A component is under key mode {mode}, but the request does not say which key that is.");
            }
        }
    }

    private static byte[] WithKeys(byte[] payload, List<(byte Id, byte[] Value)> keys)
    {
        try
        {
            return SecurityComponent.WithKeys(payload, keys);
        }
        catch (ArgumentException error)
        {
            throw new HsmException("BADREQUEST", error.Message);
        }
    }
}
