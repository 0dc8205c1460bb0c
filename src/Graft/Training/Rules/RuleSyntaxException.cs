namespace Graft.Training.Rules;

/// <summary>
/// A rule that cannot be parsed, or that names a field or function that does not exist.
/// The message is one line that names the problem and its 1-based column.
/// </summary>
public sealed class RuleSyntaxException : Exception
{
    public RuleSyntaxException()
    {
    }

    public RuleSyntaxException(string message)
        : base(message)
    {
    }

    public RuleSyntaxException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public RuleSyntaxException(string message, int position)
        : base(message) => Position = position;

    /// <summary>0-based character offset in the rule text where the problem is.</summary>
    public int Position { get; }

    /// <summary>Builds "rule: {problem} at column {n}[: {hint}]" so every message has the same shape.</summary>
    internal static RuleSyntaxException At(int position, string problem, string? hint = null)
    {
        var column = (position + 1).ToString(System.Globalization.CultureInfo.InvariantCulture);
        var message = $"rule: {problem} at column {column}" + (hint is null ? "" : ": " + hint);
        return new RuleSyntaxException(message, position);
    }
}
