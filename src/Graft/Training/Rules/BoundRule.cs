namespace Graft.Training.Rules;

/// <summary>
/// A rule compiled against a fixed field order, for scoring many rows: each row holds the field
/// values in that order. Safe to share between threads.
/// </summary>
public sealed class BoundRule
{
    private readonly RowEvaluator _evaluate;

    internal BoundRule(RuleExpression rule, RowEvaluator evaluate, int width)
    {
        Rule = rule;
        _evaluate = evaluate;
        Width = width;
    }

    public RuleExpression Rule { get; }

    /// <summary>How many values a row must hold: the length of the field order the rule was compiled for.</summary>
    public int Width { get; }

    /// <summary>
    /// The rule's value for one row: null, a double, a string or a bool. Read it with <see cref="RuleValue"/>.
    /// Bad data gives null, never an exception; a row shorter than <see cref="Width"/> is a caller bug and throws.
    /// </summary>
    public object? Evaluate(ReadOnlySpan<object?> row)
    {
        if (row.Length < Width)
        {
            throw new ArgumentException(
                $"The row has {row.Length} values but the rule was compiled for {Width} fields.", nameof(row));
        }
        return _evaluate(row);
    }
}
