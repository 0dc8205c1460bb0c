namespace Graft.Audit;

/// <summary>
/// One thing the audit found: a stable <see cref="Code"/> (see <see cref="FindingCodes"/>), how much it matters, the
/// field it is about (null when it is about the whole dataset), a sentence with the numbers behind it, and those
/// numbers by name so tools need not parse the sentence.
/// </summary>
public sealed record AuditFinding(string Code, Severity Severity, string? Field, string Message, IReadOnlyDictionary<string, double> Numbers)
{
    /// <summary>A named person accepted the finding in the spec; an acknowledged blocking finding no longer holds the gate.</summary>
    public bool Acknowledged { get; init; }

    public string? AcknowledgedBy { get; init; }

    public string? AcknowledgedReason { get; init; }
}
