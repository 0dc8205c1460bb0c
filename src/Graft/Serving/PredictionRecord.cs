using System.Text;
using System.Text.Json;

namespace Graft.Serving;

/// <summary>
/// One prediction as the log keeps it: which model decided what, for whom, by which route, with the inputs
/// as the data-use policy allows them (sensitive values masked) and the answer.
/// </summary>
public sealed class PredictionRecord
{
    private string? _inputsJson;
    private string? _outputJson;

    /// <summary>
    /// A record of an answer, its masked inputs and output as the UTF-8 JSON the log stores (see <see cref="OutputJsonOf"/>).
    /// <paramref name="modelVersion"/> is the model that scored the row, also when the app got the rule's answer (shadow).
    /// </summary>
    public PredictionRecord(PredictionResponse response, string? modelVersion, string? entityId, byte[] maskedInputsUtf8, byte[] outputUtf8, string? keyId, DateTime at)
        : this(response.PredictionId, response.UseCase, at, modelVersion, response.Stage, response.Route, response.FallbackReason,
            entityId, null, null, response.LatencyMs, keyId, response.Cohort) => (InputsUtf8, OutputUtf8) = (maskedInputsUtf8, outputUtf8);

    public PredictionRecord(PredictionResponse response, string? entityId, string? maskedInputsJson, string? outputJson, string? keyId, DateTime at)
        : this(response.PredictionId, response.UseCase, at, response.ModelVersion, response.Stage, response.Route, response.FallbackReason,
            entityId, maskedInputsJson, outputJson, response.LatencyMs, keyId, response.Cohort)
    {
    }

    /// <summary>A record as the log holds it, field by field (what <see cref="PredictionLogReader"/> reads back).</summary>
    public PredictionRecord(string id, string useCaseId, DateTime at, string? modelVersion, string stage, string route, string? fallbackReason,
        string? entityId, string? inputsJson, string? outputJson, double latencyMs, string? keyId, string? cohort = null)
    {
        Cohort = cohort;
        Id = id;
        UseCaseId = useCaseId;
        At = at;
        ModelVersion = modelVersion;
        Stage = stage;
        Route = route;
        FallbackReason = fallbackReason;
        EntityId = entityId;
        _inputsJson = inputsJson;
        _outputJson = outputJson;
        LatencyMs = latencyMs;
        KeyId = keyId;
    }

    private static readonly JsonEncodedText LabelName = JsonEncodedText.Encode("label");
    private static readonly JsonEncodedText ScoreName = JsonEncodedText.Encode("score");
    private static readonly JsonEncodedText ScoresName = JsonEncodedText.Encode("scores");
    private static readonly JsonEncodedText ValueName = JsonEncodedText.Encode("value");
    private static readonly JsonEncodedText ExplanationName = JsonEncodedText.Encode("explanation");
    private static readonly JsonEncodedText WarningsName = JsonEncodedText.Encode("warnings");
    private static readonly JsonEncodedText RuleName = JsonEncodedText.Encode("rule");

    /// <summary>
    /// What the log keeps of an answer, in UTF-8, named as the API names it: label, score, scores, value, and the
    /// explanation as one object from field to contribution, in the answer's order. Members without a value are
    /// left out. The log keeps this for every prediction, so it says each thing once: the API's
    /// <c>[{"field": f, "value": v}]</c> would add 20 bytes a field, and a demo answer takes 130 bytes instead of
    /// 215 (the store grows a sixth more slowly). Warnings, when there are any, are one object from field to code, and
    /// in shadow, where the app got the rule's answer, <c>rule</c> holds it (label, score, value) beside the model's.
    /// </summary>
    public static byte[] OutputJsonOf(ModelOutput output, IReadOnlyList<InputWarning>? warnings = null, ModelOutput? rule = null)
    {
        var json = LogJson.Start();
        json.WriteStartObject();
        WriteAnswer(json, output);
        if (output.Explanation.Count > 0)
        {
            json.WriteStartObject(ExplanationName);
            for (var i = 0; i < output.Explanation.Count; i++) // indexed: a foreach over the interface boxes its enumerator, once an answer
            {
                JsonNumbers.Write(json, LogJson.Name(output.Explanation[i].Field), output.Explanation[i].Value);
            }
            json.WriteEndObject();
        }
        if (warnings is { Count: > 0 })
        {
            json.WriteStartObject(WarningsName);
            for (var i = 0; i < warnings.Count; i++)
            {
                json.WriteString(LogJson.Name(warnings[i].Field), warnings[i].Code);
            }
            json.WriteEndObject();
        }
        if (rule is not null)
        {
            json.WriteStartObject(RuleName);
            WriteAnswer(json, rule);
            json.WriteEndObject();
        }
        json.WriteEndObject();
        return LogJson.Utf8(json);
    }

    private static void WriteAnswer(Utf8JsonWriter json, ModelOutput output)
    {
        if (output.Label is { } label)
        {
            json.WriteString(LabelName, label);
        }
        Number(json, ScoreName, output.Score);
        if (output.ClassScores is { } scores)
        {
            json.WriteStartObject(ScoresName);
            foreach (var (name, score) in scores)
            {
                json.WritePropertyName(name);
                JsonNumbers.Write(json, score);
            }
            json.WriteEndObject();
        }
        Number(json, ValueName, output.Value);
    }

    private static void Number(Utf8JsonWriter json, JsonEncodedText name, double? value)
    {
        if (value is { } v && double.IsFinite(v))
        {
            JsonNumbers.Write(json, name, v);
        }
    }

    public string Id { get; }
    public string UseCaseId { get; }
    public DateTime At { get; }
    public string? ModelVersion { get; }
    public string Stage { get; }
    public string Route { get; }
    public string? FallbackReason { get; }
    public string? EntityId { get; }
    public string InputsJson => _inputsJson ??= Encoding.UTF8.GetString(InputsUtf8 ?? "{}"u8.ToArray());
    public string OutputJson => _outputJson ??= Encoding.UTF8.GetString(OutputUtf8 ?? "{}"u8.ToArray());

    /// <summary>The inputs and output as built for the log, when built in UTF-8: the writer stores them as they are.</summary>
    internal byte[]? InputsUtf8 { get; }

    internal byte[]? OutputUtf8 { get; }
    public double LatencyMs { get; }
    public string? KeyId { get; }

    /// <summary>In assist and auto, whether the entity was in the stage's cohort (<c>in</c>, <c>out</c>); null otherwise.</summary>
    public string? Cohort { get; }

    /// <summary>
    /// Where the model and the rule both answered (shadow), whether their labels were the same: counted into the
    /// traffic windows as the log is written, not kept in the log (its output holds both answers).
    /// </summary>
    public bool? AgreesWithRule { get; init; }

    /// <summary>
    /// The model's confidence in its answer (high, medium, low), also in shadow where the app got the rule's: counted
    /// into the monitoring windows as the log is written, not kept in the log (it follows from the score).
    /// </summary>
    public string? Confidence { get; init; }

    /// <summary>The review item this answer opens (route <c>review</c> under a review policy), written with the record.</summary>
    public Review.PendingReview? Review { get; init; }

    /// <summary>
    /// What <see cref="InputsUtf8"/> and <see cref="OutputUtf8"/> hold, as the values they were written from, when the
    /// record was made from an answer: the monitoring windows count these rather than reading the JSON back.
    /// </summary>
    internal LoggedAnswer? Logged { get; init; }
}

/// <summary>One input as the log keeps it (see <see cref="Governance.LogPolicy"/>).</summary>
public readonly record struct LoggedValue(string Field, InputValue Value);

/// <summary>
/// A logged answer's inputs as kept, the answer at the top of its output (the model's, or the rule's when it did not
/// answer: its label, score and value, not the whole output), and its warnings. It waits in the log's queue with its
/// record, so it holds only what the windows count: what else it held (the explanation) would outlive the request.
/// </summary>
internal sealed record LoggedAnswer(LoggedValue[] Inputs, string? Label, double? Score, double? Value, IReadOnlyList<InputWarning> Warnings)
{
    public LoggedAnswer(LoggedValue[] inputs, ModelOutput output, IReadOnlyList<InputWarning> warnings)
        : this(inputs, output.Label, output.Score, output.Value, warnings)
    {
    }
}
