namespace Graft.Training.Rules;

/// <summary>
/// Arithmetic over rule values. Operands are read as numbers (numeric strings included); anything
/// that is not a number, division by zero and overflow all give null rather than an error.
/// </summary>
internal static class RuleArithmetic
{
    public static object? Apply(RuleOperator op, object? left, object? right)
    {
        if (RuleValue.AsNumber(left) is not { } a || RuleValue.AsNumber(right) is not { } b)
            return null;
        return op switch
        {
            RuleOperator.Add => RuleValue.Box(a + b),
            RuleOperator.Subtract => RuleValue.Box(a - b),
            RuleOperator.Multiply => RuleValue.Box(a * b),
            RuleOperator.Divide => b == 0 ? null : RuleValue.Box(a / b),
            RuleOperator.Remainder => b == 0 ? null : RuleValue.Box(a % b),
            _ => throw new ArgumentOutOfRangeException(nameof(op), op, "not an arithmetic operator"),
        };
    }

    public static object? Negate(object? value) => RuleValue.AsNumber(value) is { } n ? -n : null;
}
