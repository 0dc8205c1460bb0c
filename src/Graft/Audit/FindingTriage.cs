using Graft.UseCases;

namespace Graft.Audit;

/// <summary>
/// Applies what the spec already decided to the raw findings. Findings about a field the spec excludes drop to
/// info, since the field will not be used. A finding the spec acknowledges (same code and field; <c>*</c> for a
/// dataset-level finding) is marked with who accepted it and why, and no longer holds the gate.
/// </summary>
internal static class FindingTriage
{
    public const string AnyField = "*";

    public static AuditFinding Apply(AuditFinding finding, UseCaseSpec spec)
    {
        if (finding.Field is { } field && finding.Severity > Severity.Info && spec.Exclude.Contains(field))
        {
            finding = finding with
            {
                Severity = Severity.Info,
                Message = finding.Message + "; excluded by the spec, so it is not trained on",
            };
        }
        foreach (var ack in spec.Acknowledged)
        {
            if (ack.Code == finding.Code && (ack.Field == finding.Field || (finding.Field is null && ack.Field == AnyField)))
            {
                return finding with { Acknowledged = true, AcknowledgedBy = ack.By, AcknowledgedReason = ack.Reason };
            }
        }
        return finding;
    }
}
