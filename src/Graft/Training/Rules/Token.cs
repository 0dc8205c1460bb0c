namespace Graft.Training.Rules;

/// <summary>
/// One token of a rule. <see cref="Text"/> is the source as written, kept for error messages;
/// <see cref="Value"/> is the decoded literal (number, unescaped string or field name).
/// </summary>
internal readonly record struct Token(TokenKind Kind, string Text, int Position, object? Value = null)
{
    /// <summary>How the token is named in an error message.</summary>
    public string Describe() => Kind switch
    {
        TokenKind.EndOfRule => "end of the rule",
        TokenKind.String => "string " + Shortened, // already in its quotes
        _ => "'" + Shortened + "'",
    };

    private string Shortened => Text.Length <= 30 ? Text : string.Concat(Text.AsSpan(0, 27), "...");

    public bool IsComparison => Kind is TokenKind.Equal or TokenKind.NotEqual
        or TokenKind.Less or TokenKind.LessOrEqual or TokenKind.Greater or TokenKind.GreaterOrEqual;
}
