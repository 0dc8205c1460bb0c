namespace Graft.Serving;

/// <summary>
/// Something an answer rests on that the model did not see in training (<see cref="WarningCodes"/>): the app may
/// want to check the input, and an answer with warnings is never of high confidence.
/// </summary>
public sealed record InputWarning(string Field, string Code, string Message)
{
    /// <summary>How the monitoring windows count it (<c>field/code</c>): made with the warning, which is often remembered and given again, not for every answer counted.</summary>
    internal string CountedAs { get; } = Field + "/" + Code;
}

/// <summary>The codes of <see cref="InputWarning"/>. The words are part of the API.</summary>
public static class WarningCodes
{
    /// <summary>A category value the model's encoding does not know (it reads as missing).</summary>
    public const string UnseenCategory = "unseen_category";

    /// <summary>A number outside the training range by more than the spec's tolerance.</summary>
    public const string OutOfRange = "out_of_range";

    /// <summary>An optional input left out (the model saw it missing in training and answers anyway).</summary>
    public const string MissingOptional = "missing_optional";

    /// <summary>A required input left out, so the rule answered (or the request was refused).</summary>
    public const string MissingRequired = "missing_required";
}
