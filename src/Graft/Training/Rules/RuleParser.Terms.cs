namespace Graft.Training.Rules;

/// <summary>The arithmetic levels, values, function calls and <c>case</c>, plus the token helpers.</summary>
internal sealed partial class RuleParser
{
    private Token Peek => tokens[_index];

    private RuleNode ParseAdditive()
    {
        var left = ParseMultiplicative();
        while (Peek.Kind is TokenKind.Plus or TokenKind.Minus)
        {
            var op = Take().Kind == TokenKind.Plus ? RuleOperator.Add : RuleOperator.Subtract;
            left = new BinaryNode(op, left, ParseMultiplicative(), left.Position);
        }
        return left;
    }

    private RuleNode ParseMultiplicative()
    {
        var left = ParseUnary();
        while (Peek.Kind is TokenKind.Star or TokenKind.Slash or TokenKind.Percent)
        {
            var op = Take().Kind switch
            {
                TokenKind.Star => RuleOperator.Multiply,
                TokenKind.Slash => RuleOperator.Divide,
                _ => RuleOperator.Remainder,
            };
            left = new BinaryNode(op, left, ParseUnary(), left.Position);
        }
        return left;
    }

    private RuleNode ParseUnary()
    {
        var minuses = new Stack<int>();
        while (Peek.Kind == TokenKind.Minus)
            minuses.Push(Take().Position);
        var node = ParsePrimary();
        while (minuses.Count > 0)
        {
            var position = minuses.Pop();
            // "-2" is written as a literal, so keep it one: the printed tree and error columns stay simple.
            node = node is LiteralNode { Value: double d }
                ? new LiteralNode(-d, position)
                : new UnaryNode(RuleOperator.Negate, node, position);
        }
        return node;
    }

    private RuleNode ParsePrimary()
    {
        var token = Take();
        switch (token.Kind)
        {
            case TokenKind.Number or TokenKind.String:
                return new LiteralNode(token.Value, token.Position);
            case TokenKind.True or TokenKind.False:
                return new LiteralNode(token.Kind == TokenKind.True ? RuleValue.True : RuleValue.False, token.Position);
            case TokenKind.Null:
                return new LiteralNode(null, token.Position);
            case TokenKind.Identifier when Peek.Kind == TokenKind.LeftParen:
                return ParseCall(token);
            case TokenKind.Identifier or TokenKind.QuotedIdentifier:
                return new FieldNode((string)token.Value!, token.Position);
            case TokenKind.LeftParen:
                var inner = ParseExpression();
                ExpectClose(token, "expected an operator or ')'");
                return inner;
            case TokenKind.Case:
                return ParseCase(token);
            default:
                throw Unexpected(token, "expected a value");
        }
    }

    private CallNode ParseCall(Token name)
    {
        var function = RuleFunctions.Find(name.Text) ?? throw UnknownFunction(name);
        var open = Take();
        var arguments = new List<RuleNode>();
        if (Peek.Kind != TokenKind.RightParen)
        {
            do
                arguments.Add(ParseExpression());
            while (Accept(TokenKind.Comma));
        }
        ExpectClose(open, "expected ',' or ')'");
        if (arguments.Count < function.MinArguments || arguments.Count > function.MaxArguments)
        {
            throw RuleSyntaxException.At(name.Position, $"wrong number of arguments for '{function.Name}'",
                $"{function.Signature} takes {function.ArgumentCount}, got {arguments.Count}");
        }
        return new CallNode(function, arguments, name.Position);
    }

    private static RuleSyntaxException UnknownFunction(Token name)
    {
        var suggestion = ClosestName.Find(name.Text, RuleFunctions.Names);
        var hint = suggestion is null
            ? "the functions are " + string.Join(", ", RuleFunctions.Names)
            : $"did you mean '{suggestion}'?";
        return RuleSyntaxException.At(name.Position, $"unknown function '{name.Text}'", hint);
    }

    private CaseNode ParseCase(Token start)
    {
        if (Peek.Kind != TokenKind.When)
            throw Unexpected(Peek, "expected 'when' after 'case'");
        var branches = new List<CaseBranch>();
        while (Accept(TokenKind.When))
        {
            var when = ParseExpression();
            Expect(TokenKind.Then, "expected 'then'");
            branches.Add(new CaseBranch(when, ParseExpression()));
        }
        var otherwise = Accept(TokenKind.Else) ? ParseExpression() : null;
        if (Peek.Kind == TokenKind.EndOfRule)
            throw RuleSyntaxException.At(start.Position, "missing 'end' for the 'case'", "close it with 'end'");
        var expected = otherwise is null ? "expected 'when', 'else' or 'end'" : "expected 'end'";
        Expect(TokenKind.End, $"{expected} to close the 'case' at column {Column(start.Position)}");
        return new CaseNode(branches, otherwise, start.Position);
    }

    private void ExpectClose(Token open, string expected)
    {
        if (Peek.Kind == TokenKind.EndOfRule)
            throw RuleSyntaxException.At(open.Position, "unclosed '('", "add the matching ')'");
        Expect(TokenKind.RightParen, $"{expected} to close the '(' at column {Column(open.Position)}");
    }

    private Token Take()
    {
        var token = tokens[_index];
        if (token.Kind != TokenKind.EndOfRule)
            _index++;
        return token;
    }

    private bool Accept(TokenKind kind)
    {
        if (Peek.Kind != kind)
            return false;
        _index++;
        return true;
    }

    private Token Expect(TokenKind kind, string hint) => Peek.Kind == kind ? Take() : throw Unexpected(Peek, hint);

    private static RuleSyntaxException Unexpected(Token token, string hint)
        => RuleSyntaxException.At(token.Position, $"unexpected {token.Describe()}", hint);
}
