using Graft.Governance;
using Graft.Serving;
using Graft.Storage;
using Graft.UseCases;
using Microsoft.EntityFrameworkCore;

namespace Graft.Feedback;

/// <summary>One outcome as the app reports it: by <c>prediction_id</c>, or by <c>entity_id</c> with the time it was observed.</summary>
public sealed record OutcomeReport(string? PredictionId, string? EntityId, DateTime? ObservedAt, string? Label, double? Value);

/// <summary>An outcome as recorded: the prediction it joined, and the earlier outcome of that prediction it supersedes, if any.</summary>
public sealed record OutcomeView(string Id, string PredictionId, string? EntityId, DateTime PredictedAt, DateTime ObservedAt, string? Label, double? Value, string? Supersedes);

/// <summary>What a report recorded, in its order.</summary>
public sealed record OutcomeResult(string UseCase, int Recorded, int Superseded, IReadOnlyList<OutcomeView> Outcomes);

/// <summary>
/// Records outcomes, all of a report or none: each is checked (one key, a label of the use case's classes or a value,
/// an observation not in the future and not before its prediction) and joined to its prediction first. By id, the
/// prediction must be the use case's. By entity, it is the latest prediction for the entity made at or before the
/// observation, within the spec's <c>outcomes.window</c>, found through the log's entity index, never a prediction
/// made after the outcome. A second outcome for a prediction supersedes the first, and both are kept.
/// </summary>
public sealed class OutcomeRecorder(GraftHome home)
{
    public const int MaxOutcomes = 10_000;

    /// <summary>How far ahead of this machine's clock an observation may be (another machine's clock).</summary>
    public static readonly TimeSpan ClockSkew = TimeSpan.FromMinutes(5);

    public async Task<OutcomeResult> RecordAsync(string useCaseId, IReadOnlyList<OutcomeReport> reports, Actor actor, CancellationToken cancellationToken)
    {
        var (useCase, revision) = await new UseCaseCatalog(home).GetAsync(useCaseId, cancellationToken);
        var spec = revision.Spec();
        if (reports.Count is 0 or > MaxOutcomes)
        {
            throw GraftException.Invalid($"a report holds 1 to {MaxOutcomes:N0} outcomes; this one holds {reports.Count:N0}");
        }
        var classes = await new Registry.ModelRegistry(home).ClassesAsync(spec, useCase.ChampionVersion, cancellationToken);
        var now = home.Now;
        for (var i = 0; i < reports.Count; i++)
        {
            Check(spec, classes, reports[i], i, now);
        }
        var joins = await ByEntityAsync(spec, reports, cancellationToken); // one pass over the log's pages for the whole report
        var joined = new List<(OutcomeReport Report, Join Join)>(reports.Count);
        for (var i = 0; i < reports.Count; i++)
        {
            var report = reports[i];
            joined.Add((report, joins[i] ?? await ByIdAsync(useCaseId, report.PredictionId!, report.ObservedAt ?? now, i, cancellationToken)));
        }
        await using var db = home.CreateDb();
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var ids = joined.Select(j => j.Join.PredictionId).Distinct().ToList();
        var standing = await db.Outcomes.Where(o => o.UseCaseId == useCaseId && ids.Contains(o.PredictionId) && o.SupersededBy == null)
            .ToDictionaryAsync(o => o.PredictionId, cancellationToken);
        var views = new List<OutcomeView>(joined.Count);
        var superseded = 0;
        foreach (var (report, (predictionId, predictedAt, observedAt, entity, version, answer)) in joined)
        {
            var outcome = new Outcome
            {
                Id = PredictionIds.Next(new DateTimeOffset(now, TimeSpan.Zero)), UseCaseId = useCaseId, PredictionId = predictionId, PredictedAt = predictedAt,
                EntityId = entity, ObservedAt = observedAt, Label = report.Label, Value = report.Value, RecordedAt = now, RecordedBy = actor.Id,
                ModelVersion = version, AnswerJson = answer,
            };
            string? supersedes = null;
            if (standing.TryGetValue(predictionId, out var earlier))
            {
                (earlier.SupersededBy, supersedes) = (outcome.Id, earlier.Id);
                superseded++;
            }
            standing[predictionId] = outcome;
            db.Outcomes.Add(outcome);
            views.Add(new OutcomeView(outcome.Id, predictionId, entity, predictedAt, observedAt, outcome.Label, outcome.Value, supersedes));
        }
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return new OutcomeResult(useCaseId, views.Count, superseded, views);
    }

    private static void Check(UseCaseSpec spec, IReadOnlyList<string> classes, OutcomeReport report, int i, DateTime now)
    {
        if ((report.PredictionId is null) == (report.EntityId is null))
        {
            throw GraftException.Invalid($"outcomes[{i}] names its prediction by prediction_id or by entity_id (with observed_at), one of the two");
        }
        if (report.EntityId is not null && report.ObservedAt is null)
        {
            throw GraftException.Invalid($"outcomes[{i}] is reported by entity_id and needs observed_at: the time the outcome was observed decides which prediction it joins");
        }
        if (report.ObservedAt is { } at && at > now + ClockSkew)
        {
            throw GraftException.Invalid($"outcomes[{i}] was observed at {at:u}, in the future");
        }
        if (spec.Task == TaskKind.Regression)
        {
            if (report.Value is not { } v || !double.IsFinite(v) || report.Label is not null)
            {
                throw GraftException.Invalid($"outcomes[{i}] of a regression gives the observed value (a number), not a label");
            }
        }
        else if (report.Label is not { } label || (classes.Count > 0 && !classes.Contains(label)))
        {
            throw GraftException.Invalid(report.Label is null
                ? $"outcomes[{i}] gives the observed label, one of {string.Join(", ", classes)}"
                : $"outcomes[{i}]: '{report.Label}' is not one of the use case's classes: {string.Join(", ", classes)}");
        }
    }

    private async Task<Join> ByIdAsync(string useCaseId, string predictionId, DateTime observedAt, int i, CancellationToken cancellationToken)
    {
        var reader = new PredictionLogReader(home);
        var graftMade = PredictionIds.TimeOf(predictionId) is not null; // an id Graft did not make is in no log
        var record = graftMade ? await reader.FindAsync(useCaseId, predictionId, cancellationToken) : null;
        if (record is null)
        {
            foreach (var other in (await new UseCaseCatalog(home).ListAsync(cancellationToken)).Select(u => u.Id).Where(u => graftMade && u != useCaseId))
            {
                if (await reader.FindAsync(other, predictionId, cancellationToken) is not null)
                {
                    throw GraftException.Invalid($"outcomes[{i}]: prediction {predictionId} is of use case '{other}', not '{useCaseId}'");
                }
            }
            throw GraftException.NotFound($"outcomes[{i}]: no prediction {predictionId} in {useCaseId}'s log (it may not be written yet, or retention removed it)");
        }
        var at = DateTime.SpecifyKind(record.At, DateTimeKind.Utc);
        if (observedAt < at)
        {
            throw GraftException.Invalid($"outcomes[{i}] was observed at {observedAt:u}, before its prediction was made ({at:u})");
        }
        return Join.Of(record, observedAt, null);
    }

    /// <summary>
    /// The joins of the report's outcomes by entity, at their places (null for those by id): the latest prediction for the
    /// entity at or before the observation, within the window, by the id as sent or its pseudonym.
    /// </summary>
    private async Task<Join?[]> ByEntityAsync(UseCaseSpec spec, IReadOnlyList<OutcomeReport> reports, CancellationToken cancellationToken)
    {
        var joins = new Join?[reports.Count];
        var byEntity = Enumerable.Range(0, reports.Count).Where(i => reports[i].EntityId is not null).ToList();
        if (byEntity.Count == 0)
        {
            return joins;
        }
        var pseudonyms = EntityPseudonyms.Open(home.Root); // read once a report: it is a file
        var lookups = byEntity.ConvertAll(i => new EntityLookup([reports[i].EntityId!, pseudonyms.Of(reports[i].EntityId!)], reports[i].ObservedAt!.Value));
        var found = await PageEntities.LatestAsync(home, spec.Id, lookups, spec.OutcomeWindow, cancellationToken);
        for (var k = 0; k < byEntity.Count; k++)
        {
            var (i, report) = (byEntity[k], reports[byEntity[k]]);
            var record = found[k] ?? throw GraftException.NotFound(
                $"outcomes[{i}]: no prediction for entity '{report.EntityId}' in the {spec.OutcomeWindow.TotalDays:0.#} days up to {report.ObservedAt:u} (outcomes.window)");
            joins[i] = Join.Of(record, report.ObservedAt!.Value, record.EntityId);
        }
        return joins;
    }

    /// <summary>The prediction an outcome joined, when it was made, when the outcome was observed, the entity it was reported by, and the model's answer (none when the rule answered).</summary>
    private sealed record Join(string PredictionId, DateTime PredictedAt, DateTime ObservedAt, string? Entity, string? ModelVersion, string? Answer)
    {
        public static Join Of(PredictionRecord record, DateTime observedAt, string? entity) =>
            new(record.Id, DateTime.SpecifyKind(record.At, DateTimeKind.Utc), observedAt, entity, record.ModelVersion,
                record.ModelVersion is null ? null : Outcome.AnswerOf(record.OutputJson));
    }
}
