using System.Text.Json;
using Graft.Serving;
using Graft.Storage;
using Graft.UseCases;
using Microsoft.EntityFrameworkCore;

namespace Graft.Governance;

/// <summary>
/// Everything Graft knows about one answer, for <c>graft explain</c>: what the log holds (which model version decided,
/// in which stage, cohort and route, with which masked inputs, output, explanation and warnings), what the audit trail
/// says was in force at that instant (champion, stage, cohort, kill switch, challenger), and what came after: the
/// review decisions and outcomes recorded for it, once the store records them.
/// </summary>
public sealed record DecisionRecord(
    string PredictionId, string UseCase, DateTime At, string? ModelVersion, string Stage, string? Cohort, string Route,
    string? FallbackReason, string? EntityId, string? KeyId, double LatencyMs, JsonElement Inputs, JsonElement Output,
    IReadOnlyDictionary<string, TrailStateValue> InForce, IReadOnlyList<JsonElement> Reviews, IReadOnlyList<JsonElement> Outcomes)
{
    /// <summary>
    /// The record of <paramref name="predictionId"/>, looked for in <paramref name="useCaseId"/>'s log, or in every use
    /// case's when none is given (ids are unique across the store). Not found names the id.
    /// </summary>
    public static async Task<DecisionRecord> FindAsync(GraftHome home, string predictionId, string? useCaseId, CancellationToken cancellationToken)
    {
        if (PredictionIds.TimeOf(predictionId) is null || predictionId.Length != 32)
        {
            throw GraftException.Invalid($"'{predictionId}' is not a prediction id: those are 32 lowercase hex digits, as each answer's prediction_id");
        }
        var catalog = new UseCaseCatalog(home);
        IEnumerable<string> useCases = useCaseId is null
            ? (await catalog.ListAsync(cancellationToken)).Select(u => u.Id)
            : [(await catalog.GetAsync(useCaseId, cancellationToken)).UseCase.Id];
        var reader = new PredictionLogReader(home);
        foreach (var id in useCases)
        {
            if (await reader.FindAsync(id, predictionId, cancellationToken) is { } record)
            {
                var at = DateTime.SpecifyKind(record.At, DateTimeKind.Utc);
                var inForce = await new TrailReader(home).AtAsync(id, at, cancellationToken);
                return new DecisionRecord(record.Id, id, at, record.ModelVersion, record.Stage, record.Cohort, record.Route,
                    record.FallbackReason, record.EntityId, record.KeyId, record.LatencyMs, Parse(record.InputsJson), Parse(record.OutputJson),
                    inForce.State, await ReviewsAsync(home, record.Id, cancellationToken), await OutcomesAsync(home, id, record.Id, cancellationToken));
            }
        }
        throw GraftException.NotFound(useCaseId is null
            ? $"no prediction {predictionId} in the log of any use case (it may not be written yet, or retention removed it)"
            : $"no prediction {predictionId} in {useCaseId}'s log (it may not be written yet, or retention removed it)");
    }

    /// <summary>The review decisions made about the prediction, oldest first, as the queue shows them.</summary>
    private static async Task<IReadOnlyList<JsonElement>> ReviewsAsync(GraftHome home, string predictionId, CancellationToken cancellationToken)
    {
        await using var db = home.CreateDb();
        var decisions = await db.ReviewDecisions.Where(d => d.PredictionId == predictionId).OrderBy(d => d.At).ToListAsync(cancellationToken);
        return decisions.ConvertAll(d => JsonSerializer.SerializeToElement(Review.ReviewDecisionView.Of(d), Registry.ModelRegistry.Json));
    }

    /// <summary>The outcomes recorded for the prediction, oldest first, the superseded ones too (each names what replaced it).</summary>
    private static async Task<IReadOnlyList<JsonElement>> OutcomesAsync(GraftHome home, string useCaseId, string predictionId, CancellationToken cancellationToken)
    {
        await using var db = home.CreateDb();
        var outcomes = await db.Outcomes.Where(o => o.UseCaseId == useCaseId && o.PredictionId == predictionId).OrderBy(o => o.RecordedAt).ToListAsync(cancellationToken);
        var ordered = Feedback.OutcomeChain.Ordered(outcomes);
        return ordered.ConvertAll(o => JsonSerializer.SerializeToElement(
            new { o.Id, o.ObservedAt, o.Label, o.Value, o.EntityId, o.RecordedAt, o.RecordedBy, o.SupersededBy }, Registry.ModelRegistry.Json));
    }

    private static JsonElement Parse(string json)
    {
        using var document = JsonDocument.Parse(json);
        return document.RootElement.Clone();
    }
}
