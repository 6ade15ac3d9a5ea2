namespace Spps.Devices;

/// <summary>
/// The device families the Job Manager prepares production for. Which rules apply (eNVM or sNVM, key rotation,
/// authorisation key modes, the SPI directory) depends on the family; the catalog of dies builds on this.
/// </summary>
public enum DeviceFamily
{
    SmartFusion2,
    Igloo2,
    PolarFire,
    PolarFireSoc,
}
