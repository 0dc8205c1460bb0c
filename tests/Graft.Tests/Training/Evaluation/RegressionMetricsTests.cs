using Graft.Training.Evaluation;

namespace Graft.Tests.Training.Evaluation;

public class RegressionMetricsTests
{
    private const double Tolerance = 1e-12;

    [Fact]
    public void Four_points_give_the_hand_computed_errors()
    {
        // Actual 1 2 3 4, predicted 1.5 2 2 5: errors 0.5 0 −1 1.
        // RMSE = √((0.25 + 0 + 1 + 1) / 4) = √0.5625 = 0.75.  MAE = 2.5 / 4 = 0.625.
        // Mean 2.5, SS_tot = 2.25 + 0.25 + 0.25 + 2.25 = 5, SS_res = 2.25, R² = 1 − 2.25/5 = 0.55.
        // MAPE = (0.5/1 + 0/2 + 1/3 + 1/4) / 4 = 13/48.
        var metrics = RegressionMetrics.Compute([1, 2, 3, 4], [1.5, 2, 2, 5]);

        Assert.Equal(0.75, metrics[MetricNames.Rmse], Tolerance);
        Assert.Equal(0.625, metrics[MetricNames.Mae], Tolerance);
        Assert.Equal(0.55, metrics[MetricNames.R2], Tolerance);
        Assert.Equal(13.0 / 48.0, metrics[MetricNames.Mape], Tolerance);
    }

    [Fact]
    public void Scikit_learn_documentation_example_gives_the_same_r2_and_mape()
    {
        // r2_score([3,-0.5,2,7],[2.5,0.0,2,8]) = 0.948608137...; mean_absolute_percentage_error = 0.327380952...
        // MAE = (0.5 + 0.5 + 0 + 1) / 4 = 0.5.
        var metrics = RegressionMetrics.Compute([3, -0.5, 2, 7], [2.5, 0.0, 2, 8]);

        Assert.Equal(0.9486081370449679, metrics[MetricNames.R2], Tolerance);
        Assert.Equal(0.3273809523809524, metrics[MetricNames.Mape], Tolerance);
        Assert.Equal(0.5, metrics[MetricNames.Mae], Tolerance);
    }

    [Fact]
    public void Mape_is_absent_when_any_actual_is_zero()
    {
        var metrics = RegressionMetrics.Compute([0, 2, 4], [1, 2, 3]);

        Assert.False(metrics.TryGet(MetricNames.Mape, out _));
        Assert.Equal(2.0 / 3.0, metrics[MetricNames.Mae], Tolerance);
    }

    [Fact]
    public void R2_is_NaN_when_the_actual_values_are_constant()
    {
        var metrics = RegressionMetrics.Compute([5, 5, 5], [4, 5, 6]);

        Assert.True(double.IsNaN(metrics[MetricNames.R2]));
    }

    [Fact]
    public void Perfect_predictions_have_no_error_and_r2_of_one()
    {
        var metrics = RegressionMetrics.Compute([1, 2, 3], [1, 2, 3]);

        Assert.Equal(0.0, metrics[MetricNames.Rmse]);
        Assert.Equal(1.0, metrics[MetricNames.R2]);
        Assert.Equal(0.0, metrics[MetricNames.Mape]);
    }
}
