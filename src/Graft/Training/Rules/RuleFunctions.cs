namespace Graft.Training.Rules;

/// <summary>
/// The functions a rule may call, looked up without regard to case. Like the operators they
/// never throw: an argument of the wrong kind or null gives null.
/// </summary>
internal static class RuleFunctions
{
    private static readonly RuleFunction[] All =
    [
        new("lower", "lower(text)", 1, 1, Unary: v => RuleValue.AsText(v)?.ToLowerInvariant()),
        new("upper", "upper(text)", 1, 1, Unary: v => RuleValue.AsText(v)?.ToUpperInvariant()),
        new("length", "length(text)", 1, 1, Unary: v => RuleValue.AsText(v) is { } s ? (double)s.Length : null),
        new("contains", "contains(text, part)", 2, 2,
            Binary: (s, p) => Text(s, p, static (a, b) => a.Contains(b, StringComparison.Ordinal))),
        new("starts_with", "starts_with(text, prefix)", 2, 2,
            Binary: (s, p) => Text(s, p, static (a, b) => a.StartsWith(b, StringComparison.Ordinal))),
        new("ends_with", "ends_with(text, suffix)", 2, 2,
            Binary: (s, p) => Text(s, p, static (a, b) => a.EndsWith(b, StringComparison.Ordinal))),
        new("abs", "abs(number)", 1, 1, Unary: v => RuleValue.AsNumber(v) is { } n ? Math.Abs(n) : null),
        new("min", "min(a, b, ...)", 2, int.MaxValue, Binary: (a, b) => Pick(a, b, Math.Min)),
        new("max", "max(a, b, ...)", 2, int.MaxValue, Binary: (a, b) => Pick(a, b, Math.Max)),
        new("coalesce", "coalesce(value, fallback, ...)", 1, int.MaxValue, Binary: (a, b) => a ?? b),
    ];

    private static readonly Dictionary<string, RuleFunction> ByName =
        All.ToDictionary(f => f.Name, StringComparer.OrdinalIgnoreCase);

    public static IEnumerable<string> Names => All.Select(f => f.Name);

    public static RuleFunction? Find(string name) => ByName.GetValueOrDefault(name);

    private static object? Text(object? text, object? part, Func<string, string, bool> test)
        => RuleValue.AsText(text) is { } a && RuleValue.AsText(part) is { } b ? RuleValue.Box(test(a, b)) : null;

    private static double? Pick(object? a, object? b, Func<double, double, double> pick)
        => RuleValue.AsNumber(a) is { } x && RuleValue.AsNumber(b) is { } y ? pick(x, y) : null;
}
