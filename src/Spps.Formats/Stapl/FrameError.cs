namespace Spps.Formats.Stapl;

/// <summary>
/// One check of a refused frame's status: when <see cref="Condition"/> holds (a STAPL expression over the FRAME_STATUS
/// fields), the procedure prints <see cref="Message"/> and, when given, sets the exit STATUS and the unique exit code
/// exported as ERROR_CODE. A later match overrides an earlier one, as in Microchip's file; without a status the
/// action's own failure status stays.
/// </summary>
internal sealed record FrameError(string Condition, string Message, int? Status = null, int? Code = null);
