namespace Graft.Audit;

/// <summary>
/// The data audit of one dataset under one use case: a profile per field, the findings (most severe first), and
/// summaries of the label and of time coverage. The data-audit gate passes when <see cref="Blocking"/> is zero.
/// </summary>
public sealed record AuditReport(
    string Dataset,
    string UseCase,
    int Rows,
    int Columns,
    IReadOnlyList<FieldProfile> Fields,
    IReadOnlyList<AuditFinding> Findings,
    LabelSummary? Label,
    TimeCoverageSummary? Time)
{
    /// <summary>Blocking findings nobody has acknowledged: what holds the gate.</summary>
    public int Blocking => Count(Severity.Blocking);

    /// <summary>Warnings nobody has acknowledged.</summary>
    public int Warnings => Count(Severity.Warning);

    public FieldProfile? Field(string name) => Fields.FirstOrDefault(f => f.Name == name);

    private int Count(Severity severity)
    {
        var count = 0;
        foreach (var finding in Findings)
        {
            if (finding.Severity == severity && !finding.Acknowledged)
            {
                count++;
            }
        }
        return count;
    }
}
