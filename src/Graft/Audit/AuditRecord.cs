namespace Graft.Audit;

/// <summary>A stored audit report of one dataset version under one spec revision.</summary>
public sealed class AuditRecord
{
    private AuditRecord() { }

    public AuditRecord(string useCaseId, int specRevision, string datasetVersionId, int blocking, int warnings, string reportJson, DateTime createdAt)
    {
        AuditorVersion = DataAuditor.Version;
        UseCaseId = useCaseId;
        SpecRevision = specRevision;
        DatasetVersionId = datasetVersionId;
        Blocking = blocking;
        Warnings = warnings;
        ReportJson = reportJson;
        CreatedAt = createdAt;
    }

    public int Id { get; private set; }
    public string UseCaseId { get; private set; } = "";
    public int SpecRevision { get; private set; }
    public string DatasetVersionId { get; private set; } = "";
    public int Blocking { get; private set; }
    public int Warnings { get; private set; }
    public string ReportJson { get; private set; } = "{}";
    public DateTime CreatedAt { get; private set; }

    /// <summary>The <see cref="DataAuditor.Version"/> that made it; 0 for audits recorded before versions were kept.</summary>
    public int AuditorVersion { get; private set; }
}
