namespace Graft.Training.Evaluation;

/// <summary>The binary confusion counts at one decision threshold; a row is predicted positive when score ≥ threshold.</summary>
internal readonly record struct ThresholdCounts(int TruePositives, int FalsePositives, int TrueNegatives, int FalseNegatives)
{
    public static ThresholdCounts Count(ReadOnlySpan<bool> labels, ReadOnlySpan<double> scores, double threshold)
    {
        int tp = 0, fp = 0, tn = 0, fn = 0;
        for (var i = 0; i < labels.Length; i++)
        {
            var predictedPositive = scores[i] >= threshold;
            if (labels[i])
            {
                if (predictedPositive) tp++; else fn++;
            }
            else
            {
                if (predictedPositive) fp++; else tn++;
            }
        }

        return new(tp, fp, tn, fn);
    }

    public long Total => (long)TruePositives + FalsePositives + TrueNegatives + FalseNegatives;

    public long Positives => (long)TruePositives + FalseNegatives;

    public long PredictedPositives => (long)TruePositives + FalsePositives;

    public double Accuracy => ((double)TruePositives + TrueNegatives) / Total;

    // A model that flags nothing has made no correct flags: 0, as scikit-learn's zero_division=0.
    public double Precision => PredictedPositives == 0 ? 0 : (double)TruePositives / PredictedPositives;

    // Without positives there is nothing to recall, so recall (and F1) are undefined.
    public double Recall => Positives == 0 ? double.NaN : (double)TruePositives / Positives;

    public double F1 => Positives == 0 ? double.NaN : F1Of(TruePositives, FalsePositives, FalseNegatives);

    /// <summary>2TP / (2TP + FP + FN): equal to the harmonic mean of precision and recall, and 0 when TP is 0.</summary>
    public static double F1Of(long truePositives, long falsePositives, long falseNegatives) =>
        2.0 * truePositives / (2.0 * truePositives + falsePositives + falseNegatives);
}
