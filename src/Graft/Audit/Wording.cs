using System.Globalization;

namespace Graft.Audit;

/// <summary>
/// Numbers as people read them in finding messages: counts with thousands separators, shares as percentages with
/// just enough decimals that a small share never reads as 0%. Always invariant, so messages do not depend on the host.
/// </summary>
public static class Wording
{
    private const int MaxQuoted = 40;

    public static string Count(long count) => count.ToString("N0", CultureInfo.InvariantCulture);

    public static string Percent(double share)
    {
        var percent = share * 100;
        return percent switch
        {
            0 => "0%",
            < 0.01 => "<0.01%",
            < 1 => percent.ToString("0.##", CultureInfo.InvariantCulture) + "%",
            _ => percent.ToString("0.#", CultureInfo.InvariantCulture) + "%",
        };
    }

    public static string Number(double value) =>
        Math.Abs(value) >= 1000
            ? value.ToString("#,0.##", CultureInfo.InvariantCulture)
            : value.ToString("0.####", CultureInfo.InvariantCulture);

    public static string Fixed(double value, int decimals) =>
        value.ToString("F" + decimals.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);

    public static string Rows(long count) => count == 1 ? "1 row" : $"{Count(count)} rows";

    /// <summary>A value in quotes, shortened so one long value cannot swamp a message.</summary>
    public static string Quote(string value) =>
        value.Length <= MaxQuoted ? $"'{value}'" : $"'{value[..(MaxQuoted - 1)]}…'";

    /// <summary>Names joined with commas, the first eight and how many more, so a wide file cannot swamp a message.</summary>
    public static string Names(IReadOnlyList<string> names) =>
        names.Count <= 8 ? string.Join(", ", names) : string.Join(", ", names.Take(8)) + $" and {Count(names.Count - 8)} more";

    public static string Share(long part, long whole) => Percent(whole == 0 ? 0 : (double)part / whole);
}
