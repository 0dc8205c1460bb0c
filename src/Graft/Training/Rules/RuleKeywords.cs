namespace Graft.Training.Rules;

/// <summary>The reserved words of the rule language, matched without regard to case.</summary>
internal static class RuleKeywords
{
    private static readonly Dictionary<string, TokenKind> Words = new(StringComparer.OrdinalIgnoreCase)
    {
        ["and"] = TokenKind.And,
        ["or"] = TokenKind.Or,
        ["not"] = TokenKind.Not,
        ["in"] = TokenKind.In,
        ["is"] = TokenKind.Is,
        ["null"] = TokenKind.Null,
        ["between"] = TokenKind.Between,
        ["case"] = TokenKind.Case,
        ["when"] = TokenKind.When,
        ["then"] = TokenKind.Then,
        ["else"] = TokenKind.Else,
        ["end"] = TokenKind.End,
        ["true"] = TokenKind.True,
        ["false"] = TokenKind.False,
    };

    public static bool TryGet(string word, out TokenKind kind) => Words.TryGetValue(word, out kind);

    public static bool IsIdentifierStart(char c) => c is (>= 'A' and <= 'Z') or (>= 'a' and <= 'z') or '_';

    public static bool IsIdentifierPart(char c) => IsIdentifierStart(c) || char.IsAsciiDigit(c);

    /// <summary>A field name as it must be written in a rule: bare when it can be, otherwise in backticks.</summary>
    public static string QuoteFieldName(string name)
    {
        var bare = name.Length > 0 && IsIdentifierStart(name[0])
            && name.All(IsIdentifierPart) && !Words.ContainsKey(name);
        return bare ? name : "`" + name.Replace("`", "``", StringComparison.Ordinal) + "`";
    }
}
