namespace Spps.Tcl.Commands;

/// <summary>How an option's value is read and checked.</summary>
public enum OptionKind
{
    /// <summary>Any non-empty text.</summary>
    Text,

    /// <summary>TRUE, FALSE, 1 or 0, in any letter case; the handler gets TRUE or FALSE.</summary>
    Boolean,

    /// <summary>YES or NO, and the boolean words too, in any letter case.</summary>
    YesNo,

    /// <summary>One of a fixed set, matched case-insensitively and echoed in its canonical spelling.</summary>
    Choice,

    /// <summary>A Tcl list of values from a fixed set.</summary>
    ChoiceList,

    /// <summary>A whole number within a range.</summary>
    Integer,

    /// <summary>A switch that takes no value (an optional boolean word after it is accepted).</summary>
    Flag,

    /// <summary>A path to a file that must exist.</summary>
    ExistingFile,

    /// <summary>A name given to or naming a thing of the project, or a file named without a folder, by a <see cref="NameRule"/>.</summary>
    Name,

    /// <summary>A path to a file or folder that need not exist (one the command writes or creates); any non-empty text.</summary>
    Path,
}
