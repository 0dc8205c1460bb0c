namespace Graft.Training.Rules;

/// <summary>
/// A built-in function. Functions of one argument use <see cref="Unary"/>; the rest use
/// <see cref="Binary"/>, folded left over their arguments when more than two are given.
/// </summary>
internal sealed record RuleFunction(
    string Name,
    string Signature,
    int MinArguments,
    int MaxArguments,
    Func<object?, object?>? Unary = null,
    Func<object?, object?, object?>? Binary = null)
{
    /// <summary>Reads "2", "1 or 2" or "2 or more" for error messages.</summary>
    public string ArgumentCount => MaxArguments == int.MaxValue
        ? $"{Count(MinArguments)} or more"
        : MinArguments == MaxArguments ? Count(MinArguments) : $"{Count(MinArguments)} to {Count(MaxArguments)}";

    private static string Count(int n) => n.ToString(System.Globalization.CultureInfo.InvariantCulture);
}
