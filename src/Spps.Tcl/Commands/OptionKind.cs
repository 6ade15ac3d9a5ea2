namespace Spps.Tcl.Commands;

/// <summary>How an option's value is read and checked.</summary>
public enum OptionKind
{
    /// <summary>Any non-empty text.</summary>
    Text,

    /// <summary>TRUE, FALSE, 1, 0, true or false (the Libero set).</summary>
    Boolean,

    /// <summary>YES or NO in any case, and the boolean words too.</summary>
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

    /// <summary>A path to a file or folder that need not exist (one the command writes or creates); any non-empty text.</summary>
    Path,
}
