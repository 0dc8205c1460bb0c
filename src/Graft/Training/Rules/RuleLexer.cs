using System.Globalization;

namespace Graft.Training.Rules;

/// <summary>Splits rule text into tokens, reporting malformed literals and unknown operators by position.</summary>
internal sealed class RuleLexer(string text)
{
    private int _pos;

    public static List<Token> Tokenize(string text)
    {
        var lexer = new RuleLexer(text);
        var tokens = new List<Token>();
        Token token;
        do
        {
            token = lexer.Next();
            tokens.Add(token);
        }
        while (token.Kind != TokenKind.EndOfRule);
        return tokens;
    }

    private Token Next()
    {
        while (_pos < text.Length && char.IsWhiteSpace(text[_pos]))
            _pos++;
        if (_pos >= text.Length)
            return new Token(TokenKind.EndOfRule, "", text.Length);

        var start = _pos;
        var c = text[_pos];
        if (char.IsAsciiDigit(c) || (c == '.' && _pos + 1 < text.Length && char.IsAsciiDigit(text[_pos + 1])))
            return ReadNumber(start);
        if (RuleKeywords.IsIdentifierStart(c))
            return ReadWord(start);
        return c switch
        {
            '\'' or '"' => ReadQuoted(start, c, TokenKind.String, "string"),
            '`' => ReadQuoted(start, '`', TokenKind.QuotedIdentifier, "field name"),
            '[' => ReadQuoted(start, ']', TokenKind.QuotedIdentifier, "field name"),
            _ => RuleOperatorLexer.Read(text, ref _pos),
        };
    }

    private Token ReadNumber(int start)
    {
        while (_pos < text.Length && char.IsAsciiDigit(text[_pos]))
            _pos++;
        if (_pos < text.Length && text[_pos] == '.')
        {
            _pos++;
            while (_pos < text.Length && char.IsAsciiDigit(text[_pos]))
                _pos++;
        }
        if (_pos < text.Length && text[_pos] is 'e' or 'E')
        {
            _pos++;
            if (_pos < text.Length && text[_pos] is '+' or '-')
                _pos++;
            while (_pos < text.Length && char.IsAsciiDigit(text[_pos]))
                _pos++;
        }
        // "12abc" or "1e" or "1.2.3" is one malformed number, not a number followed by something else.
        while (_pos < text.Length && (RuleKeywords.IsIdentifierPart(text[_pos]) || text[_pos] == '.'))
            _pos++;

        var written = text[start.._pos];
        if (!double.TryParse(written, NumberStyles.AllowDecimalPoint | NumberStyles.AllowExponent,
                CultureInfo.InvariantCulture, out var value) || !double.IsFinite(value))
            throw RuleSyntaxException.At(start, $"malformed number '{written}'");
        return new Token(TokenKind.Number, written, start, value);
    }

    private Token ReadWord(int start)
    {
        while (_pos < text.Length && RuleKeywords.IsIdentifierPart(text[_pos]))
            _pos++;
        var word = text[start.._pos];
        return RuleKeywords.TryGet(word, out var keyword)
            ? new Token(keyword, word, start)
            : new Token(TokenKind.Identifier, word, start, word);
    }

    /// <summary>Reads up to the closing quote; a doubled closing quote stands for one quote character.</summary>
    private Token ReadQuoted(int start, char close, TokenKind kind, string what)
    {
        var value = new System.Text.StringBuilder();
        _pos++;
        while (true)
        {
            if (_pos >= text.Length)
                throw RuleSyntaxException.At(start, $"unterminated {what}", $"add the closing {close}");
            var c = text[_pos++];
            if (c != close)
            {
                value.Append(c);
                continue;
            }
            if (_pos < text.Length && text[_pos] == close)
            {
                value.Append(close);
                _pos++;
                continue;
            }
            break;
        }
        if (kind == TokenKind.QuotedIdentifier && value.Length == 0)
            throw RuleSyntaxException.At(start, "empty field name");
        return new Token(kind, text[start.._pos], start, value.ToString());
    }
}
