using Graft.UseCases;

namespace Graft.Training.Evaluation;

/// <summary>
/// The percentile bootstrap of one metric, for live quality (<see cref="Feedback.LiveQualityMetrics"/>) and the model
/// tests' slices alike: the rows resampled with replacement <see cref="Resamples"/> times from a fixed seed (the same
/// rows give the same interval), the 2.5th and 97.5th percentiles of the resampled values; a resample the metric is
/// undefined on (one class only) is skipped, and with most of them undefined there is no interval. Above
/// <see cref="MaxResampleRows"/> rows each resample draws that many and each percentile's distance from the value is
/// scaled by √(drawn / rows) (the m-out-of-n bootstrap), so a million rows cost what 2,000 do.
/// </summary>
public static class MetricBootstrap
{
    /// <summary>Enough for a stable 95 % interval, few enough to answer a stats call at once.</summary>
    public const int Resamples = 400;

    public const int MaxResampleRows = 2_000;

    /// <summary>The 95 % interval's bounds, rounded to six places; null when most resamples leave the metric undefined.</summary>
    /// <param name="metric">The metric, by name.</param>
    /// <param name="value">Its value on all the rows.</param>
    /// <param name="task">The task, which says how labels and scores are laid out.</param>
    /// <param name="labels">The rows' labels.</param>
    /// <param name="scores">Their scores, <paramref name="k"/> a row.</param>
    /// <param name="k">Scores a row: the classes of a multiclass task, else 1.</param>
    /// <param name="classCount">The classes (multiclass).</param>
    /// <param name="threshold">The decision threshold (binary).</param>
    public static (double Low, double High)? Interval(string metric, double value, TaskKind task, float[] labels, double[] scores, int k, int classCount, double threshold)
    {
        var random = new Random(20_261_207);
        var rows = labels.Length;
        var n = Math.Min(rows, MaxResampleRows);
        var (sampleLabels, sampleScores) = (new float[n], new double[n * k]);
        var values = new List<double>(Resamples);
        for (var b = 0; b < Resamples; b++)
        {
            for (var i = 0; i < n; i++)
            {
                var row = random.Next(rows);
                sampleLabels[i] = labels[row];
                Array.Copy(scores, row * k, sampleScores, i * k, k);
            }
            if (Evaluator.EvaluateOne(task, metric, sampleLabels, sampleScores, classCount, threshold) is var v && double.IsFinite(v))
            {
                values.Add(v);
            }
        }
        if (values.Count < Resamples / 2)
        {
            return null;
        }
        values.Sort();
        var narrowing = Math.Sqrt((double)n / rows);
        double Bound(double q) => Math.Round(value + ((Percentile(values, q) - value) * narrowing), 6);
        return (Bound(0.025), Bound(0.975));
    }

    /// <summary>Linear interpolation between the closest ranks (NumPy's default).</summary>
    private static double Percentile(List<double> sorted, double q)
    {
        var position = q * (sorted.Count - 1);
        var (low, high) = ((int)Math.Floor(position), (int)Math.Ceiling(position));
        return sorted[low] + ((sorted[high] - sorted[low]) * (position - low));
    }
}
