namespace Graft.Training.Rules;

/// <summary>
/// The three-valued (SQL) logic of and, or, in and between: null is "unknown", so
/// <c>null and false</c> is false and <c>null or true</c> is true, but <c>null and true</c> is null.
/// </summary>
internal static class RuleLogicCompiler
{
    public static RowEvaluator And(RowEvaluator left, RowEvaluator right) => row =>
    {
        var a = RuleValue.Truth(left(row));
        if (a == false)
            return RuleValue.False;
        var b = RuleValue.Truth(right(row));
        if (b == false)
            return RuleValue.False;
        return a == true && b == true ? RuleValue.True : null;
    };

    public static RowEvaluator Or(RowEvaluator left, RowEvaluator right) => row =>
    {
        var a = RuleValue.Truth(left(row));
        if (a == true)
            return RuleValue.True;
        var b = RuleValue.Truth(right(row));
        if (b == true)
            return RuleValue.True;
        return a == false && b == false ? RuleValue.False : null;
    };

    /// <summary>True on a match; otherwise null if the value or any item was null, else false.</summary>
    public static RowEvaluator In(RowEvaluator value, RowEvaluator[] items, bool negated) => row =>
    {
        var v = value(row);
        if (v is null)
            return null;
        var unknown = false;
        foreach (var item in items)
        {
            var equal = RuleComparison.Equal(v, item(row));
            if (equal == true)
                return RuleValue.Box(!negated);
            unknown |= equal is null;
        }
        return unknown ? null : RuleValue.Box(negated);
    };

    public static RowEvaluator Between(RowEvaluator value, RowEvaluator low, RowEvaluator high, bool negated) => row =>
    {
        var v = value(row);
        var aboveLow = RuleComparison.Order(v, low(row)) is { } l ? l >= 0 : (bool?)null;
        var belowHigh = RuleComparison.Order(v, high(row)) is { } h ? h <= 0 : (bool?)null;
        bool? inside = aboveLow == false || belowHigh == false ? false
            : aboveLow == true && belowHigh == true ? true
            : null;
        return RuleValue.Box(negated ? !inside : inside);
    };
}
