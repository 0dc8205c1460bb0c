using System.Globalization;
using Graft.ModelTests;
using static Graft.Tests.ModelTests.ModelTestTables;

namespace Graft.Tests.ModelTests;

/// <summary>
/// The weak-segment search finds a planted weak region first; directional and invariance expectations pass a model
/// that behaves and fail one that does not; the value-maximising threshold equals a brute-force search.
/// </summary>
public class SearchExpectationValueTests
{
    private static double Sigmoid(double x) => 1 / (1 + Math.Exp(-x));

    /// <summary>6,000 rows: the score is the true probability of the label everywhere but in the north, whose labels are coin flips.</summary>
    private static (TestRows Rows, double[] Scores) Planted()
    {
        var random = new Random(7);
        string[] regions = ["north", "south", "east", "west"], plans = ["basic", "plus", "pro"];
        var n = 6000;
        var region = new string?[n];
        var plan = new string?[n];
        var x = new string?[n];
        var labels = new float[n];
        var scores = new double[n];
        for (var i = 0; i < n; i++)
        {
            region[i] = regions[random.Next(regions.Length)];
            plan[i] = plans[random.Next(plans.Length)];
            var value = random.NextDouble();
            x[i] = value.ToString("R", CultureInfo.InvariantCulture);
            scores[i] = Sigmoid(6 * (value - 0.5));
            var p = region[i] == "north" ? 0.5 : scores[i];
            labels[i] = random.NextDouble() < p ? 1 : 0;
        }
        return (Rows(new Dictionary<string, string?[]> { ["region"] = region, ["plan"] = plan, ["x"] = x }, labels, numeric: "x"), scores);
    }

    [Fact]
    public void A_planted_weak_region_is_the_first_segment_found()
    {
        var (rows, scores) = Planted();
        var spec = Spec("", metric: "roc_auc");
        var overall = Graft.Training.Evaluation.BinaryMetrics.One("roc_auc", rows.Labels.Select(l => l > 0.5f).ToArray(), scores, 0.5);
        var segments = WeakSegmentSearch.Run(spec.ModelTests, "roc_auc", rows, Fixed(scores), ["plan", "x", "region"], overall);

        Assert.NotEmpty(segments);
        Assert.Contains("region = north", segments[0].Conditions);
        Assert.True(segments[0].Metrics["roc_auc"] < 0.6, $"the north's ROC AUC {segments[0].Metrics["roc_auc"]}");
        Assert.True(segments[0].Rows >= 100);
        Assert.All(segments, s => Assert.True(s.Gap > 0));
        Assert.DoesNotContain(segments, s => s.Conditions.Any(c => c.StartsWith("region = ", StringComparison.Ordinal) && c != "region = north"));
    }

    [Fact]
    public void A_monotone_model_passes_a_directional_expectation_and_a_broken_one_fails_it()
    {
        var (rows, _) = Planted();
        var expectation = new DirectionalExpectation("higher x, higher risk", "x", Increasing: true, Step: null) { MaxViolationRate = 0.01 };

        var monotone = Computed(rows, "x", (x, _) => Sigmoid(6 * (x - 0.5)));
        var good = new ExpectationRunner(rows, monotone, new HashSet<string>()).Run([expectation]).Single();
        Assert.True(good.Passed, good.Evidence);
        Assert.Equal(0, good.ViolationRate);
        Assert.Equal(rows.Count, good.Checked);

        var broken = Computed(rows, "x", (x, _) => 0.5 + 0.4 * Math.Sin(20 * x));
        var bad = new ExpectationRunner(rows, broken, new HashSet<string>()).Run([expectation]).Single();
        Assert.False(bad.Passed, bad.Evidence);
        Assert.InRange(bad.ViolationRate, 0.3, 0.7); // sin(20x) falls on about half of [0, 1]
        Assert.Equal(ExpectationRunner.WorstShown, bad.Worst.Count);
        Assert.All(bad.Worst, w => Assert.True(w.ScoreAfter < w.ScoreBefore));
    }

    [Fact]
    public void An_expectation_over_many_rows_checks_an_even_sample_and_names_the_rows_it_broke_on()
    {
        var n = 25_000;
        string?[] x = [.. Enumerable.Range(0, n).Select(i => (i / (double)n).ToString("R", CultureInfo.InvariantCulture))];
        var rows = Rows(new Dictionary<string, string?[]> { ["x"] = x }, new float[n], numeric: "x");
        var broken = Computed(rows, "x", (v, _) => 0.5 + 0.4 * Math.Sin(20 * v));
        var result = new ExpectationRunner(rows, broken, new HashSet<string>()).Run([new DirectionalExpectation("up", "x", true, 0.001)]).Single();

        Assert.Equal(ExpectationRunner.MaxRows, result.Checked);
        Assert.InRange(result.ViolationRate, 0.4, 0.6);
        Assert.All(result.Worst, w => Assert.Equal(x[w.Row], w.Before)); // the test row's own number, not its place in the sample
    }

    [Fact]
    public void An_invariance_expectation_fails_a_model_that_reads_the_field_and_masks_its_values()
    {
        var (rows, _) = Planted();
        var expectation = new InvarianceExpectation("region does not matter", "region", ["north", "south"], Tolerance: 0.05) { MaxViolationRate = 0 };
        var blind = Computed(rows, "x", (x, _) => Sigmoid(x));
        Assert.True(new ExpectationRunner(rows, blind, new HashSet<string>()).Run([expectation]).Single().Passed);

        var reads = Computed(rows, "x", (x, region) => region == "north" ? 0.9 : Sigmoid(x), other: "region");
        var failed = new ExpectationRunner(rows, reads, new HashSet<string> { "region" }).Run([expectation]).Single();
        Assert.False(failed.Passed);
        Assert.Equal(1, failed.ViolationRate); // every row moves when its region is swapped
        Assert.All(failed.Worst, w => Assert.Equal((ExpectationRunner.Mask, ExpectationRunner.Mask), (w.Before, w.After)));
    }

    [Fact]
    public void The_value_maximising_threshold_equals_a_brute_force_search()
    {
        var random = new Random(3);
        for (var trial = 0; trial < 20; trial++)
        {
            var n = 300;
            var labels = Enumerable.Range(0, n).Select(_ => random.NextDouble() < 0.3).ToArray();
            // scores rounded to two places, so thresholds tie as real scores do
            var scores = labels.Select(l => Math.Round(Math.Clamp((l ? 0.6 : 0.4) + (random.NextDouble() - 0.5) * 0.8, 0, 1), 2)).ToArray();
            var value = new ValueMatrix(random.Next(1, 500), -random.Next(1, 100), -random.Next(0, 500), random.Next(0, 10));

            double bestThreshold = double.NaN, bestValue = double.NegativeInfinity;
            foreach (var t in scores.Distinct().OrderByDescending(s => s))
            {
                double tp = 0, fp = 0, fn = 0, tn = 0;
                for (var i = 0; i < n; i++)
                {
                    if (scores[i] >= t) { if (labels[i]) tp++; else fp++; }
                    else if (labels[i]) fn++; else tn++;
                }
                var worth = 1000 * (tp * value.TruePositive + fp * value.FalsePositive + fn * value.FalseNegative + tn * value.TrueNegative) / n;
                if (worth > bestValue + 1e-9)
                {
                    (bestValue, bestThreshold) = (worth, t);
                }
            }
            var found = BusinessValue.BestThreshold(value, labels, scores);
            Assert.Equal(bestThreshold, found);
            Assert.Equal(bestValue, BusinessValue.Per1000(value, labels, scores, found), 6);
        }
    }

    [Fact]
    public void Value_per_1000_decisions_prices_each_outcome()
    {
        // at 0.5: one of each outcome, so the value per decision is the mean of the four cells
        var value = new ValueMatrix(100, -20, -60, 4);
        Assert.Equal(1000 * (100 - 20 - 60 + 4) / 4.0, BusinessValue.Per1000(value, [true, false, true, false], [0.9, 0.7, 0.2, 0.1], 0.5));
        var curve = BusinessValue.Curve(value, [true, false, true, false], [0.9, 0.7, 0.2, 0.1]);
        Assert.Equal(BusinessValue.CurvePoints, curve.Count);
        Assert.Equal(1000 * (100 - 20 + 100 - 20) / 4.0, curve[0].Per1000); // threshold 0: every row positive
        Assert.Equal(1000 * (-60 + 4 - 60 + 4) / 4.0, curve[^1].Per1000); // threshold 1: none
    }
}
