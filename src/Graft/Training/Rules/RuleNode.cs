namespace Graft.Training.Rules;

/// <summary>
/// The parsed form of a rule: a small immutable tree. <see cref="Position"/> is where the node
/// starts in the rule text, so later checks (unknown fields) can point at it.
/// </summary>
internal abstract record RuleNode(int Position);

/// <summary>A number (double), string, boolean or null written in the rule.</summary>
internal sealed record LiteralNode(object? Value, int Position) : RuleNode(Position);

internal sealed record FieldNode(string Name, int Position) : RuleNode(Position);

internal sealed record UnaryNode(RuleOperator Operator, RuleNode Operand, int Position) : RuleNode(Position);

internal sealed record BinaryNode(RuleOperator Operator, RuleNode Left, RuleNode Right, int Position)
    : RuleNode(Position);

/// <summary><c>value [not] in (items)</c>.</summary>
internal sealed record InNode(RuleNode Value, IReadOnlyList<RuleNode> Items, bool Negated, int Position)
    : RuleNode(Position);

/// <summary><c>value [not] between low and high</c>, inclusive at both ends.</summary>
internal sealed record BetweenNode(RuleNode Value, RuleNode Low, RuleNode High, bool Negated, int Position)
    : RuleNode(Position);

/// <summary><c>value is [not] null</c>.</summary>
internal sealed record IsNullNode(RuleNode Value, bool Negated, int Position) : RuleNode(Position);

/// <summary><c>case when … then … [else …] end</c>; a missing else is null.</summary>
internal sealed record CaseNode(IReadOnlyList<CaseBranch> Branches, RuleNode? Else, int Position)
    : RuleNode(Position);

internal sealed record CaseBranch(RuleNode When, RuleNode Then);

internal sealed record CallNode(RuleFunction Function, IReadOnlyList<RuleNode> Arguments, int Position)
    : RuleNode(Position);
