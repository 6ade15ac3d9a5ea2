namespace Spps.Formats.Jobs;

/// <summary>
/// One row of a job container's member table: the member's name, its kind (<c>prg</c> a programming file, <c>set</c>
/// the FlashPro project settings, none for the <c>XML</c> job description), two flags whose meaning is not public
/// (false in every container seen) and the member's size in bytes.
/// </summary>
public sealed record JobMemberEntry(string Name, string? Kind, long Size, bool FirstFlag = false, bool SecondFlag = false)
{
    public const string ProgrammingFile = "prg";
    public const string ProjectSettings = "set";
    public const string JobDescriptionName = "XML";
}
