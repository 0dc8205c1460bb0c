namespace Graft.Monitoring;

/// <summary>
/// One field's (or the score's) drift in a window against its model version's reference: the method and its
/// threshold, the statistic compared with it (a p-value for the tests, a distance otherwise), the test's own
/// statistic where there is one, PSI over the training bins, and how many current values it rests on. Below the
/// policy's minimum it gives no verdict: <c>insufficient_data</c>.
/// </summary>
public sealed record FieldDrift(string Field, string Method, double? Statistic, double Threshold, bool? Drifted, string Verdict,
    double? Psi, long CurrentCount, double? TestStatistic, double CurrentMissing)
{
    public const string InsufficientData = "insufficient_data";

    public static FieldDrift Of(FieldDistribution reference, BinCounts? current, MonitoringPolicy policy, DriftSetting? setting)
    {
        var (method, threshold) = MonitoringPolicy.For(reference, setting);
        var counts = current?.Bins ?? [];
        var present = counts.Sum();
        var missing = current is null || present + current.Missing == 0 ? 0 : (double)current.Missing / (present + current.Missing);
        if (present < Math.Max(1, policy.MinValues) || counts.Length != reference.CountingBins || reference.Rows == 0)
        {
            return new FieldDrift(reference.Field, method.Name(), null, threshold, null, InsufficientData, null, present, null, missing);
        }
        var observed = counts.Select(c => (double)c).ToArray();
        var psi = PsiOf(reference, observed);
        double statistic;
        double? test = null;
        if (reference.Kind == "categorical")
        {
            var shares = reference.PresentShares();
            (statistic, test) = method switch
            {
                DriftMethod.ChiSquare => Swap(DriftStatistics.ChiSquared([.. shares.Select(r => r * reference.Rows)], observed)),
                DriftMethod.Psi => (psi, null),
                _ => (DriftStatistics.JensenShannon(shares, observed), null),
            };
        }
        else
        {
            var shape = reference.Shape!;
            (statistic, test) = method switch
            {
                DriftMethod.Ks => Swap(DriftStatistics.KolmogorovSmirnov(shape.Shares, observed, reference.Rows, present)),
                DriftMethod.Psi => (psi, null),
                _ => (Normalised(DriftStatistics.Wasserstein(shape.Edges, shape.Shares, observed, current!.LowSum, current.HighSum), shape.StandardDeviation), null),
            };
        }
        var drifted = method.IsTest() ? statistic < threshold : statistic >= threshold;
        return new FieldDrift(reference.Field, method.Name(), statistic, threshold, drifted, drifted ? "drift" : "no_drift", psi, present,
            test is { } t && double.IsFinite(t) ? t : null, missing);
    }

    /// <summary>A test's (statistic, p-value) as (p-value, statistic): the p-value is what the threshold judges.</summary>
    private static (double, double?) Swap((double Statistic, double PValue) test) => (test.PValue, test.Statistic);

    /// <summary>Over the reference's standard deviation, as Evidently normalises it; a field that never varied in training is measured in its own units.</summary>
    private static double Normalised(double distance, double sd) => sd > 0 ? distance / sd : distance;

    /// <summary>PSI over the training bins: the categories, or the deciles, into which the percentile bins add up exactly.</summary>
    private static double PsiOf(FieldDistribution reference, double[] current) =>
        DriftStatistics.Psi(reference.PresentShares(), Shares(InTrainingBins(reference, current)));

    /// <summary>
    /// Counts over the reference's counting bins (categories, or the fine percentile bins) added up into its training
    /// bins (categories and the others, or the deciles), as <see cref="FieldDistribution.PresentShares"/> has them.
    /// </summary>
    internal static double[] InTrainingBins(FieldDistribution reference, double[] current)
    {
        if (reference.Kind == "categorical")
        {
            return current;
        }
        var fine = reference.Shape!.Edges;
        var deciles = new double[reference.Edges.Length + 1];
        for (var j = 0; j < current.Length; j++)
        {
            deciles[j == 0 ? 0 : ReferenceProfile.BinOf(reference.Edges, fine[j - 1])] += current[j];
        }
        return deciles;
    }

    private static double[] Shares(double[] counts)
    {
        var sum = counts.Sum();
        return [.. counts.Select(c => sum > 0 ? c / sum : 0)];
    }
}
