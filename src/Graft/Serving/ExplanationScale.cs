namespace Graft.Serving;

/// <summary>
/// How a model's raw contributions become an answer's: for a binary model, log-odds (its Platt calibration gives
/// the probability as 1 / (1 + exp(A × raw + B)), so the log-odds are −A × raw − B); for a regression, the raw
/// units, which are the value's. <see cref="Base"/> is the answer's starting point in those units: the model's
/// expected raw score (trees: the training rows' mean; linear: the bias) carried over. Base plus every field's
/// contribution is the answer's log-odds (binary) or value (regression).
/// </summary>
internal sealed record ExplanationScale(double Factor, double Base)
{
    public static ExplanationScale Of(double expectedRaw, (double Slope, double Offset)? calibration) =>
        calibration is { } platt ? new(-platt.Slope, -platt.Slope * expectedRaw - platt.Offset) : new(1, expectedRaw);
}
