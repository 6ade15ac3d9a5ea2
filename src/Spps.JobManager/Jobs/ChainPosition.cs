namespace Spps.JobManager.Jobs;

/// <summary>A device in its chain, with the IR and DR padding bits of the devices toward TDO (PRE) and toward TDI (POST).</summary>
public sealed record ChainPosition(ChainDevice Device, int PreIr, int PostIr, int PreDr, int PostDr);
