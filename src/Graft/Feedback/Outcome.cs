namespace Graft.Feedback;

/// <summary>
/// The ground truth of one prediction, as reported: the label or value observed, when it was observed, and how it found
/// its prediction (by id, or by entity: the latest prediction for the entity made at or before the observation, within
/// the spec's <c>outcomes.window</c>). A later outcome for the same prediction supersedes this one; both are kept.
/// </summary>
public sealed class Outcome
{
    public string Id { get; set; } = "";
    public string UseCaseId { get; set; } = "";
    public string PredictionId { get; set; } = "";
    public DateTime PredictedAt { get; set; }

    /// <summary>The entity the app reported it by, as the log keeps it; null for an outcome reported by prediction id.</summary>
    public string? EntityId { get; set; }
    public DateTime ObservedAt { get; set; }
    public string? Label { get; set; }
    public double? Value { get; set; }
    public DateTime RecordedAt { get; set; }
    public string RecordedBy { get; set; } = "";

    /// <summary>The outcome that replaced this one for the same prediction; null while this one stands.</summary>
    public string? SupersededBy { get; set; }

    /// <summary>The version that answered the prediction; null when the rule did (a fallback).</summary>
    public string? ModelVersion { get; set; }

    /// <summary>
    /// The model's answer, copied from the log when the outcome joined it (label, score, class scores or value, as the
    /// log names them): live quality is computed from the outcomes alone, without reading a log page per outcome.
    /// </summary>
    public string? AnswerJson { get; set; }

    private static readonly string[] AnswerMembers = ["label", "score", "scores", "value"];

    /// <summary>The answer part of a logged output (<see cref="Serving.PredictionRecord.OutputJsonOf"/>), without its explanation and warnings.</summary>
    public static string AnswerOf(string outputJson)
    {
        var output = System.Text.Json.Nodes.JsonNode.Parse(outputJson)?.AsObject() ?? [];
        var answer = new System.Text.Json.Nodes.JsonObject();
        foreach (var name in AnswerMembers.Where(output.ContainsKey))
        {
            answer[name] = output[name]!.DeepClone();
        }
        return answer.ToJsonString();
    }
}
