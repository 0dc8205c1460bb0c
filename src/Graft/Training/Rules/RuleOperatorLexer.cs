namespace Graft.Training.Rules;

/// <summary>
/// Reads punctuation and operators. Runs of comparison characters are read whole, so a typo such as
/// "=&gt;" or "!==" is reported as one unknown operator instead of two confusing tokens.
/// </summary>
internal static class RuleOperatorLexer
{
    public static Token Read(string text, ref int pos)
    {
        var start = pos;
        var c = text[pos];
        var single = c switch
        {
            '(' => TokenKind.LeftParen,
            ')' => TokenKind.RightParen,
            ',' => TokenKind.Comma,
            '+' => TokenKind.Plus,
            '-' => TokenKind.Minus,
            '/' => TokenKind.Slash,
            '%' => TokenKind.Percent,
            _ => (TokenKind?)null,
        };
        if (single is { } kind)
        {
            pos++;
            return new Token(kind, c.ToString(), start);
        }
        if (c == '*')
        {
            pos++;
            if (pos < text.Length && text[pos] == '*')
                throw RuleSyntaxException.At(start, "unknown operator '**'", "there is no power operator; multiply instead");
            return new Token(TokenKind.Star, "*", start);
        }
        if (c == '!' && (pos + 1 >= text.Length || text[pos + 1] != '='))
        {
            pos++;
            return new Token(TokenKind.Not, "!", start);
        }
        if (IsOperatorChar(c))
            return ReadRun(text, ref pos);

        var shown = char.IsControl(c) ? $"U+{(int)c:X4}" : c.ToString();
        if (char.IsLetter(c))
            throw RuleSyntaxException.At(start, $"unexpected character '{shown}'",
                "write field names with other characters in backticks, e.g. `Prix unité`");
        throw RuleSyntaxException.At(start, $"unknown operator '{shown}'");
    }

    private static bool IsOperatorChar(char c) => c is '=' or '<' or '>' or '!' or '&' or '|';

    private static Token ReadRun(string text, ref int pos)
    {
        var start = pos;
        pos++;
        while (pos < text.Length && IsOperatorChar(text[pos]) && text[pos] != '!')
            pos++;
        var run = text[start..pos];
        TokenKind? kind = run switch
        {
            "=" or "==" => TokenKind.Equal,
            "!=" or "<>" => TokenKind.NotEqual,
            "<" => TokenKind.Less,
            "<=" => TokenKind.LessOrEqual,
            ">" => TokenKind.Greater,
            ">=" => TokenKind.GreaterOrEqual,
            "&&" => TokenKind.And,
            "||" => TokenKind.Or,
            _ => null,
        };
        if (kind is { } known)
            return new Token(known, run, start);
        var hint = run switch
        {
            "&" => "use 'and' or '&&'",
            "|" => "use 'or' or '||'",
            "=>" => "did you mean '>='?",
            "=<" => "did you mean '<='?",
            _ => "comparisons are ==, !=, <, <=, >, >=",
        };
        throw RuleSyntaxException.At(start, $"unknown operator '{run}'", hint);
    }
}
