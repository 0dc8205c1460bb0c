using Graft.Training.Evaluation;

namespace Graft.Tests.Training.Evaluation;

public class MetricArgumentTests
{
    [Fact]
    public void Binary_labels_and_scores_of_different_lengths_are_rejected()
    {
        var error = Assert.Throws<ArgumentException>(() => BinaryMetrics.Compute(Rows.Labels(1, 0), [0.5], 0.5));

        Assert.Contains("'scores' has 1 values but 'labels' has 2", error.Message);
    }

    [Fact]
    public void Empty_input_is_rejected_for_every_task()
    {
        Assert.Throws<ArgumentException>(() => BinaryMetrics.Compute([], [], 0.5));
        Assert.Throws<ArgumentException>(() => BinaryMetrics.BestF1Threshold([], []));
        Assert.Throws<ArgumentException>(() => MulticlassMetrics.Compute([], [], 3));
        Assert.Throws<ArgumentException>(() => RegressionMetrics.Compute([], []));
    }

    [Theory]
    [InlineData(-0.1)]
    [InlineData(1.1)]
    [InlineData(double.NaN)]
    public void Binary_scores_must_be_probabilities(double score)
    {
        Assert.Throws<ArgumentException>(() => BinaryMetrics.Compute(Rows.Labels(1), [score], 0.5));
    }

    [Fact]
    public void A_missing_threshold_is_rejected()
    {
        Assert.Throws<ArgumentException>(() => BinaryMetrics.Compute(Rows.Labels(1), [0.5], double.NaN));
    }

    [Fact]
    public void Calibration_needs_at_least_one_bin()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => BinaryMetrics.Calibration(Rows.Labels(1), [0.5], 0));
    }

    [Fact]
    public void Multiclass_probabilities_must_hold_one_row_per_label()
    {
        var error = Assert.Throws<ArgumentException>(() => MulticlassMetrics.Compute([0, 1], [0.5, 0.5, 1.0], 2));

        Assert.Contains("2 rows of 2 classes need 4", error.Message);
    }

    [Fact]
    public void Multiclass_labels_outside_the_class_range_are_rejected()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => MulticlassMetrics.Compute([2], [0.5, 0.5], 2));
        Assert.Throws<ArgumentOutOfRangeException>(() => MulticlassMetrics.Compute([-1], [0.5, 0.5], 2));
    }

    [Fact]
    public void Multiclass_needs_at_least_two_classes()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => MulticlassMetrics.Compute([0], [1.0], 1));
    }

    [Fact]
    public void Regression_values_must_be_finite()
    {
        Assert.Throws<ArgumentException>(() => RegressionMetrics.Compute([1, 2], [1, double.NaN]));
        Assert.Throws<ArgumentException>(() => RegressionMetrics.Compute([1, double.PositiveInfinity], [1, 2]));
    }
}
