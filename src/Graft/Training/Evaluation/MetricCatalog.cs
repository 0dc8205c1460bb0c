using Graft.UseCases;
namespace Graft.Training.Evaluation;

/// <summary>
/// Every metric name with its tasks, direction and human label, so callers can pick the best
/// candidate and evaluate a gate margin without hard-coding which metrics are losses.
/// </summary>
public static class MetricCatalog
{
    private static readonly MetricDefinition[] Definitions =
    [
        new(MetricNames.RocAuc, "ROC AUC", true, TaskKind.Binary),
        new(MetricNames.PrAuc, "PR AUC (average precision)", true, TaskKind.Binary),
        new(MetricNames.Accuracy, "Accuracy", true, TaskKind.Binary, TaskKind.Multiclass),
        new(MetricNames.Precision, "Precision", true, TaskKind.Binary),
        new(MetricNames.Recall, "Recall", true, TaskKind.Binary),
        new(MetricNames.F1, "F1", true, TaskKind.Binary),
        new(MetricNames.LogLoss, "Log loss", false, TaskKind.Binary, TaskKind.Multiclass),
        new(MetricNames.Brier, "Brier score", false, TaskKind.Binary),
        new(MetricNames.Ece, "Expected calibration error", false, TaskKind.Binary),
        new(MetricNames.PositiveRate, "Positive rate", null, TaskKind.Binary),
        new(MetricNames.PredictedPositiveRate, "Predicted positive rate", null, TaskKind.Binary),
        new(MetricNames.MacroF1, "Macro F1", true, TaskKind.Multiclass),
        new(MetricNames.WeightedF1, "Weighted F1", true, TaskKind.Multiclass),
        new(MetricNames.MacroPrecision, "Macro precision", true, TaskKind.Multiclass),
        new(MetricNames.MacroRecall, "Macro recall", true, TaskKind.Multiclass),
        new(MetricNames.Top3Accuracy, "Top-3 accuracy", true, TaskKind.Multiclass),
        new(MetricNames.Rmse, "RMSE", false, TaskKind.Regression),
        new(MetricNames.Mae, "MAE", false, TaskKind.Regression),
        new(MetricNames.R2, "R²", true, TaskKind.Regression),
        new(MetricNames.Mape, "MAPE", false, TaskKind.Regression),
    ];

    private static readonly Dictionary<string, MetricDefinition> ByName =
        Definitions.ToDictionary(d => d.Name, StringComparer.Ordinal);

    public static bool IsKnown(string name) => ByName.ContainsKey(name);

    public static string Label(string name) => Find(name).Label;

    /// <summary>False for descriptive metrics such as positive_rate: they may be reported, not gated on.</summary>
    public static bool CanRank(string name) => Find(name).HigherIsBetter is not null;

    public static bool HigherIsBetter(string name) =>
        Find(name).HigherIsBetter
        ?? throw new ArgumentException($"Metric '{name}' describes the data and cannot rank models.", nameof(name));

    /// <summary>The names a task's evaluation can produce, in report order. Some appear only when they apply.</summary>
    public static IReadOnlyList<string> For(TaskKind task)
    {
        if (!Enum.IsDefined(task))
        {
            throw new ArgumentOutOfRangeException(nameof(task), task, "Unknown task kind.");
        }

        return [.. Definitions.Where(d => d.Tasks.Contains(task)).Select(d => d.Name)];
    }

    /// <summary>Whether <paramref name="candidate"/> beats <paramref name="incumbent"/>; a missing value (NaN) loses to any number.</summary>
    public static bool IsBetter(string name, double candidate, double incumbent) =>
        !double.IsNaN(candidate) && (double.IsNaN(incumbent) || (HigherIsBetter(name) ? candidate > incumbent : candidate < incumbent));

    /// <summary>Positive when the candidate is better than the baseline, in the metric's own units.</summary>
    public static double Improvement(string name, double candidate, double baseline) =>
        HigherIsBetter(name) ? candidate - baseline : baseline - candidate;

    private static MetricDefinition Find(string name) =>
        ByName.TryGetValue(name, out var definition)
            ? definition
            : throw new ArgumentException(
                $"Unknown metric '{name}'. Known metrics: {string.Join(", ", ByName.Keys)}.", nameof(name));
}
