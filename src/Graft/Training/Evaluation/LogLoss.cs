namespace Graft.Training.Evaluation;

/// <summary>
/// The per-row log loss term, −ln of the probability given to what actually happened. Clipping keeps
/// one confident mistake from making the mean infinite; it then costs −ln 1e-15 ≈ 34.5.
/// </summary>
internal static class LogLoss
{
    public const double MinProbability = 1e-15;

    /// <summary>Clipped to [1e-15, 1 − 1e-15] on the probability of the true outcome, so both extremes cost the same.</summary>
    public static double Binary(bool label, double score)
    {
        var probabilityOfTruth = label ? score : 1 - score;
        return -Math.Log(Math.Clamp(probabilityOfTruth, MinProbability, 1 - MinProbability));
    }

    public static double Multiclass(double probabilityOfTrueClass) =>
        -Math.Log(Math.Clamp(probabilityOfTrueClass, MinProbability, 1));
}
