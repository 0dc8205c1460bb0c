using System.Globalization;

namespace Graft.Training.Rules;

/// <summary>
/// Recursive-descent parser, one method per precedence level, loosest first:
/// or, and, not, comparison/in/between/is, + -, * / %, unary minus, then values.
/// This file holds the boolean and comparison levels; <c>RuleParser.Terms.cs</c> the rest.
/// </summary>
internal sealed partial class RuleParser(List<Token> tokens)
{
    // Deep enough for any real rule, shallow enough that a pathological one cannot overflow the stack.
    private const int MaxNesting = 64;

    private int _index;
    private int _nesting;

    public static RuleNode Parse(string text)
    {
        var parser = new RuleParser(RuleLexer.Tokenize(text));
        if (parser.Peek.Kind == TokenKind.EndOfRule)
            throw RuleSyntaxException.At(0, "empty rule", "write a condition such as tenure < 12");
        var root = parser.ParseExpression();
        var next = parser.Peek;
        if (next.Kind == TokenKind.RightParen)
            throw Unexpected(next, "it has no matching '('");
        if (next.Kind != TokenKind.EndOfRule)
            throw Unexpected(next, "expected an operator or the end of the rule");
        return root;
    }

    private RuleNode ParseExpression()
    {
        if (++_nesting > MaxNesting)
            throw RuleSyntaxException.At(Peek.Position, "nesting too deep", "simplify the parentheses");
        var node = ParseOr();
        _nesting--;
        return node;
    }

    private RuleNode ParseOr()
    {
        var left = ParseAnd();
        while (Accept(TokenKind.Or))
            left = new BinaryNode(RuleOperator.Or, left, ParseAnd(), left.Position);
        return left;
    }

    private RuleNode ParseAnd()
    {
        var left = ParseNot();
        while (Accept(TokenKind.And))
            left = new BinaryNode(RuleOperator.And, left, ParseNot(), left.Position);
        return left;
    }

    private RuleNode ParseNot()
    {
        var nots = new Stack<int>();
        while (Peek.Kind == TokenKind.Not)
            nots.Push(Take().Position);
        var node = ParsePredicate();
        while (nots.Count > 0)
            node = new UnaryNode(RuleOperator.Not, node, nots.Pop());
        return node;
    }

    private RuleNode ParsePredicate()
    {
        var left = ParseAdditive();
        var node = ParsePredicateTail(left);
        var next = Peek;
        var chained = next.IsComparison || next.Kind is TokenKind.In or TokenKind.Is or TokenKind.Between;
        if (node != left && chained)
            throw Unexpected(next, "comparisons cannot be chained; join them with 'and'");
        return node;
    }

    private RuleNode ParsePredicateTail(RuleNode left)
    {
        var token = Peek;
        if (token.IsComparison)
        {
            Take();
            return new BinaryNode(ComparisonOperator(token.Kind), left, ParseAdditive(), left.Position);
        }
        switch (token.Kind)
        {
            case TokenKind.Is:
                Take();
                var negated = Accept(TokenKind.Not);
                Expect(TokenKind.Null,
                    negated ? "expected 'null' after 'is not'" : "expected 'null' or 'not null' after 'is'");
                return new IsNullNode(left, negated, left.Position);
            case TokenKind.In:
                Take();
                return ParseInList(left, negated: false);
            case TokenKind.Between:
                Take();
                return ParseBetween(left, negated: false);
            case TokenKind.Not:
                Take();
                if (Accept(TokenKind.In))
                    return ParseInList(left, negated: true);
                if (Accept(TokenKind.Between))
                    return ParseBetween(left, negated: true);
                throw Unexpected(Peek, "expected 'in' or 'between' after 'not'");
            default:
                return left;
        }
    }

    private InNode ParseInList(RuleNode value, bool negated)
    {
        var open = Expect(TokenKind.LeftParen, "expected '(' and a list of values after 'in'");
        if (Peek.Kind == TokenKind.RightParen)
            throw RuleSyntaxException.At(Peek.Position, "empty 'in' list", "give at least one value");
        var items = new List<RuleNode>();
        do
            items.Add(ParseExpression());
        while (Accept(TokenKind.Comma));
        ExpectClose(open, "expected ',' or ')'");
        return new InNode(value, items, negated, value.Position);
    }

    private BetweenNode ParseBetween(RuleNode value, bool negated)
    {
        var low = ParseAdditive();
        Expect(TokenKind.And, "expected 'and' between the bounds of 'between'");
        var high = ParseAdditive();
        return new BetweenNode(value, low, high, negated, value.Position);
    }

    private static RuleOperator ComparisonOperator(TokenKind kind) => kind switch
    {
        TokenKind.Equal => RuleOperator.Equal,
        TokenKind.NotEqual => RuleOperator.NotEqual,
        TokenKind.Less => RuleOperator.Less,
        TokenKind.LessOrEqual => RuleOperator.LessOrEqual,
        TokenKind.Greater => RuleOperator.Greater,
        _ => RuleOperator.GreaterOrEqual,
    };

    private static string Column(int position) => (position + 1).ToString(CultureInfo.InvariantCulture);
}
