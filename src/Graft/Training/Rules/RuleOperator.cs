namespace Graft.Training.Rules;

/// <summary>The unary and binary operators of the rule language, after spelling variants are merged.</summary>
internal enum RuleOperator
{
    Negate,
    Not,
    Add,
    Subtract,
    Multiply,
    Divide,
    Remainder,
    Equal,
    NotEqual,
    Less,
    LessOrEqual,
    Greater,
    GreaterOrEqual,
    And,
    Or,
}
