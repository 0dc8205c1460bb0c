using MathNet.Numerics;

namespace Graft.Monitoring;

/// <summary>
/// The drift statistics, each over a reference and a current distribution counted into the same bins, as Evidently
/// defines them for raw samples: PSI, Jensen–Shannon distance (natural log, as SciPy's <c>jensenshannon</c>), Pearson's
/// chi-squared test of the two samples' counts (SciPy's <c>chi2_contingency</c>), the two-sample
/// Kolmogorov–Smirnov statistic with its asymptotic p-value (SciPy's <c>kstwobign</c>), and the Wasserstein distance.
/// Numeric bins are the reference's percentiles, so KS is taken at the bin edges and Wasserstein spreads each bin's
/// mass evenly across it: each stays within about a bin's share of what the raw samples give.
/// </summary>
public static class DriftStatistics
{
    /// <summary>A share of zero in PSI is read as this, as Evidently does, so one empty bin does not make it infinite.</summary>
    public const double PsiFloor = 0.0001;

    /// <summary>Σ (current − reference) · ln(current / reference) over shares that each sum to one.</summary>
    public static double Psi(ReadOnlySpan<double> reference, ReadOnlySpan<double> current)
    {
        var psi = 0.0;
        for (var i = 0; i < reference.Length; i++)
        {
            var r = Math.Max(reference[i], PsiFloor);
            var c = Math.Max(current[i], PsiFloor);
            psi += (c - r) * Math.Log(c / r);
        }
        return psi;
    }

    /// <summary>√((KL(p‖m) + KL(q‖m)) / 2) with m the mean of the two, each normalised to sum to one first.</summary>
    public static double JensenShannon(ReadOnlySpan<double> reference, ReadOnlySpan<double> current)
    {
        var (rs, cs) = (Sum(reference), Sum(current));
        if (rs <= 0 || cs <= 0)
        {
            return double.NaN;
        }
        var divergence = 0.0;
        for (var i = 0; i < reference.Length; i++)
        {
            var (p, q) = (reference[i] / rs, current[i] / cs);
            var m = (p + q) / 2;
            divergence += (p > 0 ? p * Math.Log(p / m) : 0) + (q > 0 ? q * Math.Log(q / m) : 0);
        }
        return Math.Sqrt(Math.Max(0, divergence / 2));
    }

    /// <summary>
    /// Pearson's chi-squared test that two samples of categories come from one distribution (the 2 × k contingency
    /// table, as SciPy's <c>chi2_contingency</c> without Yates' correction), and its p-value on (k − 1) degrees of
    /// freedom, k the bins either sample has. Both samples count: a reference of a few hundred rows is itself uncertain,
    /// and testing against its shares as if they were exact would call drift far more often than the 5 % it promises.
    /// </summary>
    public static (double Statistic, double PValue) ChiSquared(ReadOnlySpan<double> referenceCounts, ReadOnlySpan<double> currentCounts)
    {
        var (n, m) = (Sum(referenceCounts), Sum(currentCounts));
        var statistic = 0.0;
        var bins = 0;
        for (var i = 0; i < referenceCounts.Length; i++)
        {
            var column = referenceCounts[i] + currentCounts[i];
            if (column <= 0)
            {
                continue;
            }
            bins++;
            var (er, ec) = (column * n / (n + m), column * m / (n + m));
            statistic += (referenceCounts[i] - er) * (referenceCounts[i] - er) / er + (currentCounts[i] - ec) * (currentCounts[i] - ec) / ec;
        }
        return bins < 2 || n <= 0 || m <= 0 ? (0, 1) : (statistic, SpecialFunctions.GammaUpperRegularized((bins - 1) / 2.0, statistic / 2));
    }

    /// <summary>
    /// The largest gap between the two cumulative shares at the bin edges, and its p-value for samples of
    /// <paramref name="referenceRows"/> and <paramref name="currentRows"/> values: the Kolmogorov distribution's
    /// tail at D·√(nm / (n + m)).
    /// </summary>
    public static (double Statistic, double PValue) KolmogorovSmirnov(ReadOnlySpan<double> reference, ReadOnlySpan<double> current, long referenceRows, long currentRows)
    {
        var (rs, cs) = (Sum(reference), Sum(current));
        double fr = 0, fc = 0, d = 0;
        for (var i = 0; i < reference.Length; i++)
        {
            fr += reference[i] / rs;
            fc += current[i] / cs;
            d = Math.Max(d, Math.Abs(fr - fc));
        }
        var en = (double)referenceRows * currentRows / (referenceRows + currentRows);
        return (d, KolmogorovSurvival(d * Math.Sqrt(en)));
    }

    /// <summary>P(K > x) for the Kolmogorov distribution: 2 Σ (−1)^(k−1) e^(−2k²x²), which SciPy calls <c>kstwobign.sf</c>.</summary>
    public static double KolmogorovSurvival(double x)
    {
        if (x < 0.2)
        {
            return 1; // the series converges slowly here, and the tail is 1 to fifteen digits
        }
        var sum = 0.0;
        for (var k = 1; k <= 100; k++)
        {
            var term = Math.Exp(-2.0 * k * k * x * x);
            sum += (k % 2 == 1 ? term : -term);
            if (term < 1e-17)
            {
                break;
            }
        }
        return Math.Clamp(2 * sum, 0, 1);
    }

    /// <summary>
    /// The first Wasserstein distance, ∫ |F_r(x) − F_c(x)| dx, over a reference's numeric bins (<see cref="NumericShape"/>):
    /// inside its range each bin's mass is spread evenly across it; beyond, where the reference has nothing, the
    /// current values' sums in the outer bins give the integral exactly.
    /// </summary>
    public static double Wasserstein(double[] edges, ReadOnlySpan<double> reference, ReadOnlySpan<double> current, double currentLowSum, double currentHighSum)
    {
        var (rs, cs) = (Sum(reference), Sum(current));
        if (edges.Length == 0 || rs <= 0 || cs <= 0)
        {
            return 0;
        }
        // below the first edge the reference's cumulative share is 0, above the last it is 1
        var distance = (current[0] * edges[0] - currentLowSum) / cs + (currentHighSum - current[^1] * edges[^1]) / cs;
        double fr = reference[0] / rs, fc = current[0] / cs;
        for (var i = 1; i < edges.Length; i++)
        {
            var w = edges[i] - edges[i - 1];
            var (d0, r1, c1) = (fr - fc, fr + reference[i] / rs, fc + current[i] / cs);
            var d1 = r1 - c1;
            // |d| is linear across the bin: a trapezoid, or two triangles where it crosses zero
            distance += Math.Sign(d0) * Math.Sign(d1) >= 0
                ? w * (Math.Abs(d0) + Math.Abs(d1)) / 2
                : w * (d0 * d0 + d1 * d1) / (2 * (Math.Abs(d0) + Math.Abs(d1)));
            (fr, fc) = (r1, c1);
        }
        return distance;
    }

    private static double Sum(ReadOnlySpan<double> values)
    {
        var sum = 0.0;
        foreach (var v in values)
        {
            sum += v;
        }
        return sum;
    }
}
