using System.Text.Json;
using Graft.Monitoring;

namespace Graft.Tests.Monitoring;

/// <summary>
/// Graft's drift statistics against SciPy's on the same seeded samples (scripts/drift-reference.py wrote them with
/// Debian's python3-scipy), and against small cases worked by hand. Numeric statistics are taken from percentile bins,
/// as monitoring keeps them, so they are held to within what one bin can move them.
/// </summary>
public class DriftStatisticsTests
{
    private static readonly JsonElement Reference = JsonDocument.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Monitoring", "drift-reference.json"))).RootElement;

    public static TheoryData<string> NumericCases() => [.. Reference.GetProperty("numeric").EnumerateArray().Select(c => c.GetProperty("name").GetString()!)];

    public static TheoryData<string> CategoricalCases() => [.. Reference.GetProperty("categorical").EnumerateArray().Select(c => c.GetProperty("name").GetString()!)];

    private static JsonElement Case(string kind, string name) => Reference.GetProperty(kind).EnumerateArray().Single(c => c.GetProperty("name").GetString() == name);

    private static double[] Numbers(JsonElement c, string name) => [.. c.GetProperty(name).EnumerateArray().Select(v => v.GetDouble())];

    /// <summary>A reference profile of one sample, and another sample counted into its bins as the window tally counts them.</summary>
    internal static (FieldDistribution Reference, BinCounts Current) Binned(double[] reference, double[] current)
    {
        var profile = ReferenceProfile.Numeric("x", reference);
        var counts = BinCounts.For(profile.Shape!.Edges.Length + 1);
        foreach (var v in current)
        {
            counts.AddNumber(ReferenceProfile.BinOf(profile.Shape.Edges, v), v);
        }
        return (profile, counts);
    }

    [Theory]
    [MemberData(nameof(NumericCases))]
    public void KS_and_Wasserstein_from_percentile_bins_are_within_a_bin_of_SciPy_on_the_raw_samples(string name)
    {
        var c = Case("numeric", name);
        var (reference, current) = Binned(Numbers(c, "reference"), Numbers(c, "current"));
        var shape = reference.Shape!;
        var observed = current.Bins.Select(b => (double)b).ToArray();

        var (d, _) = DriftStatistics.KolmogorovSmirnov(shape.Shares, observed, reference.Rows, current.Present);
        var largestBin = Math.Max(shape.Shares.Max(), observed.Max() / current.Present);
        Assert.InRange(c.GetProperty("ks_statistic").GetDouble() - d, 0, largestBin + 1e-9); // at the edges only: never more than the raw D

        var w = DriftStatistics.Wasserstein(shape.Edges, shape.Shares, observed, current.LowSum, current.HighSum);
        var scipy = c.GetProperty("wasserstein").GetDouble();
        var sd = c.GetProperty("reference_std").GetDouble();
        Assert.Equal(sd, shape.StandardDeviation, 1e-6);
        Assert.InRange(Math.Abs(w - scipy) / sd, 0, 0.01); // a hundredth of a deviation, where the drift threshold is a tenth
    }

    [Theory]
    [MemberData(nameof(CategoricalCases))]
    public void Chi_squared_and_Jensen_Shannon_match_SciPy(string name)
    {
        var c = Case("categorical", name);
        var reference = Numbers(c, "reference_counts");
        var current = Numbers(c, "current_counts");
        var shares = reference.Select(r => r / reference.Sum()).ToArray();
        var (statistic, p) = DriftStatistics.ChiSquared(reference, current);
        Assert.Equal(c.GetProperty("chisquare_statistic").GetDouble(), statistic, 1e-9);
        Assert.Equal(c.GetProperty("chisquare_p").GetDouble(), p, 1e-9);
        Assert.Equal(c.GetProperty("jensenshannon").GetDouble(), DriftStatistics.JensenShannon(shares, current), 1e-9);
    }

    [Fact]
    public void The_Kolmogorov_tail_matches_SciPys_kstwobign()
    {
        foreach (var point in Reference.GetProperty("kolmogorov_sf").EnumerateArray())
        {
            Assert.Equal(point.GetProperty("sf").GetDouble(), DriftStatistics.KolmogorovSurvival(point.GetProperty("x").GetDouble()), 1e-9);
        }
    }

    [Fact]
    public void PSI_and_Wasserstein_agree_with_hand_worked_cases()
    {
        // PSI: (0.3 − 0.5)·ln(0.3/0.5) + (0.7 − 0.5)·ln(0.7/0.5) = 0.10217 + 0.06729
        Assert.Equal(0.2 * Math.Log(0.5 / 0.3) + 0.2 * Math.Log(0.7 / 0.5), DriftStatistics.Psi([0.5, 0.5], [0.3, 0.7]), 12);
        Assert.Equal(0, DriftStatistics.Psi([0.25, 0.75], [0.25, 0.75]), 12);
        // an empty bin is read as 0.0001, not as an infinite PSI
        Assert.True(double.IsFinite(DriftStatistics.Psi([0.5, 0.5], [1, 0])));

        // edges 0, 1, 2 (bins: below 0, [0, 1), [1, 2), beyond): all mass in [0, 1) against all in [1, 2) moves by 1
        Assert.Equal(1, DriftStatistics.Wasserstein([0, 1, 2], [0, 1, 0, 0], [0, 0, 1, 0], 0, 0), 12);
        Assert.Equal(0, DriftStatistics.Wasserstein([0, 1, 2], [0, 0.4, 0.6, 0], [0, 4, 6, 0], 0, 0), 12);
        // beyond the range exactly: half the mass at 5 (3 past the last edge), half evenly in [0, 1): 0.5·3 + the half left behind
        var w = DriftStatistics.Wasserstein([0, 1, 2], [0, 1, 0, 0], [0, 1, 0, 1], 0, 5);
        Assert.Equal(0.5 * 3 + 0.5 * 1 + 0.5 * 0.5, w, 12);
    }

    [Fact]
    public void Chi_squared_leaves_out_a_category_neither_sample_has_and_worked_by_hand()
    {
        Assert.Equal(DriftStatistics.ChiSquared([50, 50], [12, 8]), DriftStatistics.ChiSquared([50, 50, 0], [12, 8, 0]));
        // [[10, 10], [10, 30]]: expected [[6.67, 13.33], [13.33, 26.67]], χ² = 3.75, one degree of freedom: p = 0.0528
        var (statistic, p) = DriftStatistics.ChiSquared([10, 10], [10, 30]);
        Assert.Equal(3.75, statistic, 12);
        Assert.Equal(0.052807511416113, p, 9);
    }
}
