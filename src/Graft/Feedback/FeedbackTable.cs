using System.Globalization;
using System.Text.Json;
using Graft.Data;
using Graft.Serving;
using Graft.UseCases;

namespace Graft.Feedback;

/// <summary>
/// The rows of a feedback export: one a labelled prediction, in the order of their ids. Its columns are the inputs as the
/// log holds them (a masked value is missing: the log never had it), the target named as the spec names it, and the
/// lineage columns (<see cref="Lineage"/>). A field the spec names that a request did not send is filled where the log
/// knows it (the entity from the record's entity, a timestamp from the time of the prediction) and missing otherwise, so
/// the spec fits the export as it fits the imported data. A prediction whose inputs retention dropped is left out.
/// </summary>
internal sealed record FeedbackTable(Frame Frame, IReadOnlyList<string> Masked, int FromOutcomes, int FromReviews, int WithoutInputs)
{
    public const string PredictionId = "prediction_id";
    public const string PredictedAt = "predicted_at";
    public const string LabelSource = "label_source";
    public const string LabelledAt = "labelled_at";

    /// <summary>Where each row came from: its prediction and when it was made, where its label came from and when it was known.</summary>
    public static readonly IReadOnlyList<string> Lineage = [PredictionId, PredictedAt, LabelSource, LabelledAt];

    public static FeedbackTable Build(UseCaseSpec spec, IReadOnlyList<PredictionRecord> records, IReadOnlyDictionary<string, FeedbackLabel> labels)
    {
        var names = new List<string>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var masked = new SortedSet<string>(StringComparer.Ordinal);
        var rows = new List<(PredictionRecord Record, Dictionary<string, string?> Inputs, FeedbackLabel Label)>(records.Count);
        var withoutInputs = 0;
        foreach (var record in records.OrderBy(r => r.Id, StringComparer.Ordinal))
        {
            var inputs = Inputs(record.InputsJson, masked);
            if (inputs.Count == 0)
            {
                withoutInputs++;
                continue;
            }
            names.AddRange(inputs.Keys.Where(name => name != spec.TargetColumn && seen.Add(name)));
            rows.Add((record, inputs, labels[record.Id]));
        }
        names.AddRange(NamedBy(spec).Where(seen.Add));
        if (names.FirstOrDefault(Lineage.Contains) is { } clash)
        {
            throw GraftException.Invalid($"the predictions have an input named '{clash}', which an export names a lineage column ({string.Join(", ", Lineage)})");
        }
        string?[][] columns = [.. Enumerable.Range(0, names.Count + Lineage.Count + 1).Select(_ => new string?[rows.Count])];
        for (var r = 0; r < rows.Count; r++)
        {
            var (record, inputs, label) = rows[r];
            var at = DateTime.SpecifyKind(record.At, DateTimeKind.Utc);
            columns[0][r] = record.Id;
            columns[1][r] = Time(at);
            for (var c = 0; c < names.Count; c++)
            {
                columns[2 + c][r] = inputs.TryGetValue(names[c], out var value) ? value : Filled(spec, names[c], record.EntityId, at);
            }
            columns[^3][r] = spec.Task == TaskKind.Regression ? label.Value?.ToString("R", CultureInfo.InvariantCulture) : label.Label;
            columns[^2][r] = label.Source;
            columns[^1][r] = Time(label.LabelledAt);
        }
        var fromOutcomes = rows.Count(row => row.Label.Source == Feedback.LabelSource.Outcome);
        var frame = new Frame([PredictionId, PredictedAt, .. names, spec.TargetColumn, LabelSource, LabelledAt], columns);
        return new FeedbackTable(frame, [.. masked], fromOutcomes, rows.Count - fromOutcomes, withoutInputs);
    }

    /// <summary>A record's inputs as text, as an imported file would hold them; a masked value is missing, and its field noted.</summary>
    private static Dictionary<string, string?> Inputs(string json, SortedSet<string> masked)
    {
        using var document = JsonDocument.Parse(json);
        var inputs = new Dictionary<string, string?>(StringComparer.Ordinal);
        foreach (var input in document.RootElement.EnumerateObject())
        {
            var value = input.Value;
            if (value.ValueKind == JsonValueKind.String && value.GetString() == Audit.SensitiveMask.Masked)
            {
                masked.Add(input.Name);
                inputs[input.Name] = null;
                continue;
            }
            inputs[input.Name] = value.ValueKind switch
            {
                JsonValueKind.String => value.GetString(),
                JsonValueKind.True => "true",
                JsonValueKind.False => "false",
                JsonValueKind.Null or JsonValueKind.Undefined => null,
                _ => value.GetRawText(),
            };
        }
        return inputs;
    }

    /// <summary>The fields the spec names, which the data must hold for the spec to fit it (the target aside).</summary>
    private static IEnumerable<string> NamedBy(UseCaseSpec spec)
    {
        IEnumerable<string> rule = spec.Rule is { } text ? Training.Rules.RuleExpression.Parse(text).Fields : [];
        IEnumerable<string> when = spec.Review?.When is { } w ? Training.Rules.RuleExpression.Parse(w).Fields.Except(Review.ReviewPolicy.AnswerNames) : [];
        return SpecDataCheck.NamedFields(spec).Select(n => n.Field).Concat(rule).Concat(when).Where(name => name != spec.TargetColumn).Distinct(StringComparer.Ordinal);
    }

    /// <summary>What the log knows of a field a request did not send: whom the prediction was about, and when it was made.</summary>
    private static string? Filled(UseCaseSpec spec, string name, string? entity, DateTime at) =>
        name == spec.Entity ? entity
        : spec.Timestamp is not { } timestamp ? null
        : name == timestamp.Field ? Time(at)
        : name == timestamp.Year ? at.Year.ToString(CultureInfo.InvariantCulture)
        : name == timestamp.Month ? at.Month.ToString(CultureInfo.InvariantCulture)
        : name == timestamp.Day ? at.Day.ToString(CultureInfo.InvariantCulture)
        : null;

    private static string Time(DateTime at) => at.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);
}
