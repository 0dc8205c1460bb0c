using Graft.Training.Evaluation;

namespace Graft.Tests.Training.Evaluation;

public class BinaryProbabilityMetricsTests
{
    private const double Tolerance = 1e-12;

    [Fact]
    public void Log_loss_matches_the_scikit_learn_documentation_example()
    {
        // log_loss(["spam","ham","ham","spam"], [[.1,.9],[.9,.1],[.8,.2],[.35,.65]]) with spam positive:
        // −(ln 0.9 + ln 0.9 + ln 0.8 + ln 0.65) / 4 = (0.1053605 + 0.1053605 + 0.2231436 + 0.4307829) / 4 = 0.2161619.
        var metrics = BinaryMetrics.Compute(Rows.Labels(1, 0, 0, 1), [0.9, 0.1, 0.2, 0.65], 0.5);

        Assert.Equal(0.21616187468057912, metrics[MetricNames.LogLoss], Tolerance);
    }

    [Theory]
    [InlineData(0, 1.0)]
    [InlineData(1, 0.0)]
    public void A_certain_wrong_score_costs_minus_ln_1e_minus_15_instead_of_infinity(int label, double score)
    {
        // −ln(1e-15) = 15·ln 10 = 34.538776394910684.
        var metrics = BinaryMetrics.Compute(Rows.Labels(label), [score], 0.5);

        Assert.Equal(34.538776394910684, metrics[MetricNames.LogLoss], 1e-9);
    }

    [Fact]
    public void Brier_matches_the_scikit_learn_documentation_example()
    {
        // brier_score_loss([0,1,1,0], [0.1,0.9,0.8,0.3]) = (0.01 + 0.01 + 0.04 + 0.09) / 4 = 0.0375.
        var metrics = BinaryMetrics.Compute(Rows.Labels(0, 1, 1, 0), [0.1, 0.9, 0.8, 0.3], 0.5);

        Assert.Equal(0.0375, metrics[MetricNames.Brier], Tolerance);
    }

    [Fact]
    public void Expected_calibration_error_weights_each_populated_bin_by_its_share_of_rows()
    {
        // Bin [0.2, 0.3): scores 0.21 0.23 0.25 0.27 (mean 0.24), labels 0 0 0 1 (rate 0.25): gap 0.01.
        // Bin [0.8, 0.9): scores 0.82 0.84 (mean 0.83), labels 1 0 (rate 0.5): gap 0.33.
        // ECE = 4/6 · 0.01 + 2/6 · 0.33 = 0.0066667 + 0.11 = 0.1166667.
        var labels = Rows.Labels(0, 0, 0, 1, 1, 0);
        double[] scores = [0.21, 0.23, 0.25, 0.27, 0.82, 0.84];

        var metrics = BinaryMetrics.Compute(labels, scores, 0.5);
        var bins = BinaryMetrics.Calibration(labels, scores);

        Assert.Equal((4.0 / 6 * 0.01) + (2.0 / 6 * 0.33), metrics[MetricNames.Ece], Tolerance);
        Assert.Equal(2, bins.Count);
        Assert.Equal(0.24, bins[0].MeanScore, Tolerance);
        Assert.Equal(0.25, bins[0].PositiveRate, Tolerance);
        Assert.Equal(4, bins[0].Count);
        Assert.Equal(0.83, bins[1].MeanScore, Tolerance);
        Assert.Equal(0.5, bins[1].PositiveRate, Tolerance);
        Assert.Equal(2, bins[1].Count);
    }

    [Fact]
    public void Calibration_puts_a_score_of_exactly_one_in_the_last_bin()
    {
        // Two bins: [0, 0.5) and [0.5, 1]. 0.5 and 1.0 share the upper bin.
        var bins = BinaryMetrics.Calibration(Rows.Labels(0, 1, 1), [0.2, 0.5, 1.0], bins: 2);

        Assert.Equal(2, bins.Count);
        Assert.Equal(new CalibrationBin(0.2, 0, 1), bins[0]);
        Assert.Equal(new CalibrationBin(0.75, 1, 2), bins[1]);
    }

    [Fact]
    public void Certain_and_correct_scores_have_no_calibration_error_and_no_loss()
    {
        var metrics = BinaryMetrics.Compute(Rows.Labels(0, 1), [0.0, 1.0], 0.5);

        Assert.Equal(0.0, metrics[MetricNames.Ece]);
        Assert.Equal(0.0, metrics[MetricNames.Brier]);
        Assert.Equal(0.0, metrics[MetricNames.LogLoss], 1e-14);
    }
}
