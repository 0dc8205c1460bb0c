namespace Graft.UseCases;

/// <summary>
/// Which class of a binary target is positive: the spec's <c>target.positive</c> when it names one of the classes,
/// otherwise the class spelled like a yes (1, yes, true, y, positive; case and surrounding spaces ignored, in that
/// order of preference). The one rule for the audit and for training, so both mean the same class.
/// </summary>
public static class PositiveClass
{
    private static readonly string[] Spellings = ["1", "yes", "true", "y", "positive"];

    /// <summary>The positive class, or null when the spec names none and no class is spelled like a yes.</summary>
    public static string? Pick(IReadOnlyCollection<string> classes, string? declared)
    {
        if (declared is not null)
        {
            return classes.Contains(declared) ? declared : null;
        }
        foreach (var spelling in Spellings)
        {
            if (classes.FirstOrDefault(c => string.Equals(c.Trim(), spelling, StringComparison.OrdinalIgnoreCase)) is { } found)
            {
                return found;
            }
        }
        return null;
    }
}
