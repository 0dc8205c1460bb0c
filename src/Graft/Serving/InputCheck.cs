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

    /// <summary>How a field the use case does not have is named in the problems (clients such as <c>graft predict --server</c> recognise it).</summary>
    public const string NotAField = "is not a field of this use case";

    public static Dictionary<string, string[]> Problems(UseCaseView view, ModelCard? card, Dictionary<string, InputValue>? inputs) =>
        ProblemsOrNull(RulesFor(view, card), inputs) ?? new(StringComparer.Ordinal);

    /// <summary>The problems by field, or null when there are none (as for nearly every request: nothing is made for them).</summary>
    internal static Dictionary<string, string[]>? ProblemsOrNull(FieldRules rules, Dictionary<string, InputValue>? inputs)
    {
        if (inputs is null)
        {
            return new(StringComparer.Ordinal) { ["inputs"] = ["is required: an object of field names to values"] };
        }
        if (inputs.Count > MaxFields)
        {
            return new(StringComparer.Ordinal) { ["inputs"] = [$"has {inputs.Count} fields; at most {MaxFields} are accepted"] };
        }
        Dictionary<string, string[]>? problems = null;
        foreach (var (field, value) in inputs)
        {
            if (!rules.ByField.TryGetValue(field, out var rule))
            {
                var hint = ClosestName.Find(field, rules.ByField.Keys) is { } close ? $"; did you mean '{close}'?" : "";
                (problems ??= new(StringComparer.Ordinal))[field] = [NotAField + hint];
            }
            else if (Problem(value, rule) is { } problem)
            {
                (problems ??= new(StringComparer.Ordinal))[field] = [problem];
            }
        }
        return problems;
    }

    /// <summary>What each field may hold and what a row is expected to carry, worked out once per view of the use case and model version rather than per row.</summary>
    internal static FieldRules RulesFor(UseCaseView view, ModelCard? card) =>
        view.InputRules.GetOrAdd(card?.Version ?? "", static (_, state) => Build(state.view, state.card), (view, card));

    private static FieldRules Build(UseCaseView view, ModelCard? card)
    {
        var (spec, dataFields) = (view.Spec, view.DataFields);
        var byField = new Dictionary<string, FieldRule>(StringComparer.Ordinal);
        foreach (var field in view.KnownFields)
        {
            var type = spec.Policy(field)?.Type ?? (dataFields.TryGetValue(field, out var read) ? read : (FieldType?)null);
            byField[field] = new FieldRule(type is { } t ? ModelInput.KindOf(t) : null, type, spec.Policy(field));
        }
        foreach (var input in card?.Inputs ?? [])
        {
            byField[input.Field] = new FieldRule(input.Kind, input.Type, spec.Policy(input.Field)); // the model reads it this way, whatever the data said
        }
        return new FieldRules(byField, InputExpectations.For(spec, card));
    }

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

    private static string? Problem(InputValue value, FieldRule rule)
    {
        var policy = rule.Policy;
        if (InputExpectations.IsMissing(value))
        {
            return null; // "", "NA": missing, as the same text in a training file is
        }
        switch (value.Kind)
        {
            case InputValueKind.Null:
                return null;
            case InputValueKind.Structured:
                return "must be a single value, not an object or a list";
            case InputValueKind.String when value.Text!.Length > MaxTextLength:
                return $"is {value.Text.Length:N0} characters long; at most {MaxTextLength:N0} are accepted";
            case InputValueKind.Number when !double.IsFinite(value.Number):
                return "is a number too large to read";
        }
        if (rule.Kind == InputKind.Numeric && value.Kind == InputValueKind.String && !Values.TryNumber(value.Text, out _)
            && !(rule.Type == FieldType.Boolean && Values.TryBoolean(value.Text!, out _)))
        {
            return rule.Type == FieldType.Boolean
                ? $"must be true or false (or 1 or 0), got \"{Truncate(value.Text!)}\""
                : $"must be a number, got \"{Truncate(value.Text!)}\"";
        }
        if (policy?.Allowed is { Count: > 0 } allowed && !allowed.Contains(value.AsText() ?? ""))
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

/// <summary>
/// What each field of a request may hold, and what a row is expected to carry, for one view of a use case and one
/// model version (none: the rule's).
/// </summary>
internal sealed record FieldRules(Dictionary<string, FieldRule> ByField, InputExpectations Expectations);

/// <summary>How a field is read (its kind and type, when known) and what the spec allows of it.</summary>
internal sealed record FieldRule(InputKind? Kind, FieldType? Type, FieldPolicy? Policy);
