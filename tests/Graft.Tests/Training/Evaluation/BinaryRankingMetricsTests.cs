using Graft.Training.Evaluation;

namespace Graft.Tests.Training.Evaluation;

public class BinaryRankingMetricsTests
{
    private const double Tolerance = 1e-12;

    [Fact]
    public void One_metric_computed_alone_is_the_value_all_of_them_give()
    {
        var random = new Random(3);
        var labels = Enumerable.Range(0, 500).Select(_ => random.NextDouble() < 0.3).ToArray();
        var scores = labels.Select(l => Math.Round(Math.Clamp((l ? 0.6 : 0.4) + (random.NextDouble() - 0.5), 0, 1), 2)).ToArray(); // rounded: ties

        var all = BinaryMetrics.Compute(labels, scores, 0.45);

        foreach (var (name, value) in all.Values)
        {
            Assert.Equal(value, BinaryMetrics.One(name, labels, scores, 0.45), Tolerance);
        }
        Assert.True(double.IsNaN(BinaryMetrics.One(MetricNames.RocAuc, [true, true], [0.2, 0.9], 0.5))); // one class: undefined
    }

    [Fact]
    public void Roc_auc_counts_a_tied_positive_negative_pair_as_half()
    {
        // Negatives 0.1 0.3 0.5 0.7, positives 0.5 0.7; 2 × 4 = 8 pairs.
        // Positive 0.5 beats 0.1 and 0.3, ties 0.5, loses to 0.7: 2.5. Positive 0.7 beats three, ties one: 3.5.
        // (6 / 8 = 0.75. Rank form: average ranks 1, 2, 3.5, 3.5, 5.5, 5.5; positives sum 9; U = 9 − 3 = 6.)
        var metrics = BinaryMetrics.Compute(
            Rows.Labels(0, 0, 0, 0, 1, 1), [0.1, 0.3, 0.5, 0.7, 0.5, 0.7], 0.5);

        Assert.Equal(0.75, metrics[MetricNames.RocAuc], Tolerance);
    }

    [Fact]
    public void Scikit_learn_documentation_example_gives_roc_auc_0_75_and_average_precision_five_sixths()
    {
        // roc_auc_score([0,0,1,1], [0.1,0.4,0.35,0.8]) = 0.75: pairs (0.35 > 0.1), (0.8 > both), 0.35 < 0.4 → 3/4.
        // Average precision, thresholds high to low: 0.8 → P 1, R ½; 0.4 → P ½, R ½; 0.35 → P ⅔, R 1; 0.1 → P ½, R 1.
        // AP = ½·1 + 0·½ + ½·⅔ + 0·½ = 5/6.
        var metrics = BinaryMetrics.Compute(Rows.Labels(0, 0, 1, 1), [0.1, 0.4, 0.35, 0.8], 0.5);

        Assert.Equal(0.75, metrics[MetricNames.RocAuc], Tolerance);
        Assert.Equal(5.0 / 6.0, metrics[MetricNames.PrAuc], Tolerance);
    }

    [Fact]
    public void Average_precision_treats_tied_scores_as_one_threshold()
    {
        // Labels 1 0 1 0 1 0, scores 0.9 0.9 0.6 0.4 0.4 0.2; three positives.
        // ≥0.9: TP1 FP1 → P ½, R ⅓.  ≥0.6: TP2 FP1 → P ⅔, R ⅔.  ≥0.4: TP3 FP2 → P ⅗, R 1.  ≥0.2: no recall gain.
        // AP = ⅓·½ + ⅓·⅔ + ⅓·⅗ = 53/90. Splitting the 0.9 tie positive-first would give a larger ⅓·1 first term.
        // ROC AUC: positive 0.9 → 0.5 + 2, positive 0.6 → 2, positive 0.4 → 0.5 + 1; 6 of 9 pairs = ⅔.
        var metrics = BinaryMetrics.Compute(
            Rows.Labels(1, 0, 1, 0, 1, 0), [0.9, 0.9, 0.6, 0.4, 0.4, 0.2], 0.5);

        Assert.Equal(53.0 / 90.0, metrics[MetricNames.PrAuc], Tolerance);
        Assert.Equal(2.0 / 3.0, metrics[MetricNames.RocAuc], Tolerance);
    }

    [Fact]
    public void A_perfect_classifier_scores_1_on_both_curves()
    {
        var metrics = BinaryMetrics.Compute(Rows.Labels(0, 0, 1, 1), [0.1, 0.2, 0.8, 0.9], 0.5);

        Assert.Equal(1.0, metrics[MetricNames.RocAuc], Tolerance);
        Assert.Equal(1.0, metrics[MetricNames.PrAuc], Tolerance);
    }

    [Fact]
    public void An_inverted_classifier_scores_roc_auc_0()
    {
        // Both negatives come first; the positives enter at ≥0.2 (P ⅓, R ½) and ≥0.1 (P ½, R 1): AP = ½·⅓ + ½·½ = 5/12.
        var metrics = BinaryMetrics.Compute(Rows.Labels(0, 0, 1, 1), [0.9, 0.8, 0.2, 0.1], 0.5);

        Assert.Equal(0.0, metrics[MetricNames.RocAuc], Tolerance);
        Assert.Equal(5.0 / 12.0, metrics[MetricNames.PrAuc], Tolerance);
    }

    [Fact]
    public void Constant_scores_give_roc_auc_one_half_and_average_precision_equal_to_the_positive_rate()
    {
        // Every pair is tied (½ each); the only threshold flags everything: precision = 1/4, recall 1.
        var metrics = BinaryMetrics.Compute(Rows.Labels(0, 1, 0, 0), [0.3, 0.3, 0.3, 0.3], 0.5);

        Assert.Equal(0.5, metrics[MetricNames.RocAuc], Tolerance);
        Assert.Equal(0.25, metrics[MetricNames.PrAuc], Tolerance);
    }

    [Fact]
    public void Roc_auc_is_NaN_when_only_positives_are_present()
    {
        // Average precision is still defined: every flagged row is a true positive.
        var metrics = BinaryMetrics.Compute(Rows.Labels(1, 1, 1), [0.2, 0.5, 0.9], 0.5);

        Assert.True(double.IsNaN(metrics[MetricNames.RocAuc]));
        Assert.Equal(1.0, metrics[MetricNames.PrAuc], Tolerance);
    }

    [Fact]
    public void Metrics_that_need_a_positive_are_NaN_when_only_negatives_are_present()
    {
        var metrics = BinaryMetrics.Compute(Rows.Labels(0, 0, 0), [0.2, 0.5, 0.9], 0.5);

        Assert.True(double.IsNaN(metrics[MetricNames.RocAuc]));
        Assert.True(double.IsNaN(metrics[MetricNames.PrAuc]));
        Assert.True(double.IsNaN(metrics[MetricNames.Recall]));
        Assert.True(double.IsNaN(metrics[MetricNames.F1]));
        Assert.Equal(1.0 / 3.0, metrics[MetricNames.Accuracy], Tolerance);
        Assert.Equal(0.0, metrics[MetricNames.Precision]);
    }
}
