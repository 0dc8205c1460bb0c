using Graft.Training.Rules;

namespace Graft.Tests.Training.Rules;

/// <summary>Shorthands for rule tests: evaluate a rule over named values, show how a rule grouped.</summary>
internal static class TestRule
{
    /// <summary>
    /// Evaluates <paramref name="text"/> with fields a, b and c, through both the by-name and the
    /// compiled path, and insists they agree so every test covers both.
    /// </summary>
    public static object? Evaluate(string text, object? a = null, object? b = null, object? c = null)
        => EvaluateRow(text, ("a", a), ("b", b), ("c", c));

    public static object? EvaluateRow(string text, params (string Name, object? Value)[] fields)
    {
        var rule = RuleExpression.Parse(text);
        var values = fields.ToDictionary(f => f.Name, f => f.Value, StringComparer.Ordinal);
        var byName = rule.Evaluate(name => values[name]);

        // Reverse the field order so positions differ from the rule's own order.
        var order = fields.Select(f => f.Name).Reverse().ToArray();
        var compiled = rule.Compile(order).Evaluate(order.Select(n => values[n]).ToArray());

        Assert.Equal(byName, compiled);
        return compiled;
    }

    /// <summary>The rule with every operation parenthesised, e.g. "((not a) and b)".</summary>
    public static string Grouping(string text) => RulePrinter.Print(RuleExpression.Parse(text).Root);

    public static RuleSyntaxException SyntaxError(string text)
        => Assert.Throws<RuleSyntaxException>(() => RuleExpression.Parse(text));
}
