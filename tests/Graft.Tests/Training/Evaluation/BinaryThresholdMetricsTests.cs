using Graft.Training.Evaluation;

namespace Graft.Tests.Training.Evaluation;

public class BinaryThresholdMetricsTests
{
    private const double Tolerance = 1e-12;

    [Fact]
    public void A_score_equal_to_the_threshold_is_predicted_positive()
    {
        // Threshold 0.5 flags 0.9(1) 0.6(0) 0.5(1) 0.5(0): TP 2, FP 2; 0.4(1) is FN, 0.2(0) is TN.
        // Accuracy 3/6, precision 2/4, recall 2/3, F1 = 2·2 / (2·2 + 2 + 1) = 4/7.
        // With "score > threshold" instead, precision would still be ½ but recall ⅓.
        var metrics = BinaryMetrics.Compute(
            Rows.Labels(1, 1, 0, 0, 1, 0), [0.9, 0.4, 0.6, 0.2, 0.5, 0.5], 0.5);

        Assert.Equal(0.5, metrics[MetricNames.Accuracy], Tolerance);
        Assert.Equal(0.5, metrics[MetricNames.Precision], Tolerance);
        Assert.Equal(2.0 / 3.0, metrics[MetricNames.Recall], Tolerance);
        Assert.Equal(4.0 / 7.0, metrics[MetricNames.F1], Tolerance);
        Assert.Equal(0.5, metrics[MetricNames.PositiveRate], Tolerance);
        Assert.Equal(4.0 / 6.0, metrics[MetricNames.PredictedPositiveRate], Tolerance);
    }

    [Fact]
    public void Precision_is_zero_when_nothing_is_predicted_positive()
    {
        var metrics = BinaryMetrics.Compute(Rows.Labels(1, 0, 1, 0), [0.8, 0.6, 0.4, 0.2], 0.95);

        Assert.Equal(0.0, metrics[MetricNames.Precision]);
        Assert.Equal(0.0, metrics[MetricNames.Recall]);
        Assert.Equal(0.0, metrics[MetricNames.F1]);
        Assert.Equal(0.0, metrics[MetricNames.PredictedPositiveRate]);
        Assert.Equal(0.5, metrics[MetricNames.Accuracy], Tolerance);
    }

    [Fact]
    public void Best_f1_threshold_is_the_score_that_maximises_f1()
    {
        // Labels 1 0 1 0 at scores 0.8 0.6 0.4 0.2; F1 = 2TP / (2TP + FP + FN) per threshold:
        // ≥0.8: 2/3.  ≥0.6: 2/4.  ≥0.4: 4/5.  ≥0.2: 4/6.  Best is 0.4.
        var threshold = BinaryMetrics.BestF1Threshold(Rows.Labels(1, 0, 1, 0), [0.8, 0.6, 0.4, 0.2]);

        Assert.Equal(0.4, threshold);
    }

    [Fact]
    public void Best_f1_threshold_prefers_the_higher_threshold_when_f1_is_equal()
    {
        // Labels 1 0 0 1 at scores 0.9 0.7 0.5 0.3: ≥0.9 → 2/3, ≥0.7 → 2/4, ≥0.5 → 2/5, ≥0.3 → 4/6 = 2/3.
        var threshold = BinaryMetrics.BestF1Threshold(Rows.Labels(1, 0, 0, 1), [0.9, 0.7, 0.5, 0.3]);

        Assert.Equal(0.9, threshold);
    }

    [Fact]
    public void Best_f1_threshold_moves_a_tied_score_group_as_one()
    {
        // Labels 1 0 0 0 | 1 at scores 0.7 0.7 0.7 0.7 | 0.2. Grouped: ≥0.7 → TP1 FP3 FN1 → 2/6; ≥0.2 → TP2 FP3 → 4/7.
        // Counting the tied positive on its own would see TP1 FP0 FN1 → 2/3 at 0.7 and wrongly pick 0.7.
        var threshold = BinaryMetrics.BestF1Threshold(Rows.Labels(1, 0, 0, 0, 1), [0.7, 0.7, 0.7, 0.7, 0.2]);

        Assert.Equal(0.2, threshold);
    }

    [Fact]
    public void Best_f1_threshold_is_NaN_without_positive_labels()
    {
        Assert.True(double.IsNaN(BinaryMetrics.BestF1Threshold(Rows.Labels(0, 0), [0.3, 0.6])));
    }
}
