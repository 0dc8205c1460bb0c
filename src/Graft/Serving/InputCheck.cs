using System.Text.Json;
using Graft.Data;
using Graft.Registry;
using Graft.Training;
using Graft.Training.Rules;
using Graft.UseCases;

namespace Graft.Serving;

/// <summary>
/// Checks a request's inputs against the spec, the data and the model: every field known, of the right kind, within the
/// spec's allowed values and range, and of sane size. Returns every problem by field, for one 400 answer.
/// </summary>
public static class InputCheck
{
    public const int MaxFields = 512;
    public const int MaxTextLength = 10_000;
    public const int MaxEntityIdLength = 256;

    public static Dictionary<string, string[]> Problems(UseCaseView view, ModelCard? card, Dictionary<string, JsonElement>? inputs)
    {
        var problems = new Dictionary<string, string[]>(StringComparer.Ordinal);
        if (inputs is null)
        {
            problems["inputs"] = ["is required: an object of field names to values"];
            return problems;
        }
        if (inputs.Count > MaxFields)
        {
            problems["inputs"] = [$"has {inputs.Count} fields; at most {MaxFields} are accepted"];
            return problems;
        }
        var (spec, dataFields, known) = (view.Spec, view.DataFields, view.KnownFields);
        foreach (var (field, value) in inputs)
        {
            var kind = card?.Inputs.FirstOrDefault(i => i.Field == field)?.Kind
                ?? (dataFields.TryGetValue(field, out var type) ? ModelInput.KindOf(spec.Policy(field)?.Type ?? type) : null);
            if (!known.Contains(field) && card?.Inputs.Any(i => i.Field == field) != true)
            {
                var hint = ClosestName.Find(field, known) is { } close ? $"; did you mean '{close}'?" : "";
                problems[field] = [$"is not a field of this use case{hint}"];
            }
            else if (Problem(value, kind, spec.Policy(field)) is { } problem)
            {
                problems[field] = [problem];
            }
        }
        return problems;
    }

    /// <summary>Required fields (per the spec) that the request lacks or sends as null.</summary>
    public static IReadOnlyList<string> MissingRequired(UseCaseSpec spec, Dictionary<string, JsonElement> inputs) =>
        [.. spec.Fields.Where(f => f.Required && (!inputs.TryGetValue(f.Name, out var v) || v.ValueKind == JsonValueKind.Null)).Select(f => f.Name)];

    /// <summary>
    /// The fields a request may send: those of the use case's data and every field its spec and rule name (and, checked
    /// per request, its model's inputs). Worked out once per view of the use case, not per request.
    /// </summary>
    public static HashSet<string> Known(UseCaseSpec spec, IReadOnlyDictionary<string, FieldType> dataFields)
    {
        var known = new HashSet<string>(dataFields.Keys, StringComparer.Ordinal);
        known.UnionWith(spec.Fields.Select(f => f.Name));
        known.UnionWith(spec.Exclude);
        known.UnionWith(spec.Timestamp?.Fields ?? []);
        if (spec.Rule is not null)
        {
            known.UnionWith(RuleExpression.Parse(spec.Rule).Fields);
        }
        if (spec.Entity is not null)
        {
            known.Add(spec.Entity);
        }
        return known;
    }

    private static string? Problem(JsonElement value, InputKind? kind, FieldPolicy? policy)
    {
        switch (value.ValueKind)
        {
            case JsonValueKind.Null:
                return null;
            case JsonValueKind.Object or JsonValueKind.Array:
                return "must be a single value, not an object or a list";
            case JsonValueKind.String when value.GetString()!.Length > MaxTextLength:
                return $"is {value.GetString()!.Length:N0} characters long; at most {MaxTextLength:N0} are accepted";
        }
        if (kind == InputKind.Numeric && value.ValueKind == JsonValueKind.String && !Values.TryNumber(value.GetString(), out _))
        {
            return $"must be a number, got \"{Truncate(value.GetString()!)}\"";
        }
        if (policy?.Allowed is { Count: > 0 } allowed && !allowed.Contains(InputValues.Text(value) ?? ""))
        {
            return $"must be one of {string.Join(", ", allowed)}";
        }
        if (policy is { Min: not null } or { Max: not null })
        {
            var number = InputValues.Number(value, FieldType.Number);
            if (float.IsNaN(number) || number < policy.Min || number > policy.Max)
            {
                return $"must be a number between {policy.Min?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "-∞"} and {policy.Max?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "∞"}";
            }
        }
        return null;
    }

    private static string Truncate(string text) => text.Length <= 40 ? text : text[..40] + "…";
}
