using Graft.UseCases;
using System.Text.RegularExpressions;
using Graft.Training.Evaluation;

namespace Graft.Tests.Training.Evaluation;

public class MetricCatalogTests
{
    private const double Tolerance = 1e-12;

    // Inputs chosen so every optional metric appears: five classes for top3_accuracy, no zero actual for mape.
    public static TheoryData<TaskKind, MetricSet> EvaluationsOfEveryTask => new()
    {
        { TaskKind.Binary, BinaryMetrics.Compute(Rows.Labels(0, 1), [0.3, 0.6], 0.5) },
        { TaskKind.Multiclass, MulticlassMetrics.Compute([0, 4], [0.6, 0.1, 0.1, 0.1, 0.1, 0.1, 0.1, 0.1, 0.1, 0.6], 5) },
        { TaskKind.Regression, RegressionMetrics.Compute([1, 2], [1, 3]) },
    };

    [Theory]
    [MemberData(nameof(EvaluationsOfEveryTask))]
    public void The_catalog_lists_exactly_the_metrics_each_task_produces(TaskKind task, MetricSet metrics)
    {
        Assert.Equal(
            MetricCatalog.For(task).Order(StringComparer.Ordinal),
            metrics.Values.Keys.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Every_metric_name_is_snake_case_with_a_label()
    {
        foreach (var task in Enum.GetValues<TaskKind>())
        {
            foreach (var name in MetricCatalog.For(task))
            {
                Assert.Matches(new Regex("^[a-z][a-z0-9]*(_[a-z0-9]+)*$"), name);
                Assert.False(string.IsNullOrWhiteSpace(MetricCatalog.Label(name)));
            }
        }
    }

    [Fact]
    public void Labels_are_for_people()
    {
        Assert.Equal("ROC AUC", MetricCatalog.Label(MetricNames.RocAuc));
        Assert.Equal("Macro F1", MetricCatalog.Label(MetricNames.MacroF1));
    }

    [Theory]
    [InlineData("roc_auc", true)]
    [InlineData("pr_auc", true)]
    [InlineData("f1", true)]
    [InlineData("macro_f1", true)]
    [InlineData("r2", true)]
    [InlineData("log_loss", false)]
    [InlineData("brier", false)]
    [InlineData("ece", false)]
    [InlineData("rmse", false)]
    [InlineData("mae", false)]
    [InlineData("mape", false)]
    public void Losses_and_errors_are_lower_is_better(string name, bool higherIsBetter)
    {
        Assert.Equal(higherIsBetter, MetricCatalog.HigherIsBetter(name));
    }

    [Fact]
    public void Improvement_is_positive_when_the_candidate_beats_the_baseline_in_either_direction()
    {
        Assert.Equal(0.05, MetricCatalog.Improvement(MetricNames.RocAuc, 0.80, 0.75), Tolerance);
        Assert.Equal(0.1, MetricCatalog.Improvement(MetricNames.LogLoss, 0.3, 0.4), Tolerance);
        Assert.Equal(-2.0, MetricCatalog.Improvement(MetricNames.Rmse, 12.0, 10.0), Tolerance);
    }

    [Fact]
    public void Class_balance_metrics_are_reported_but_cannot_rank_models()
    {
        Assert.True(MetricCatalog.IsKnown(MetricNames.PositiveRate));
        Assert.False(MetricCatalog.CanRank(MetricNames.PositiveRate));
        Assert.True(MetricCatalog.CanRank(MetricNames.RocAuc));
        Assert.Throws<ArgumentException>(() => MetricCatalog.HigherIsBetter(MetricNames.PredictedPositiveRate));
    }

    [Fact]
    public void An_unknown_metric_is_rejected_with_the_known_names()
    {
        Assert.False(MetricCatalog.IsKnown("auc"));
        var error = Assert.Throws<ArgumentException>(() => MetricCatalog.HigherIsBetter("auc"));
        Assert.Contains("roc_auc", error.Message);
    }

    [Fact]
    public void Accuracy_and_log_loss_apply_to_binary_and_multiclass()
    {
        Assert.Contains(MetricNames.Accuracy, MetricCatalog.For(TaskKind.Binary));
        Assert.Contains(MetricNames.Accuracy, MetricCatalog.For(TaskKind.Multiclass));
        Assert.Contains(MetricNames.LogLoss, MetricCatalog.For(TaskKind.Multiclass));
        Assert.DoesNotContain(MetricNames.Accuracy, MetricCatalog.For(TaskKind.Regression));
    }

    [Theory]
    [InlineData(MetricNames.RocAuc, 0.8, 0.7, true)]
    [InlineData(MetricNames.RocAuc, 0.7, 0.8, false)]
    [InlineData(MetricNames.Rmse, 1.5, 2.0, true)]
    [InlineData(MetricNames.Rmse, 2.0, 1.5, false)]
    [InlineData(MetricNames.RocAuc, 0.8, 0.8, false)]
    [InlineData(MetricNames.RocAuc, 0.1, double.NaN, true)]
    [InlineData(MetricNames.RocAuc, double.NaN, 0.1, false)]
    [InlineData(MetricNames.Rmse, double.NaN, double.NaN, false)]
    public void A_value_is_better_by_the_metrics_direction_and_a_missing_one_never_is(string metric, double candidate, double incumbent, bool better)
    {
        Assert.Equal(better, MetricCatalog.IsBetter(metric, candidate, incumbent));
    }
}
