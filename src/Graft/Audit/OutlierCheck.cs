using Graft.Data;

namespace Graft.Audit;

/// <summary>
/// <c>outliers</c>: numbers far outside the typical range, beyond Q1 − 3·IQR or Q3 + 3·IQR (Tukey's "far out"
/// fences). A field whose middle half is a single value (IQR 0) has no meaningful fence and is left alone.
/// </summary>
internal static class OutlierCheck
{
    public const double Fence = 3;
    public const double WarningShare = 0.01;

    public static (double Low, double High)? Fences(NumberDistribution numbers)
    {
        if (numbers.IsEmpty)
        {
            return null;
        }
        var q1 = numbers.Quantile(0.25);
        var q3 = numbers.Quantile(0.75);
        var iqr = q3 - q1;
        return iqr > 0 ? (q1 - (Fence * iqr), q3 + (Fence * iqr)) : null;
    }

    public static AuditFinding? Run(FieldColumn column, bool idLike)
    {
        if (column.Type != FieldType.Number || idLike || Fences(column.Numbers) is not { } fences)
        {
            return null;
        }
        var (low, high) = fences;
        var (below, above, smallest, largest) = column.Numbers.Beyond(low, high);
        var count = below + above;
        if (count == 0)
        {
            return null;
        }
        var share = (double)count / column.Numbers.Count;
        var where = (below, above) switch
        {
            ( > 0, > 0) => $"far outside the typical range {Wording.Number(low)} to {Wording.Number(high)} ({Wording.Count(below)} below, {Wording.Count(above)} above)",
            ( > 0, _) => $"far below the typical range (under {Wording.Number(low)})",
            _ => $"far above the typical range (over {Wording.Number(high)})",
        };
        var values = smallest == largest ? $"all {Wording.Number(smallest)}" : $"from {Wording.Number(smallest)} to {Wording.Number(largest)}";
        var message = $"{column.Name} has {Wording.Count(count)} value{(count == 1 ? "" : "s")} ({Wording.Percent(share)}) {where}, {values}; " +
            "check they are real and not entry errors or placeholder codes";
        return new AuditFinding(FindingCodes.Outliers, share > WarningShare ? Severity.Warning : Severity.Info, column.Name, message,
            new Dictionary<string, double>
            {
                ["outliers"] = count,
                ["below"] = below,
                ["above"] = above,
                ["share"] = share,
                ["low_fence"] = low,
                ["high_fence"] = high,
                ["smallest_outlier"] = smallest,
                ["largest_outlier"] = largest,
            });
    }
}
