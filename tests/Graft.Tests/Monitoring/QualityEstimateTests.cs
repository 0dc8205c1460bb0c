using Graft.Monitoring;
using Graft.Training;

namespace Graft.Tests.Monitoring;

/// <summary>
/// Quality without labels (CBPE) from score bins: the calibration's pooling by hand, the expected metrics on cases
/// with a known answer, and the band holding the realized metric in at least 95 % of windows drawn from the
/// calibrated process, but not when what the scores mean has changed.
/// </summary>
public class QualityEstimateTests
{
    [Fact]
    public void Calibration_pools_adjacent_bins_whose_rates_fall_and_fills_empty_bins_from_below()
    {
        // edges 0.3, 0.6: bins [<0.3), [0.3, 0.6), [≥0.6); rates 2/10, 1/10, 5/10: the first two pool to 3/20
        double[] edges = [0.3, 0.6];
        var scores = Enumerable.Repeat(0.1, 10).Concat(Enumerable.Repeat(0.4, 10)).Concat(Enumerable.Repeat(0.8, 10)).ToArray();
        var labels = new float[30];
        foreach (var i in new[] { 0, 1, 10, 20, 21, 22, 23, 24 })
        {
            labels[i] = 1;
        }
        Assert.Equal([0.15, 0.15, 0.5], ScoreCalibration.Fit(edges, scores, labels)!.Positive);
        // nothing in the middle bin: it takes the rate below it
        var sparse = ScoreCalibration.Fit(edges, [0.1, 0.1, 0.8, 0.8], [0, 1, 1, 1])!;
        Assert.Equal([0.5, 0.5, 1.0], sparse.Positive);
        Assert.Null(ScoreCalibration.Fit(edges, [0.1, 0.8], [0, 0])); // one class only: nothing to calibrate
    }

    [Fact]
    public void Expected_metrics_match_hand_worked_cases()
    {
        double[] edges = [0.5];
        var certain = new ScoreCalibration([0, 1]); // below 0.5 never positive, above always
        var counts = new BinCounts { Bins = [30, 70] };
        var perfect = QualityEstimator.Estimate(edges, certain, counts, 0.5)!;
        Assert.Equal((1.0, 1.0, 1.0), (perfect["accuracy"].Value, perfect["f1"].Value, perfect["roc_auc"].Value));

        // a coin in both bins: AUC a half; at threshold 0.5 half of each side is right
        var coin = QualityEstimator.Estimate(edges, new ScoreCalibration([0.5, 0.5]), counts, 0.5)!;
        Assert.Equal(0.5, coin["roc_auc"].Value, 12);
        Assert.Equal(0.5, coin["accuracy"].Value, 12);
        // F1: TP = 35, FP = 35, FN = 15: 70 / 120
        Assert.Equal(70.0 / 120, coin["f1"].Value, 12);
        Assert.True(coin["accuracy"].Lower < 0.5 && coin["accuracy"].Upper > 0.5);
    }

    private static (double[] Scores, float[] Labels) Draw(Random random, int rows, bool meaningChanged = false)
    {
        var scores = new double[rows];
        var labels = new float[rows];
        for (var i = 0; i < rows; i++)
        {
            scores[i] = random.NextDouble();
            var chance = meaningChanged ? 0.5 : scores[i]; // the same scores, but they no longer say anything
            labels[i] = random.NextDouble() < chance ? 1 : 0;
        }
        return (scores, labels);
    }

    private static BinCounts Counted(double[] edges, double[] scores)
    {
        var counts = BinCounts.For(edges.Length + 1);
        foreach (var s in scores)
        {
            counts.AddNumber(ReferenceProfile.BinOf(edges, s), s);
        }
        return counts;
    }

    [Fact]
    public void The_band_holds_the_realized_metric_in_at_least_95_percent_of_windows_and_flags_a_change_of_meaning()
    {
        var random = new Random(17);
        var (validation, validationLabels) = Draw(random, 5_000);
        var edges = ReferenceProfile.Numeric("score", validation).Shape!.Edges;
        var calibration = ScoreCalibration.Fit(edges, validation, validationLabels)!;
        var inside = new Dictionary<string, int> { ["roc_auc"] = 0, ["accuracy"] = 0, ["f1"] = 0 };
        const int Windows = 200;
        for (var w = 0; w < Windows; w++)
        {
            var (scores, labels) = Draw(random, 1_000);
            var estimated = QualityEstimator.Estimate(edges, calibration, Counted(edges, scores), 0.5)!;
            var realized = Evaluator.Evaluate(Graft.UseCases.TaskKind.Binary, labels, scores, 2, 0.5).Values;
            foreach (var metric in inside.Keys)
            {
                inside[metric] += estimated[metric].Lower <= realized[metric] && realized[metric] <= estimated[metric].Upper ? 1 : 0;
            }
        }
        Assert.All(inside, m => Assert.True(m.Value >= 0.95 * Windows, $"{m.Key}: {m.Value} of {Windows} windows inside the band"));

        var (same, changed) = Draw(random, 1_000, meaningChanged: true);
        var band = QualityEstimator.Estimate(edges, calibration, Counted(edges, same), 0.5)!["roc_auc"];
        var auc = Evaluator.Evaluate(Graft.UseCases.TaskKind.Binary, changed, same, 2, 0.5).Values["roc_auc"];
        Assert.True(auc < band.Lower, $"realized {auc} against {band.Lower}–{band.Upper}");
    }
}
