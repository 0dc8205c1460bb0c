using System.Security.Cryptography;
using Graft.Governance;
using Graft.Storage;
using Graft.UseCases;
using Microsoft.EntityFrameworkCore;

namespace Graft.Data;

/// <summary>
/// Imports delimited files as content-addressed dataset versions and loads them back. An import either
/// registers the version and its file together or leaves no trace.
/// </summary>
public sealed class DatasetCatalog(GraftHome home)
{
    public async Task<ImportResult> ImportAsync(string useCaseId, string path, Actor actor, CancellationToken cancellationToken)
    {
        await new UseCaseCatalog(home).GetAsync(useCaseId, cancellationToken); // before reading what may be a large file
        return await AddCheckedAsync(useCaseId, await DelimitedFile.ReadBytesAsync(path, cancellationToken), Path.GetFileName(path), null, actor, cancellationToken);
    }

    /// <summary>Imports bytes received some other way (an upload), under the given file name.</summary>
    public async Task<ImportResult> ImportAsync(string useCaseId, byte[] bytes, string name, Actor actor, CancellationToken cancellationToken)
    {
        await new UseCaseCatalog(home).GetAsync(useCaseId, cancellationToken);
        return await AddCheckedAsync(useCaseId, bytes, name, null, actor, cancellationToken);
    }

    /// <summary>
    /// Adds a file Graft made from its own records (<c>graft feedback export</c>) as a version of the use case, with where it
    /// came from. It is listed, audited and trained on by name like any version, but never becomes the latest: the latest
    /// imported file stays what training takes by default and what tells serving the data's fields.
    /// </summary>
    public Task<ImportResult> AddExportAsync(string useCaseId, byte[] bytes, string name, DatasetLineage lineage, Actor actor, CancellationToken cancellationToken) =>
        AddCheckedAsync(useCaseId, bytes, name, lineage, actor, cancellationToken);

    /// <summary>
    /// Reads a file new to the store (a malformed one fails before anything is written), writes its bytes as an artifact,
    /// then records the version, its link to the use case and the act in one transaction; the artifact is removed again
    /// when that fails.
    /// </summary>
    private async Task<ImportResult> AddCheckedAsync(string useCaseId, byte[] bytes, string name, DatasetLineage? lineage, Actor actor, CancellationToken cancellationToken)
    {
        var sha = Convert.ToHexStringLower(SHA256.HashData(bytes));
        Frame? frame = null;
        await using (var db = home.CreateDb())
        {
            if (!await db.DatasetVersions.AnyAsync(v => v.Sha256 == sha, cancellationToken))
            {
                frame = DelimitedFile.Read(bytes, name);
            }
        }
        var artifact = DatasetVersion.ArtifactKeyFor(sha);
        var wroteArtifact = false;
        if (!home.Artifacts.Exists(artifact))
        {
            await home.Artifacts.PutAsync(artifact, new MemoryStream(bytes, writable: false), cancellationToken);
            wroteArtifact = true;
        }
        try
        {
            return await new AuditTrail(home).CommitAsync(actor, async (db, ct) =>
            {
                var version = await db.DatasetVersions.FirstOrDefaultAsync(v => v.Sha256 == sha, ct);
                var created = version is null;
                if (version is null)
                {
                    frame ??= DelimitedFile.Read(bytes, name); // another process imported it and a third removed it meanwhile
                    version = new DatasetVersion(sha, name, bytes.Length, frame.RowCount, SchemaInference.Infer(frame), home.Now, lineage);
                    db.DatasetVersions.Add(version);
                }
                var latest = lineage is null ? await LatestIdAsync(db, useCaseId, ct) : null;
                var link = await db.UseCaseDatasets.FirstOrDefaultAsync(l => l.UseCaseId == useCaseId && l.DatasetVersionId == version.Id, ct);
                if (link is null)
                {
                    db.UseCaseDatasets.Add(new UseCaseDataset(useCaseId, version.Id, home.Now));
                }
                else
                {
                    link.AddedAgain(home.Now); // adding the same data again makes it the latest again
                }
                var record = lineage is null
                    ? new TrailRecord(TrailActs.DataImported, useCaseId, version.Id, latest is null ? null : new { dataset = latest },
                        new { dataset = version.Id, sha256 = sha, source = version.SourceName, rows = version.Rows, columns = version.Columns, new_version = created })
                    : new TrailRecord(TrailActs.DataExported, useCaseId, version.Id, null,
                        new
                        {
                            dataset = version.Id, sha256 = sha, source = version.SourceName, rows = version.Rows, columns = version.Columns, new_version = created,
                            as_of = lineage.AsOf, from_outcomes = lineage.FromOutcomes, from_reviews = lineage.FromReviews,
                            first_prediction = lineage.FirstPredictionId, last_prediction = lineage.LastPredictionId,
                        });
                return (new ImportResult(version, created, created ? (lineage?.DataOf(frame!) ?? frame) : null), record);
            }, cancellationToken);
        }
        catch when (wroteArtifact)
        {
            await home.Artifacts.DeleteAsync(artifact, CancellationToken.None);
            throw;
        }
    }

    /// <summary>A version by its id (<c>ds-…</c>) or by a unique prefix of its hash.</summary>
    public Task<DatasetVersion> FindAsync(string idOrHash, CancellationToken cancellationToken) => FindAsync(null, idOrHash, cancellationToken);

    /// <summary>
    /// A version of this use case by its id or a unique prefix of its hash, among the use case's versions only: a
    /// version that only another use case holds is not found (a key for one use case must not reach another's data).
    /// </summary>
    public async Task<DatasetVersion> FindAsync(string? useCaseId, string idOrHash, CancellationToken cancellationToken)
    {
        await using var db = home.CreateDb();
        var key = idOrHash.StartsWith("ds-", StringComparison.Ordinal) ? idOrHash[3..] : idOrHash;
        var versions = db.DatasetVersions.AsNoTracking();
        if (useCaseId is not null)
        {
            var linked = db.UseCaseDatasets.Where(l => l.UseCaseId == useCaseId).Select(l => l.DatasetVersionId);
            versions = versions.Where(v => linked.Contains(v.Id));
        }
        var matches = key.Length < 6 ? [] : await versions.Where(v => v.Sha256.StartsWith(key)).Take(2).ToListAsync(cancellationToken);
        return matches.Count switch
        {
            1 => matches[0],
            0 => throw GraftException.NotFound(useCaseId is null
                ? $"no dataset version '{idOrHash}' (graft data list <usecase> shows them)"
                : $"use case '{useCaseId}' has no dataset version '{idOrHash}' (graft data list {useCaseId} shows them)"),
            _ => throw GraftException.Invalid($"'{idOrHash}' matches more than one dataset version; give more of its hash"),
        };
    }

    /// <summary>The use case's latest dataset version; not found when it has no data yet.</summary>
    public async Task<DatasetVersion> LatestForAsync(string useCaseId, CancellationToken cancellationToken) =>
        await LatestOrNullAsync(useCaseId, cancellationToken)
        ?? throw GraftException.NotFound($"use case '{useCaseId}' has no data yet (graft data add --usecase {useCaseId} <file>)");

    /// <summary>The use case's latest dataset version, or null when it has no data yet (which is no error).</summary>
    public async Task<DatasetVersion?> LatestOrNullAsync(string useCaseId, CancellationToken cancellationToken)
    {
        await using var db = home.CreateDb();
        var id = await LatestIdAsync(db, useCaseId, cancellationToken);
        return id is null ? null : await db.DatasetVersions.AsNoTracking().FirstAsync(v => v.Id == id, cancellationToken);
    }

    /// <summary>The version last added to the use case by import (an export never becomes the latest, see <see cref="AddExportAsync"/>).</summary>
    private static Task<string?> LatestIdAsync(GraftDb db, string useCaseId, CancellationToken cancellationToken)
    {
        var imported = db.DatasetVersions.Where(v => v.LineageJson == null).Select(v => v.Id);
        return db.UseCaseDatasets.AsNoTracking().Where(l => l.UseCaseId == useCaseId && imported.Contains(l.DatasetVersionId))
            .OrderByDescending(l => l.AddedAt).Select(l => (string?)l.DatasetVersionId).FirstOrDefaultAsync(cancellationToken);
    }

    /// <summary>The fields of the use case's latest dataset version and their types (none before it has data): what requests may send, and how the rule reads them.</summary>
    public async Task<IReadOnlyDictionary<string, FieldType>> LatestFieldsAsync(string useCaseId, CancellationToken cancellationToken) =>
        (await LatestOrNullAsync(useCaseId, cancellationToken))?.Schema().ToDictionary(f => f.Name, f => f.Type, StringComparer.Ordinal)
        ?? new Dictionary<string, FieldType>();

    public async Task<IReadOnlyList<DatasetVersion>> ListAsync(string useCaseId, CancellationToken cancellationToken)
    {
        await using var db = home.CreateDb();
        var ids = db.UseCaseDatasets.Where(l => l.UseCaseId == useCaseId).Select(l => l.DatasetVersionId);
        return await db.DatasetVersions.AsNoTracking().Where(v => ids.Contains(v.Id))
            .OrderByDescending(v => v.CreatedAt).ThenBy(v => v.Id).ToListAsync(cancellationToken); // the same order every time, also for versions made at one instant
    }

    /// <summary>The version's data, without the lineage columns of an export (<see cref="DatasetLineage.DataOf"/>).</summary>
    public async Task<Frame> LoadAsync(DatasetVersion version, CancellationToken cancellationToken)
    {
        await using var stream = await home.Artifacts.OpenReadAsync(version.ArtifactKey, cancellationToken);
        using var buffer = new MemoryStream();
        await stream.CopyToAsync(buffer, cancellationToken);
        var file = DelimitedFile.Read(buffer.ToArray(), version.SourceName);
        return version.Lineage() is { } lineage ? lineage.DataOf(file) : file;
    }
}

/// <summary>The version an import produced (or found, when the same bytes were imported before).</summary>
public sealed record ImportResult(DatasetVersion Version, bool Created, Frame? Frame);
