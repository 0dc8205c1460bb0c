namespace Graft.Training.Rules;

/// <summary>Lists the field references in a rule in the order they are written.</summary>
internal static class RuleFieldUses
{
    public static IEnumerable<FieldNode> InOrder(RuleNode node)
    {
        if (node is FieldNode field)
        {
            yield return field;
            yield break;
        }
        foreach (var child in Children(node))
        {
            foreach (var use in InOrder(child))
                yield return use;
        }
    }

    private static IEnumerable<RuleNode> Children(RuleNode node) => node switch
    {
        UnaryNode unary => [unary.Operand],
        BinaryNode binary => [binary.Left, binary.Right],
        InNode @in => [@in.Value, .. @in.Items],
        BetweenNode between => [between.Value, between.Low, between.High],
        IsNullNode isNull => [isNull.Value],
        CaseNode @case => [.. @case.Branches.SelectMany(b => new[] { b.When, b.Then }), .. OptionalElse(@case)],
        CallNode call => call.Arguments,
        _ => [],
    };

    private static IEnumerable<RuleNode> OptionalElse(CaseNode @case) => @case.Else is null ? [] : [@case.Else];
}
