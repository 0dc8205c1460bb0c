namespace Graft.Training.Rules;

/// <summary>
/// Turns a parsed rule into nested closures over a row, so evaluation is a handful of delegate
/// calls with no tree inspection. Fields are resolved to row positions once, here.
/// </summary>
internal static class RuleCompiler
{
    public static RowEvaluator Compile(RuleNode node, IReadOnlyDictionary<string, int> fieldIndex)
    {
        RowEvaluator Sub(RuleNode child) => Compile(child, fieldIndex);
        return node switch
        {
            LiteralNode literal => Constant(literal.Value),
            FieldNode field => Field(fieldIndex[field.Name]),
            UnaryNode { Operator: RuleOperator.Not } not => Not(Sub(not.Operand)),
            UnaryNode negate => Negate(Sub(negate.Operand)),
            BinaryNode { Operator: RuleOperator.And } and => RuleLogicCompiler.And(Sub(and.Left), Sub(and.Right)),
            BinaryNode { Operator: RuleOperator.Or } or => RuleLogicCompiler.Or(Sub(or.Left), Sub(or.Right)),
            BinaryNode binary when IsComparison(binary.Operator)
                => Compare(binary.Operator, Sub(binary.Left), Sub(binary.Right)),
            BinaryNode binary => Arithmetic(binary.Operator, Sub(binary.Left), Sub(binary.Right)),
            InNode @in => RuleLogicCompiler.In(Sub(@in.Value), [.. @in.Items.Select(Sub)], @in.Negated),
            BetweenNode between
                => RuleLogicCompiler.Between(Sub(between.Value), Sub(between.Low), Sub(between.High), between.Negated),
            IsNullNode isNull => IsNull(Sub(isNull.Value), isNull.Negated),
            CaseNode @case => Case(
                [.. @case.Branches.Select(b => (Sub(b.When), Sub(b.Then)))],
                @case.Else is null ? null : Sub(@case.Else)),
            CallNode call => Call(call.Function, [.. call.Arguments.Select(Sub)]),
            _ => throw new ArgumentOutOfRangeException(nameof(node), node, "unknown rule node"),
        };
    }

    private static bool IsComparison(RuleOperator op) => op is RuleOperator.Equal or RuleOperator.NotEqual
        or RuleOperator.Less or RuleOperator.LessOrEqual or RuleOperator.Greater or RuleOperator.GreaterOrEqual;

    private static RowEvaluator Constant(object? value) => _ => value;

    private static RowEvaluator Field(int index) => row => RuleValue.Normalize(row[index]);

    private static RowEvaluator Not(RowEvaluator operand) => row => RuleValue.Box(!RuleValue.Truth(operand(row)));

    private static RowEvaluator Negate(RowEvaluator operand) => row => RuleArithmetic.Negate(operand(row));

    private static RowEvaluator Compare(RuleOperator op, RowEvaluator left, RowEvaluator right)
        => row => RuleComparison.Apply(op, left(row), right(row));

    private static RowEvaluator Arithmetic(RuleOperator op, RowEvaluator left, RowEvaluator right)
        => row => RuleArithmetic.Apply(op, left(row), right(row));

    private static RowEvaluator IsNull(RowEvaluator value, bool negated)
        => row => RuleValue.Box(value(row) is null != negated);

    private static RowEvaluator Case((RowEvaluator When, RowEvaluator Then)[] branches, RowEvaluator? otherwise) => row =>
    {
        foreach (var (when, then) in branches)
        {
            if (RuleValue.Truth(when(row)) == true)
                return then(row);
        }
        return otherwise?.Invoke(row);
    };

    private static RowEvaluator Call(RuleFunction function, RowEvaluator[] arguments)
    {
        if (function.Unary is { } unary)
        {
            var argument = arguments[0];
            return row => unary(argument(row));
        }
        var binary = function.Binary!;
        return row =>
        {
            var result = arguments[0](row);
            for (var i = 1; i < arguments.Length; i++)
                result = binary(result, arguments[i](row));
            return result;
        };
    }
}
