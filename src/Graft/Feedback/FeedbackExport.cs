using Graft.Data;
using Graft.Governance;
using Graft.Serving;
using Graft.Storage;
using Graft.UseCases;

namespace Graft.Feedback;

/// <summary>
/// <c>graft feedback export</c>: a use case's served predictions joined to their labels as of a time
/// (<see cref="FeedbackLabels"/>), as a new dataset version of the use case (<see cref="FeedbackTable"/>), added through
/// the catalog with its lineage (<see cref="DatasetLineage"/>) and its act in the trail. Nothing known after that time is
/// in it, so an export as of a time that has passed can be made again and gives the same bytes (while retention keeps
/// its predictions). No labelled prediction is a failure, and nothing is written.
/// </summary>
public sealed class FeedbackExport(GraftHome home)
{
    public async Task<FeedbackExportResult> ExportAsync(string useCaseId, DateTime? asOf, Actor actor, CancellationToken cancellationToken)
    {
        var (useCase, revision) = await new UseCaseCatalog(home).GetAsync(useCaseId, cancellationToken);
        var spec = revision.Spec();
        var at = asOf ?? home.Now;
        if (at > home.Now)
        {
            throw GraftException.Invalid($"{at:u} is in the future; an export holds what was known by a time that has passed");
        }
        var labels = await FeedbackLabels.ReadAsync(home, useCase.Id, spec.Task, at, cancellationToken);
        if (labels.Count == 0)
        {
            throw GraftException.NotFound($"{useCase.Id} has no prediction with an outcome or a reviewer's label as of {at:u}; nothing was exported");
        }
        var records = new List<PredictionRecord>(labels.Count);
        await foreach (var record in new PredictionLogReader(home).FindAllAsync(useCase.Id, [.. labels.Keys], cancellationToken))
        {
            if (record.At <= at)
            {
                records.Add(record);
            }
        }
        var table = FeedbackTable.Build(spec, records, labels);
        if (table.Frame.RowCount == 0)
        {
            throw GraftException.NotFound($"none of {useCase.Id}'s {labels.Count} labelled prediction(s) is in the log with its inputs (retention removes them); nothing was exported");
        }
        var ids = table.Frame.Column(FeedbackTable.PredictionId);
        var lineage = new DatasetLineage(useCase.Id, at, table.FromOutcomes, table.FromReviews, ids[0]!, ids[^1]!, FeedbackTable.Lineage, table.Masked);
        var name = $"feedback-{at:yyyyMMdd'T'HHmmss'Z'}.csv"; // of this use case: an export is linked to its own only
        var added = await new DatasetCatalog(home).AddExportAsync(useCase.Id, DelimitedFile.Write(table.Frame), name, lineage, actor, cancellationToken);
        return new FeedbackExportResult(useCase.Id, added.Version.Id, added.Version.Sha256, added.Created, at, table.Frame.RowCount, table.FromOutcomes, table.FromReviews,
            lineage.FirstPredictionId, lineage.LastPredictionId, labels.Count - records.Count, table.WithoutInputs, table.Masked);
    }
}
