using System.Globalization;

namespace Graft.Training.Rules;

/// <summary>
/// Equality and ordering between rule values. Null compares as unknown. A number meets a string by
/// reading the string as a number, because CSV data often holds numbers as text; when the string is
/// not a number the two are unequal and order as text.
/// </summary>
internal static class RuleComparison
{
    public static object? Apply(RuleOperator op, object? left, object? right) => op switch
    {
        RuleOperator.Equal => RuleValue.Box(Equal(left, right)),
        RuleOperator.NotEqual => RuleValue.Box(!Equal(left, right)),
        RuleOperator.Less => RuleValue.Box(Order(left, right) is { } c ? c < 0 : null),
        RuleOperator.LessOrEqual => RuleValue.Box(Order(left, right) is { } c ? c <= 0 : null),
        RuleOperator.Greater => RuleValue.Box(Order(left, right) is { } c ? c > 0 : null),
        RuleOperator.GreaterOrEqual => RuleValue.Box(Order(left, right) is { } c ? c >= 0 : null),
        _ => throw new ArgumentOutOfRangeException(nameof(op), op, "not a comparison"),
    };

    /// <summary>Null when either side is null; otherwise whether the values are equal.</summary>
    public static bool? Equal(object? left, object? right) => (left, right) switch
    {
        (null, _) or (_, null) => null,
        (double a, double b) => a == b,
        (string a, string b) => string.Equals(a, b, StringComparison.Ordinal),
        (bool a, bool b) => a == b,
        (double a, string b) => RuleValue.ParseNumber(b) == a,
        (string a, double b) => RuleValue.ParseNumber(a) == b,
        _ => false,
    };

    /// <summary>The sign of left minus right, or null when either side is null or a bool meets a non-bool.</summary>
    public static int? Order(object? left, object? right) => (left, right) switch
    {
        (null, _) or (_, null) => null,
        (double a, double b) => a.CompareTo(b),
        (string a, string b) => Math.Sign(string.CompareOrdinal(a, b)),
        (bool a, bool b) => a.CompareTo(b),
        (double a, string b) => RuleValue.ParseNumber(b) is { } n ? a.CompareTo(n) : Text(a, b),
        (string a, double b) => RuleValue.ParseNumber(a) is { } n ? n.CompareTo(b) : -Text(b, a),
        _ => null,
    };

    private static int Text(double number, string text)
        => Math.Sign(string.CompareOrdinal(number.ToString(CultureInfo.InvariantCulture), text));
}
