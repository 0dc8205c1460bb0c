using System.Security.Cryptography;
using System.Text.Json;
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
    /// Stores a training run's models and records the run. <paramref name="crown"/> (the run's best, when its
    /// gate passed) becomes champion only if the use case has none when the run is recorded: decided inside the
    /// transaction, so a champion promoted while the run was training is never replaced. <paramref name="finish"/>
    /// completes the run's record given the champion it leaves, which is returned.
    /// </summary>
    public async Task<string?> RegisterRunAsync(
        TrainingRun run, IReadOnlyList<PendingModel> models, string? crown, Action<TrainingRun, string?> finish, CancellationToken cancellationToken)
    {
        var written = new List<string>();
        try
        {
            var versions = new List<ModelVersion>();
            foreach (var model in models)
            {
                var id = ModelVersionId(model.Lineage.UseCaseId, model.Number);
                var key = $"models/{id}/model.zip";
                await home.Artifacts.PutAsync(key, new MemoryStream(model.ModelZip, writable: false), cancellationToken);
                written.Add(key);
                var cardKey = CardKey(id);
                await home.Artifacts.PutAsync(cardKey, new MemoryStream(JsonSerializer.SerializeToUtf8Bytes(model.Card, Json)), cancellationToken);
                written.Add(cardKey);
                versions.Add(new ModelVersion(model.Lineage, model.Number, key, Convert.ToHexStringLower(SHA256.HashData(model.ModelZip)), home.Now));
            }
            await using var db = home.CreateDb();
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            db.ModelVersions.AddRange(versions);
            var useCase = await db.UseCases.FirstAsync(u => u.Id == run.UseCaseId, cancellationToken);
            if (crown is not null && useCase.ChampionVersion is null)
            {
                db.ChampionChanges.Add(useCase.Crown(crown, ChampionChangeKind.FirstTraining, "training", $"first training run {run.Id} passed the baseline gate", home.Now));
            }
            finish(run, useCase.ChampionVersion);
            db.TrainingRuns.Add(run);
            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            return useCase.ChampionVersion;
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
    /// Makes a version its use case's champion, after <paramref name="load"/> has loaded it (a server keeps the
    /// loaded model, so the switch is instant): a version that cannot be served is refused as a Conflict and
    /// nothing changes.
    /// </summary>
    public async Task<ChampionResult> PromoteAsync(string version, string by, string? reason, Func<string, CancellationToken, Task> load, CancellationToken cancellationToken)
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
        await using var db = home.CreateDb();
        var useCase = await db.UseCases.FirstAsync(u => u.Id == model.UseCaseId, cancellationToken);
        if (useCase.ChampionVersion == version)
        {
            return new ChampionResult(useCase.Id, version, version, Changed: false);
        }
        var change = useCase.Crown(version, ChampionChangeKind.Promotion, by, reason, home.Now);
        db.ChampionChanges.Add(change);
        await db.SaveChangesAsync(cancellationToken);
        return new ChampionResult(useCase.Id, version, change.PreviousVersion, Changed: true);
    }

    /// <summary>
    /// Restores the champion that the current one replaced. Rollbacks walk back through promotions: after
    /// v1 → v2 → v3, two rollbacks give v2 and then v1.
    /// </summary>
    public async Task<ChampionResult> RollbackAsync(string useCaseId, string by, string? reason, CancellationToken cancellationToken)
    {
        await using var db = home.CreateDb();
        var useCase = await db.UseCases.FirstOrDefaultAsync(u => u.Id == useCaseId, cancellationToken)
            ?? throw GraftException.NotFound($"no use case '{useCaseId}'");
        var current = useCase.ChampionVersion
            ?? throw new GraftException(FailureKind.Conflict, $"use case '{useCaseId}' has no champion to roll back");
        var crowning = await db.ChampionChanges.AsNoTracking()
            .Where(c => c.UseCaseId == useCaseId && c.Version == current && c.Kind != ChampionChangeKind.Rollback)
            .OrderByDescending(c => c.Id).FirstOrDefaultAsync(cancellationToken);
        var target = crowning?.PreviousVersion
            ?? throw new GraftException(FailureKind.Conflict, $"{current} was the first champion of '{useCaseId}'; there is nothing to roll back to");
        var change = useCase.Crown(target, ChampionChangeKind.Rollback, by, reason, home.Now);
        db.ChampionChanges.Add(change);
        await db.SaveChangesAsync(cancellationToken);
        return new ChampionResult(useCaseId, target, current, Changed: true);
    }

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
