using Spps.Devices;
using Spps.Formats.Production;

namespace Spps.Silicon.Tests;

/// <summary>Virtual devices of a private factory, for the device tests.</summary>
public static class Devices
{
    public static readonly DeviceFactory Factory = DeviceFactory.Create();

    public static VirtualDevice Make(string die, byte dsnSeed = 1) =>
        DeviceMaker.Make(DeviceCatalog.Find(die).Die, Factory, Dsn.FromBytes([.. Enumerable.Range(dsnSeed, Dsn.Bytes).Select(i => (byte)i)]));
}
