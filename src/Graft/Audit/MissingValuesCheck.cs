namespace Graft.Audit;

/// <summary>
/// <c>missing_values</c>: a field without a value in some rows. Any gap is worth knowing; past
/// <see cref="WarningShare"/> it changes what a model can learn, and past <see cref="MostlyMissingShare"/> the field
/// carries little signal at all.
/// </summary>
internal static class MissingValuesCheck
{
    public const double WarningShare = 0.05;
    public const double MostlyMissingShare = 0.5;

    public static AuditFinding? Run(FieldColumn column)
    {
        if (column.Missing == 0)
        {
            return null;
        }
        var share = (double)column.Missing / column.Rows;
        var message = $"{column.Name} is missing in {Wording.Count(column.Missing)} of {Wording.Rows(column.Rows)} ({Wording.Percent(share)})";
        if (share > MostlyMissingShare)
        {
            message += "; more than half the rows have no value, so it carries little signal";
        }
        var severity = share > WarningShare ? Severity.Warning : Severity.Info;
        return new AuditFinding(FindingCodes.MissingValues, severity, column.Name, message, new Dictionary<string, double>
        {
            ["missing"] = column.Missing,
            ["rows"] = column.Rows,
            ["share"] = share,
        });
    }
}
