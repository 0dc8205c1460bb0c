using Graft.Registry;
using Graft.Training.Rules;
using Graft.UseCases;

namespace Graft.Serving;

/// <summary>
/// The rule baseline answering for one row when the model cannot: a binary rule's truth picks the positive or
/// the other class, a multiclass rule names the class, a regression rule gives the value. Parsed once per spec
/// revision (serving keeps it with its view of the use case), evaluated per request.
/// </summary>
public sealed class RuleFallback
{
    private readonly RuleExpression _rule;
    private readonly UseCaseSpec _spec;

    public RuleFallback(UseCaseSpec spec)
    {
        _spec = spec;
        _rule = RuleExpression.Parse(spec.Rule ?? throw new ArgumentException("the spec has no rule", nameof(spec)));
    }

    public ModelOutput Answer(IReadOnlyDictionary<string, InputValue> inputs, ModelCard? card)
    {
        var result = _rule.Evaluate(field => inputs.TryGetValue(field, out var v) ? v.Plain : null);
        switch (_spec.Task)
        {
            case TaskKind.Binary:
                var positive = card?.Positive ?? _spec.TargetPositive ?? "true";
                var negative = card?.Classes.FirstOrDefault(c => c != positive) ?? $"not {positive}";
                var truth = RuleValue.IsTrue(result);
                return new ModelOutput(truth ? positive : negative, truth ? 1 : 0, null, null, []);
            case TaskKind.Multiclass:
                return new ModelOutput(RuleValue.AsText(result), null, null, null, []);
            default:
                return new ModelOutput(null, null, null, RuleValue.AsNumber(result), []);
        }
    }
}
