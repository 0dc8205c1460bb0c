using Graft.Data;
using Graft.Registry;
using Graft.Training.Rules;
using Graft.UseCases;

namespace Graft.Serving;

/// <summary>
/// The rule baseline answering for one row when the model cannot, read exactly as training's baseline read it
/// (<see cref="Training.RuleBaseline"/>): inputs typed by their field's type, a binary result scored by
/// <see cref="RuleValue.BinaryScore"/> and cut at 0.5, a multiclass rule naming the class, a regression rule
/// giving the value. Parsed once per spec revision (serving keeps it with its view of the use case).
/// </summary>
public sealed class RuleFallback
{
    public const double Threshold = 0.5;

    private readonly RuleExpression _rule;
    private readonly UseCaseSpec _spec;
    private readonly Dictionary<string, FieldType> _types;

    public RuleFallback(UseCaseSpec spec, IReadOnlyDictionary<string, FieldType> dataFields)
    {
        _spec = spec;
        _rule = RuleExpression.Parse(spec.Rule ?? throw new ArgumentException("the spec has no rule", nameof(spec)));
        _types = _rule.Fields.ToDictionary(f => f, f => TypeOf(spec, dataFields, f), StringComparer.Ordinal);
    }

    public ModelOutput Answer(IReadOnlyDictionary<string, InputValue> inputs, ModelCard? card)
    {
        var result = _rule.Evaluate(field => inputs.TryGetValue(field, out var v) ? Typed(v, _types[field]) : null);
        switch (_spec.Task)
        {
            case TaskKind.Binary:
                var positive = card?.Positive ?? _spec.TargetPositive ?? "true";
                var negative = card?.Classes.FirstOrDefault(c => c != positive) ?? $"not {positive}";
                var score = RuleValue.BinaryScore(result);
                return new ModelOutput(score >= Threshold ? positive : negative, score, null, null, []);
            case TaskKind.Multiclass:
                return new ModelOutput(RuleValue.AsText(result), null, null, null, []);
            default:
                return new ModelOutput(null, null, null, RuleValue.AsNumber(result), []);
        }
    }

    /// <summary>A field's type as a rule reads it: the spec's word, else the type the data gave it (text for a field the data lacks).</summary>
    internal static FieldType TypeOf(UseCaseSpec spec, IReadOnlyDictionary<string, FieldType> dataFields, string field) =>
        spec.Policy(field)?.Type ?? dataFields.GetValueOrDefault(field, FieldType.Text);

    /// <summary>
    /// A value as training's baseline read the same field from its CSV (through its text), except that a number sent
    /// for a boolean field is true when non-zero, as the model reads it.
    /// </summary>
    internal static object? Typed(InputValue value, FieldType type) =>
        type == FieldType.Boolean && value.Kind == InputValueKind.Number ? value.Number != 0 : RuleValue.FromText(value.AsText(), type);
}
