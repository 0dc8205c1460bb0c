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

    public async Task<IReadOnlyList<ModelVersion>> RegisterRunAsync(
        TrainingRun run, IReadOnlyList<PendingModel> models, string? crown, CancellationToken cancellationToken)
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
                var cardKey = $"models/{id}/card.json";
                await home.Artifacts.PutAsync(cardKey, new MemoryStream(JsonSerializer.SerializeToUtf8Bytes(model.Card, Json)), cancellationToken);
                written.Add(cardKey);
                versions.Add(new ModelVersion(model.Lineage, model.Number, key, Convert.ToHexStringLower(SHA256.HashData(model.ModelZip)), home.Now));
            }
            await using var db = home.CreateDb();
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            db.TrainingRuns.Add(run);
            db.ModelVersions.AddRange(versions);
            if (crown is not null)
            {
                var useCase = await db.UseCases.FirstAsync(u => u.Id == run.UseCaseId, cancellationToken);
                useCase.Crown(crown, home.Now);
            }
            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            return versions;
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

    public static string ModelVersionId(string useCaseId, int number) => $"{useCaseId}-v{number}";
}

/// <summary>A trained model waiting to be registered: its number, lineage, serialized ML.NET model and card.</summary>
public sealed record PendingModel(int Number, ModelLineage Lineage, byte[] ModelZip, ModelCard Card);
