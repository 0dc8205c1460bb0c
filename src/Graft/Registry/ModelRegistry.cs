using System.Security.Cryptography;
using System.Text.Json;
using Graft.Governance;
using Graft.Storage;
using Graft.Training;
using Microsoft.EntityFrameworkCore;

namespace Graft.Registry;

/// <summary>
/// Model versions of every use case: registered together with their training run, immutable afterwards, and
/// the champion a use case serves. Registration writes artifacts first and the database last, in one
/// transaction, removing the artifacts if that fails: a failed run registers nothing.
/// </summary>
public sealed class ModelRegistry(GraftHome home)
{
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower };

    public async Task<int> NextNumberAsync(string useCaseId, CancellationToken cancellationToken)
    {
        await using var db = home.CreateDb();
        return (await db.ModelVersions.Where(v => v.UseCaseId == useCaseId).MaxAsync(v => (int?)v.Number, cancellationToken) ?? 0) + 1;
    }

    /// <summary>
    /// Stores a training run's models and records the run, an act in the audit trail. <paramref name="crown"/> (the
    /// run's best, when its gate passed) becomes champion only if the use case has none when the run is recorded: decided
    /// inside the transaction, so a champion promoted while the run was training is never replaced. <paramref name="finish"/>
    /// completes the run's record given the champion it leaves, which is returned.
    /// </summary>
    public async Task<string?> RegisterRunAsync(TrainingRun run, IReadOnlyList<PendingModel> models, string? crown, Action<TrainingRun, string?> finish,
        Actor actor, CancellationToken cancellationToken)
    {
        var written = new List<string>();
        try
        {
            foreach (var model in models)
            {
                var id = ModelVersionId(model.Lineage.UseCaseId, model.Number);
                await home.Artifacts.PutAsync(ArtifactKey(id), new MemoryStream(model.ModelZip, writable: false), cancellationToken);
                written.Add(ArtifactKey(id));
                await home.Artifacts.PutAsync(CardKey(id), new MemoryStream(JsonSerializer.SerializeToUtf8Bytes(model.Card, Json)), cancellationToken);
                written.Add(CardKey(id));
            }
            return await new AuditTrail(home).CommitAsync(actor, async (db, ct) =>
            {
                var versions = models.Select(m => new ModelVersion(m.Lineage, m.Number, ArtifactKey(ModelVersionId(m.Lineage.UseCaseId, m.Number)),
                    Convert.ToHexStringLower(SHA256.HashData(m.ModelZip)), home.Now)).ToList();
                db.ModelVersions.AddRange(versions);
                var useCase = await db.UseCases.FirstAsync(u => u.Id == run.UseCaseId, ct);
                var crowned = crown is not null && useCase.ChampionVersion is null;
                if (crowned)
                {
                    db.ChampionChanges.Add(useCase.Crown(crown, ChampionChangeKind.FirstTraining, actor.Id, $"first training run {run.Id} passed the baseline gate", home.Now));
                }
                finish(run, useCase.ChampionVersion);
                db.TrainingRuns.Add(run);
                var after = new Dictionary<string, object?>
                {
                    ["versions"] = versions.Select(v => v.Id).ToArray(), ["best"] = run.BestVersion, ["gate_passed"] = run.GatePassed,
                    ["dataset"] = run.DatasetVersionId, ["datasets"] = models.SelectMany(m => m.Lineage.Datasets).Select(d => d.Id).Distinct().ToArray(),
                    ["spec_revision"] = run.SpecRevision,
                };
                if (crowned)
                {
                    after[TrailStateKeys.Champion] = crown;
                }
                var record = new TrailRecord(TrailActs.TrainingRun, run.UseCaseId, run.Id, crowned ? new { champion = (string?)null } : null, after);
                return (useCase.ChampionVersion, record);
            }, cancellationToken);
        }
        catch
        {
            foreach (var key in written)
            {
                await home.Artifacts.DeleteAsync(key, CancellationToken.None);
            }
            throw;
        }
    }

    public async Task<IReadOnlyList<ModelVersion>> ListAsync(string useCaseId, CancellationToken cancellationToken)
    {
        await using var db = home.CreateDb();
        return await db.ModelVersions.AsNoTracking().Where(v => v.UseCaseId == useCaseId)
            .OrderBy(v => v.Number).ToListAsync(cancellationToken);
    }

    public async Task<ModelVersion> GetAsync(string version, CancellationToken cancellationToken)
    {
        await using var db = home.CreateDb();
        return await db.ModelVersions.AsNoTracking().FirstOrDefaultAsync(v => v.Id == version, cancellationToken)
            ?? throw GraftException.NotFound($"no model version '{version}' (graft models list <usecase> shows them)");
    }

    /// <summary>The use case a version belongs to, read from the store; null when there is no such version.</summary>
    public async Task<string?> UseCaseOfAsync(string version, CancellationToken cancellationToken)
    {
        await using var db = home.CreateDb();
        return await db.ModelVersions.Where(v => v.Id == version).Select(v => v.UseCaseId).FirstOrDefaultAsync(cancellationToken);
    }

    public static string ModelVersionId(string useCaseId, int number) => $"{useCaseId}-v{number}";

    /// <summary>Where a version's model is stored.</summary>
    public static string ArtifactKey(string version) => $"models/{version}/model.zip";

    /// <summary>Where a version's model card is stored, beside its model.</summary>
    public static string CardKey(string version) => $"models/{version}/card.json";

    /// <summary>A registered version's model card (what it reads and answers), without loading the model itself.</summary>
    public async Task<ModelCard> CardAsync(string version, CancellationToken cancellationToken)
    {
        await GetAsync(version, cancellationToken); // an unknown version is NotFound
        await using var stream = await home.Artifacts.OpenReadAsync(CardKey(version), cancellationToken);
        return await JsonSerializer.DeserializeAsync<ModelCard>(stream, Json, cancellationToken)
            ?? throw GraftException.Conflict($"{version} has an empty model card");
    }

    /// <summary>
    /// The labels a use case's answers and the people correcting them may give: the classes <paramref name="version"/>
    /// learned (the one that answered, or the champion), else those of the use case's latest version; before any
    /// version, the spec's positive class. None for a regression.
    /// </summary>
    public async Task<IReadOnlyList<string>> ClassesAsync(UseCases.UseCaseSpec spec, string? version, CancellationToken cancellationToken)
    {
        if (spec.Task == UseCases.TaskKind.Regression)
        {
            return [];
        }
        version ??= await ListAsync(spec.Id, cancellationToken) is [.., var latest] ? latest.Id : null;
        return version is not null ? (await CardAsync(version, cancellationToken)).Classes
            : spec.TargetPositive is { } positive ? [positive] : [];
    }

    /// <summary>
    /// Makes a version its use case's champion, after <paramref name="load"/> has loaded it (a server keeps the
    /// loaded model, so the switch is instant): a version that cannot be served is refused as a Conflict and
    /// nothing changes. A change is an act in the audit trail; promoting the champion again is none.
    /// </summary>
    public async Task<ChampionResult> PromoteAsync(string version, Actor actor, string? reason, Func<string, CancellationToken, Task> load, CancellationToken cancellationToken)
    {
        var model = await GetAsync(version, cancellationToken);
        try
        {
            await load(version, cancellationToken);
        }
        catch (GraftException e) when (e.Kind == FailureKind.Conflict)
        {
            throw GraftException.Conflict($"{e.Message}; the champion is unchanged");
        }
        return await new AuditTrail(home).CommitAsync(actor, async (db, ct) =>
        {
            var useCase = await db.UseCases.FirstAsync(u => u.Id == model.UseCaseId, ct);
            var result = Promote(db, useCase, version, actor, reason, out var record);
            return (result, record);
        }, cancellationToken);
    }

    /// <summary>
    /// Makes <paramref name="version"/> the champion of <paramref name="useCase"/> (tracked by <paramref name="db"/>), with the
    /// trail record of the act, for a change that commits it with others (a challenger's promotion); no record when it
    /// already was the champion.
    /// </summary>
    internal ChampionResult Promote(GraftDb db, UseCases.UseCase useCase, string version, Actor actor, string? reason, out TrailRecord? record)
    {
        if (useCase.ChampionVersion == version)
        {
            record = null;
            return new ChampionResult(useCase.Id, version, version, Changed: false);
        }
        var change = useCase.Crown(version, ChampionChangeKind.Promotion, actor.Id, reason, home.Now);
        db.ChampionChanges.Add(change);
        record = ChampionRecord(TrailActs.ModelPromoted, version, change, reason);
        return new ChampionResult(useCase.Id, version, change.PreviousVersion, Changed: true);
    }

    /// <summary>
    /// Restores the champion that the current one replaced, an act in the audit trail. Rollbacks walk back through
    /// promotions: after v1 → v2 → v3, two rollbacks give v2 and then v1.
    /// </summary>
    public Task<ChampionResult> RollbackAsync(string useCaseId, Actor actor, string? reason, CancellationToken cancellationToken) =>
        new AuditTrail(home).CommitAsync(actor, async (db, ct) =>
        {
            var useCase = await db.UseCases.FirstOrDefaultAsync(u => u.Id == useCaseId, ct)
                ?? throw GraftException.NotFound($"no use case '{useCaseId}'");
            var current = useCase.ChampionVersion
                ?? throw new GraftException(FailureKind.Conflict, $"use case '{useCaseId}' has no champion to roll back");
            var crowning = await db.ChampionChanges.AsNoTracking()
                .Where(c => c.UseCaseId == useCaseId && c.Version == current && c.Kind != ChampionChangeKind.Rollback)
                .OrderByDescending(c => c.Id).FirstOrDefaultAsync(ct);
            var target = crowning?.PreviousVersion
                ?? throw new GraftException(FailureKind.Conflict, $"{current} was the first champion of '{useCaseId}'; there is nothing to roll back to");
            var change = useCase.Crown(target, ChampionChangeKind.Rollback, actor.Id, reason, home.Now);
            db.ChampionChanges.Add(change);
            return (new ChampionResult(useCaseId, target, current, Changed: true), ChampionRecord(TrailActs.ModelRolledBack, current, change, reason));
        }, cancellationToken);

    /// <summary>A change of champion as the trail records it: the champion before and after.</summary>
    private static TrailRecord ChampionRecord(string act, string subject, ChampionChange change, string? reason) =>
        new(act, change.UseCaseId, subject, new { champion = change.PreviousVersion }, new { champion = change.Version }, reason);

    public async Task<IReadOnlyList<ChampionChange>> HistoryAsync(string useCaseId, CancellationToken cancellationToken)
    {
        await using var db = home.CreateDb();
        return await db.ChampionChanges.AsNoTracking().Where(c => c.UseCaseId == useCaseId).OrderBy(c => c.Id).ToListAsync(cancellationToken);
    }
}

/// <summary>A use case's champion after a promotion or rollback, and the one it replaced.</summary>
public sealed record ChampionResult(string UseCase, string? Champion, string? Previous, bool Changed);

/// <summary>A trained model waiting to be registered: its number, lineage, serialized ML.NET model and card.</summary>
public sealed record PendingModel(int Number, ModelLineage Lineage, byte[] ModelZip, ModelCard Card);
