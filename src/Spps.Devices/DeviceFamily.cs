namespace Spps.Devices;

/// <summary>The device families the Job Manager prepares production for.</summary>
public enum DeviceFamily
{
    SmartFusion2,
    Igloo2,
    PolarFire,
    PolarFireSoc,
}
