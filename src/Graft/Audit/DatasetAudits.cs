using Graft.Data;
using Graft.Storage;
using Graft.UseCases;
using Microsoft.EntityFrameworkCore;

namespace Graft.Audit;

/// <summary>
/// Audits stored dataset versions against a use case's spec and keeps the reports: the evidence for the data
/// gate, and what tells serving which fields to mask in its log. The one way an audit is run and recorded, for
/// <c>graft audit</c>, the API, the demo and training.
/// </summary>
public sealed class DatasetAudits(GraftHome home)
{
    /// <summary>Audits <paramref name="frame"/> (the data of <paramref name="datasetId"/>) under spec revision <paramref name="revision"/> and records the report.</summary>
    public async Task<AuditReport> RunAsync(UseCaseSpec spec, int revision, string datasetId, Frame frame, CancellationToken cancellationToken)
    {
        var report = Unrecorded(spec, frame, datasetId);
        await using var db = home.CreateDb();
        db.Audits.Add(new AuditRecord(spec.Id, revision, datasetId, report.Blocking, report.Warnings, AuditReportJson.Write(report), home.Now));
        await db.SaveChangesAsync(cancellationToken);
        return report;
    }

    /// <summary>Audits <paramref name="frame"/> (named <paramref name="name"/> in messages) without recording it: a file, or a spec not yet applied.</summary>
    public static AuditReport Unrecorded(UseCaseSpec spec, Frame frame, string name) =>
        SpecDataCheck.Check(spec, frame) is { Count: > 0 } errors
            ? throw GraftException.Invalid($"the spec does not fit {name}: {errors[0]}")
            : DataAuditor.Run(frame, spec, name);

    /// <summary>
    /// The recorded audit of this dataset under this spec revision by this version of the checks, or a new one. An
    /// audit depends only on those (acknowledgements are part of the revision), so training reuses the one just
    /// made for it.
    /// </summary>
    public async Task<AuditReport> RecordedOrRunAsync(UseCaseSpec spec, int revision, string datasetId, Frame frame, CancellationToken cancellationToken)
    {
        await using (var db = home.CreateDb())
        {
            var json = await db.Audits.Where(a => a.UseCaseId == spec.Id && a.SpecRevision == revision && a.DatasetVersionId == datasetId && a.AuditorVersion == DataAuditor.Version)
                .OrderByDescending(a => a.Id).Select(a => a.ReportJson).FirstOrDefaultAsync(cancellationToken);
            if (json is not null)
            {
                return AuditReportJson.Read(json);
            }
        }
        return await RunAsync(spec, revision, datasetId, frame, cancellationToken);
    }
}
