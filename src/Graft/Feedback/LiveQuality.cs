using System.Text.Json;
using System.Text.Json.Serialization;
using Graft.Registry;
using Graft.Training;
using Graft.Training.Evaluation;
using Graft.UseCases;

namespace Graft.Feedback;

/// <summary>
/// A model version's quality on live traffic: the training metrics computed over its answers that outcomes were joined
/// to, the number of such rows, and a 95 % bootstrap interval of the spec's metric, beside what the metric was at
/// training. Written snake_case with each metric at the top level (<c>{"roc_auc": 0.81, …, "rows": 412}</c>); a metric
/// the rows cannot define (ROC AUC when every outcome is one class) is left out.
/// </summary>
public sealed record LiveQuality(string? ModelVersion, int Rows, string Metric, double? Training, MetricInterval? Interval)
{
    [JsonExtensionData]
    public Dictionary<string, object> Values { get; init; } = [];

    /// <summary>No joined outcomes: only the row count, zero.</summary>
    public static LiveQuality None(string? version, string metric, double? training) => new(version, 0, metric, training, null);

    /// <summary>The value of the spec's metric, when the rows define it.</summary>
    [JsonIgnore]
    public double? Value => Values.TryGetValue(Metric, out var v) ? (double)v : null;
}

/// <summary>A confidence interval: the share of bootstrap resamples it holds (0.95), and its bounds.</summary>
public sealed record MetricInterval(double Level, double Low, double High);

/// <summary>One joined row: the answer the model gave (its label, score, class scores or value, as the log keeps it) and the outcome.</summary>
public sealed record JoinedAnswer(string AnswerJson, string? Label, double? Value);

/// <summary>Computes <see cref="LiveQuality"/> from joined rows with the same metric code as training (<see cref="Evaluator"/>).</summary>
public static class LiveQualityMetrics
{
    /// <summary>Below this many rows an interval says more about luck than the model; the metrics stand alone.</summary>
    public const int MinRowsForInterval = 10;

    /// <summary>
    /// The metrics of <paramref name="rows"/>, answers of the model version <paramref name="card"/> describes, scored with
    /// its classes and (binary) its threshold, as its test rows were at training. Rows whose answer or outcome cannot be
    /// scored (a class the version does not know, an answer without a score) are left out of <see cref="LiveQuality.Rows"/>.
    /// </summary>
    public static LiveQuality Compute(UseCaseSpec spec, ModelCard card, double? training, IReadOnlyList<JoinedAnswer> rows)
    {
        var encoding = new LabelEncoding(card.Task, card.Positive, card.Classes);
        var (labels, scores) = Arrays(encoding, rows);
        if (labels.Length == 0)
        {
            return LiveQuality.None(card.Version, spec.Metric, training);
        }
        var k = card.Task == TaskKind.Multiclass ? card.Classes.Count : 1;
        var threshold = card.Task == TaskKind.Binary ? Serving.ModelNumbers.Threshold(card) : double.NaN; // as answers decide labels on it
        var metrics = Evaluator.Evaluate(card.Task, labels, scores, card.Classes.Count, threshold).Values;
        var values = metrics.Where(m => double.IsFinite(m.Value)).ToDictionary(m => m.Key, m => (object)Math.Round(m.Value, 6), StringComparer.Ordinal);
        var interval = labels.Length >= MinRowsForInterval && values.TryGetValue(spec.Metric, out var value)
            && MetricBootstrap.Interval(spec.Metric, (double)value, card.Task, labels, scores, k, card.Classes.Count, threshold) is { } bounds
            ? new MetricInterval(0.95, bounds.Low, bounds.High) : null;
        return new LiveQuality(card.Version, labels.Length, spec.Metric, training, interval) { Values = values };
    }

    /// <summary>The labels and scores in the layout <see cref="Evaluator"/> takes: binary 0/1 and the positive score, class index and row-major class scores, value and predicted value.</summary>
    private static (float[] Labels, double[] Scores) Arrays(LabelEncoding encoding, IReadOnlyList<JoinedAnswer> rows)
    {
        var labels = new List<float>(rows.Count);
        var scores = new List<double>(rows.Count * Math.Max(1, encoding.Classes.Count));
        foreach (var row in rows)
        {
            using var answer = JsonDocument.Parse(row.AnswerJson);
            var root = answer.RootElement;
            switch (encoding.Task)
            {
                case TaskKind.Binary when encoding.TryEncode(row.Label, out var label) && Number(root, "score") is { } score:
                    labels.Add(label);
                    scores.Add(score);
                    break;
                case TaskKind.Multiclass when encoding.TryEncode(row.Label, out var label)
                    && root.TryGetProperty("scores", out var byClass) && byClass.ValueKind == JsonValueKind.Object:
                    labels.Add(label);
                    scores.AddRange(encoding.Classes.Select(c => byClass.TryGetProperty(c, out var p) && p.TryGetDouble(out var s) ? s : 0));
                    break;
                case TaskKind.Regression when row.Value is { } value && Number(root, "value") is { } predicted:
                    labels.Add((float)value);
                    scores.Add(predicted);
                    break;
            }
        }
        return ([.. labels], [.. scores]);
    }

    private static double? Number(JsonElement answer, string name) =>
        answer.TryGetProperty(name, out var p) && p.TryGetDouble(out var v) && double.IsFinite(v) ? v : null;
}
