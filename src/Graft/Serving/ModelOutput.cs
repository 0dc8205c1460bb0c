namespace Graft.Serving;

/// <summary>
/// What a model says about one row: the class and its score (binary: the positive-class probability; multiclass:
/// the chosen class's probability, with every class's in <see cref="ClassScores"/>), or the value (regression),
/// and the fields that pushed the answer most, with signed contributions in log-odds (binary) or the value's units
/// (regression). <see cref="ExplanationBase"/> plus every contribution listed plus <see cref="ExplanationOther"/>
/// (what the fields not listed add) is the answer's log-odds or value; both are null when the model's
/// contributions do not add up so (ML.NET's own calculation, for models Graft does not score itself).
/// </summary>
public sealed record ModelOutput(
    string? Label,
    double? Score,
    IReadOnlyDictionary<string, double>? ClassScores,
    double? Value,
    IReadOnlyList<Contribution> Explanation,
    double? ExplanationBase = null,
    double? ExplanationOther = null);

/// <summary>How a model's numbers are shown.</summary>
public static class ModelNumbers
{
    /// <summary>
    /// A model's single-precision number as the double nearest its seven significant digits: 0.6137 rather than
    /// 0.6137000322341919, the float's exact value, whose last digits are noise of the format. It is what answers and
    /// the log show, and what a binary label is decided on, so a shown score never contradicts its label.
    /// </summary>
    public static double Shown(float value) =>
        float.IsFinite(value) && Math.Abs(value) is < 1e28f and (> 1e-20f or 0) ? (double)(decimal)value : value; // a decimal holds 28 places

    /// <summary>
    /// A binary model's threshold as answers show it and labels are decided on: seven significant digits, like
    /// the score it is compared with (0.2685542, not 0.268554151058197), so the two shown never contradict the label.
    /// </summary>
    public static double Threshold(Registry.ModelCard card) => card.Threshold is { } threshold ? Shown((float)threshold) : 0.5;
}

/// <summary>A field's signed contribution to a prediction: in log-odds for binary models, in the value's units for regression.</summary>
public sealed record Contribution(string Field, double Value);
