using Graft.Data;

namespace Graft.Audit;

/// <summary>
/// Builds a <see cref="FieldProfile"/> from a prepared column: the summary and histogram of numbers, the commonest
/// values of every field (masked when the field is sensitive, with placeholders when it is free text).
/// </summary>
internal static class FieldProfiler
{
    public const int TopValues = 10;
    public const int HistogramBins = 20;

    /// <summary>The profile of <paramref name="column"/>; its values are shown as a field read as <paramref name="readAs"/> (see <see cref="SensitiveMask"/>).</summary>
    public static FieldProfile Profile(FieldColumn column, FieldType readAs, FieldUse use, string role)
    {
        NumericSummary? numeric = null;
        Histogram? histogram = null;
        if (column.Type == FieldType.Number && !column.Numbers.IsEmpty)
        {
            numeric = column.Numbers.Summary();
            histogram = HistogramOf(column.Numbers);
        }
        var top = new List<ValueCount>();
        foreach (var code in column.TopCodes(TopValues))
        {
            top.Add(new ValueCount(SensitiveMask.Apply(column.Values[code], use.Sensitive, readAs), column.Counts[code]));
        }
        var schema = column.Schema;
        return new FieldProfile(column.Name, schema.Type, schema.Completeness, column.Missing, column.Values.Length,
            schema.Consistency, numeric, top, histogram, use, role);
    }

    /// <summary>Bins over the typical range (inside the outlier fences) so one extreme value cannot flatten the rest.</summary>
    private static Histogram HistogramOf(NumberDistribution numbers)
    {
        var (low, high) = (numbers.Min, numbers.Max);
        if (OutlierCheck.Fences(numbers) is { } fences)
        {
            low = Math.Max(low, fences.Low);
            high = Math.Min(high, fences.High);
        }
        return numbers.Histogram(HistogramBins, low, high);
    }
}
