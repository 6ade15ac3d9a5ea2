namespace Spps.Silicon.Benches;

/// <summary>
/// Replaces a bench file with <paramref name="content"/> atomically (a reader or a crash sees the old file or the new
/// one, never a mix), readable by its owner only. Spps.Silicon stands below the workspace, so the program that opens
/// a bench gives it the workspace's atomic writer.
/// </summary>
public delegate void ReplaceFile(string path, byte[] content);
