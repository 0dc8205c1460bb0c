namespace Graft.Data;

/// <summary>The spellings that mean "no value" in the delimited files people export.</summary>
public static class MissingValues
{
    private static readonly HashSet<string> Markers = new(StringComparer.OrdinalIgnoreCase)
    {
        "NA", "N/A", "NaN", "null", "?", "#N/A", "nil", "missing", "undefined",
    };

    public static bool IsMissing(ReadOnlySpan<char> value)
    {
        var trimmed = value.Trim();
        if (trimmed.IsEmpty)
        {
            return true;
        }
        return trimmed.Length <= 9 && Markers.GetAlternateLookup<ReadOnlySpan<char>>().Contains(trimmed);
    }
}
