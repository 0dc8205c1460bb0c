using Graft.Training.Evaluation;
using Graft.UseCases;

namespace Graft.Training;

/// <summary>Scores held-out labels against a candidate's outputs with the metrics of the task.</summary>
public static class Evaluator
{
    public static MetricSet Evaluate(TaskKind task, float[] labels, double[] scores, int classCount, double threshold) => task switch
    {
        TaskKind.Binary => BinaryMetrics.Compute(labels.Select(l => l > 0.5f).ToArray(), scores, threshold),
        TaskKind.Multiclass => MulticlassMetrics.Compute(labels.Select(l => (int)l).ToArray(), scores, classCount),
        _ => RegressionMetrics.Compute(labels.Select(l => (double)l).ToArray(), scores),
    };

    /// <summary>One metric of <see cref="Evaluate"/>, computed alone where that is cheaper (binary); NaN where the rows do not define it.</summary>
    public static double EvaluateOne(TaskKind task, string metric, float[] labels, double[] scores, int classCount, double threshold) =>
        task == TaskKind.Binary ? BinaryMetrics.One(metric, labels.Select(l => l > 0.5f).ToArray(), scores, threshold)
        : Evaluate(task, labels, scores, classCount, threshold).TryGet(metric, out var value) ? value : double.NaN;

    /// <summary>
    /// The decision threshold for a binary model: the spec's; else, on validation data, the one that maximises the spec's
    /// business value when it prices the outcomes (<c>value</c>), or F1 when it does not.
    /// </summary>
    public static double Threshold(UseCaseSpec spec, float[] validationLabels, double[] validationScores)
    {
        if (spec.Task != TaskKind.Binary)
        {
            return double.NaN;
        }
        if (spec.Threshold is { } given)
        {
            return given;
        }
        var labels = validationLabels.Select(l => l > 0.5f).ToArray();
        return spec.Value is { } value ? ModelTests.BusinessValue.BestThreshold(value, labels, validationScores) : BinaryMetrics.BestF1Threshold(labels, validationScores);
    }
}
