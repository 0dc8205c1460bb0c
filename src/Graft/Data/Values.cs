using System.Globalization;

namespace Graft.Data;

/// <summary>How text values read as numbers, booleans and dates; one place so import, audit, training and serving agree.</summary>
public static class Values
{
    private static readonly string[] DateFormats =
    [
        "yyyy-MM-dd", "yyyy-MM-ddTHH:mm:ss", "yyyy-MM-dd HH:mm:ss", "yyyy-MM-ddTHH:mm:ssZ", "yyyy-MM-ddTHH:mm:ss.fffZ",
        "yyyy-MM-ddTHH:mm:ssK", "yyyy-MM-ddTHH:mm:ss.fffK", "yyyy-MM-dd HH:mm", "yyyy/MM/dd",
    ];

    public static bool TryNumber(ReadOnlySpan<char> text, out double value) =>
        double.TryParse(text.Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out value) && double.IsFinite(value);

    /// <summary>The number a value reads as, or NaN when it is missing or not a number.</summary>
    public static double Number(string? text) => text is not null && TryNumber(text, out var v) ? v : double.NaN;

    public static bool TryBoolean(ReadOnlySpan<char> text, out bool value)
    {
        var t = text.Trim();
        if (t.Equals("true", StringComparison.OrdinalIgnoreCase))
        {
            value = true;
            return true;
        }
        value = false;
        return t.Equals("false", StringComparison.OrdinalIgnoreCase);
    }

    public static bool TryDate(ReadOnlySpan<char> text, out DateTime value) =>
        DateTime.TryParseExact(text.Trim(), DateFormats, CultureInfo.InvariantCulture,
            DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out value);
}
