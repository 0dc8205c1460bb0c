using System.Globalization;

namespace Graft.Training.Rules;

/// <summary>
/// Writes a parsed rule back out with every operation in parentheses, e.g. "((not a) and b)".
/// It shows exactly how precedence grouped a rule, for tests and for explaining a rule to a user.
/// </summary>
internal static class RulePrinter
{
    public static string Print(RuleNode node) => node switch
    {
        LiteralNode { Value: null } => "null",
        LiteralNode { Value: bool b } => b ? "true" : "false",
        LiteralNode { Value: double d } => d.ToString(CultureInfo.InvariantCulture),
        LiteralNode { Value: string s } => "'" + s.Replace("'", "''", StringComparison.Ordinal) + "'",
        FieldNode field => RuleKeywords.QuoteFieldName(field.Name),
        UnaryNode { Operator: RuleOperator.Not } not => $"(not {Print(not.Operand)})",
        UnaryNode negate => $"(-{Print(negate.Operand)})",
        BinaryNode binary => $"({Print(binary.Left)} {Symbol(binary.Operator)} {Print(binary.Right)})",
        InNode @in => $"({Print(@in.Value)} {(@in.Negated ? "not in" : "in")} ({List(@in.Items)}))",
        BetweenNode between => $"({Print(between.Value)} {(between.Negated ? "not between" : "between")} "
            + $"{Print(between.Low)} and {Print(between.High)})",
        IsNullNode isNull => $"({Print(isNull.Value)} {(isNull.Negated ? "is not null" : "is null")})",
        CaseNode @case => "(case"
            + string.Concat(@case.Branches.Select(b => $" when {Print(b.When)} then {Print(b.Then)}"))
            + (@case.Else is null ? "" : $" else {Print(@case.Else)}") + " end)",
        CallNode call => $"{call.Function.Name}({List(call.Arguments)})",
        _ => throw new ArgumentOutOfRangeException(nameof(node), node, "unknown rule node"),
    };

    private static string List(IEnumerable<RuleNode> nodes) => string.Join(", ", nodes.Select(Print));

    private static string Symbol(RuleOperator op) => op switch
    {
        RuleOperator.Add => "+",
        RuleOperator.Subtract => "-",
        RuleOperator.Multiply => "*",
        RuleOperator.Divide => "/",
        RuleOperator.Remainder => "%",
        RuleOperator.Equal => "==",
        RuleOperator.NotEqual => "!=",
        RuleOperator.Less => "<",
        RuleOperator.LessOrEqual => "<=",
        RuleOperator.Greater => ">",
        RuleOperator.GreaterOrEqual => ">=",
        RuleOperator.And => "and",
        RuleOperator.Or => "or",
        _ => throw new ArgumentOutOfRangeException(nameof(op), op, "not a binary operator"),
    };
}
