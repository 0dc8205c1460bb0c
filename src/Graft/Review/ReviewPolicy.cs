using Graft.Serving;
using Graft.Training.Rules;
using Graft.UseCases;

namespace Graft.Review;

/// <summary>
/// Which answers go to people, and how they are reviewed (the spec's <c>review</c>). In <c>assist</c> every answer the
/// model gives inside the cohort goes to the queue (the stage means people see each one; the cohort is how many). In
/// <c>auto</c> an answer goes to the queue when any selector takes it: its score in <see cref="Band"/>, the
/// <see cref="When"/> rule true over its inputs and answer, warnings (<see cref="Warnings"/>), a high-risk use case's
/// answer that is not high confidence, or the random QA sample. <see cref="Overlap"/> independent reviewers decide each
/// item, blind to each other; a claim lasts <see cref="ClaimMinutes"/>; an item nobody decides within
/// <see cref="ExpireHours"/> expires. Documented in docs/review.md.
/// </summary>
public sealed record ReviewPolicy
{
    public (double Low, double High)? Band { get; init; }
    public string? When { get; init; }
    public double SamplePercent { get; init; }
    public bool Warnings { get; init; } = true;
    public IReadOnlyList<string> Reasons { get; init; } = [];
    public int Overlap { get; init; } = 1;
    public int ClaimMinutes { get; init; } = 10;
    public int ExpireHours { get; init; } = 72;

    /// <summary>The names a <see cref="When"/> rule may use besides the data's fields: the answer's (checked by <see cref="SpecDataCheck"/>).</summary>
    public static readonly IReadOnlyList<string> AnswerNames = ["score", "label", "value", "confidence"];

    private RuleExpression? _when;
    private RuleExpression? WhenRule => When is null ? null : _when ??= RuleExpression.Parse(When);

    /// <summary>
    /// Why an answer the model gave goes to review (<see cref="SelectedBy"/>'s words), or null when it does not. The
    /// cheap selectors are tried first; the rule is evaluated only when none of them took the answer.
    /// </summary>
    public string? Select(UseCaseSpec spec, IReadOnlyDictionary<string, Data.FieldType> dataFields, Rollout.Stage stage, ModelOutput output, string? confidence,
        IReadOnlyList<InputWarning> warnings, IReadOnlyDictionary<string, InputValue> inputs)
    {
        if (stage == Rollout.Stage.Assist)
        {
            return SelectedBy.Assist;
        }
        if (Band is { } band && output.Score is { } score && score >= band.Low && score <= band.High)
        {
            return SelectedBy.Band;
        }
        if (Warnings && warnings.Count > 0)
        {
            return SelectedBy.Warnings;
        }
        if (spec.Risk == "high" && confidence is not null && confidence != "high")
        {
            return SelectedBy.Risk;
        }
        if (WhenRule is { } rule && RuleValue.BinaryScore(rule.Evaluate(name => Named(name, output, confidence, inputs, spec, dataFields))) >= 0.5)
        {
            return SelectedBy.Rule;
        }
        return SamplePercent > 0 && Random.Shared.NextDouble() * 100 < SamplePercent ? SelectedBy.Sample : null;
    }

    /// <summary>A name in the rule: the answer's own (score, label, value, confidence) first, then an input, typed as the rule baseline types it.</summary>
    private static object? Named(string name, ModelOutput output, string? confidence, IReadOnlyDictionary<string, InputValue> inputs, UseCaseSpec spec,
        IReadOnlyDictionary<string, Data.FieldType> dataFields) => name switch
    {
        "score" => output.Score,
        "label" => output.Label,
        "value" => output.Value,
        "confidence" => confidence,
        _ => inputs.TryGetValue(name, out var v) ? RuleFallback.Typed(v, RuleFallback.TypeOf(spec, dataFields, name)) : null,
    };
}

/// <summary>Why an answer went to review. The words are part of the API (an item's <c>selected_by</c>).</summary>
public static class SelectedBy
{
    public const string Assist = "assist";
    public const string Band = "band";
    public const string Warnings = "warnings";
    public const string Risk = "risk";
    public const string Rule = "rule";
    public const string Sample = "sample";
}
