namespace Spps.Formats.Jobs;

/// <summary>A member read from a job container: its table entry and its bytes.</summary>
public sealed record JobMember(JobMemberEntry Entry, byte[] Content);
