using Graft.Training.Evaluation;

namespace Graft.Tests.Training.Evaluation;

public class MetricSetTests
{
    [Fact]
    public void Reading_a_metric_that_was_not_computed_names_it()
    {
        var metrics = new MetricSet(new Dictionary<string, double> { [MetricNames.Rmse] = 1.5 });

        Assert.Equal(1.5, metrics[MetricNames.Rmse]);
        Assert.False(metrics.TryGet(MetricNames.Mape, out _));
        var error = Assert.Throws<KeyNotFoundException>(() => metrics[MetricNames.Mape]);
        Assert.Contains("mape", error.Message);
    }
}
