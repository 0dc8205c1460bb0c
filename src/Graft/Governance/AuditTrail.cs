using System.Text.Json;
using Graft.Storage;
using Microsoft.EntityFrameworkCore;

namespace Graft.Governance;

/// <summary>
/// The store's one append-only record of consequential acts. <see cref="CommitAsync"/> runs a change to the store and
/// appends the entry that records it in the same transaction: both land, or neither does. Every
/// <see cref="DefaultCheckpointEvery"/> entries it also signs a checkpoint (<see cref="TrailCheckpoint"/>). Only EF Core
/// here, so that every provider the store has appends alike.
/// </summary>
public sealed class AuditTrail(GraftHome home, int checkpointEvery = AuditTrail.DefaultCheckpointEvery)
{
    public const int DefaultCheckpointEvery = 1_000;

    /// <summary>Attempts before appending gives up: each lost one means another process appended in between.</summary>
    private const int MaxAttempts = 20;

    /// <summary>Before and after are written as an export shows them, so that an exported line reads as it was hashed.</summary>
    private static readonly JsonSerializerOptions Json = TrailEntryView.Json;

    /// <summary>
    /// Runs <paramref name="change"/> on a fresh <see cref="GraftDb"/> in a transaction, appends the entry for the
    /// <see cref="TrailRecord"/> it returns (none for a change that changed nothing), and commits both. When another
    /// process appended first (the sequence number is taken), the whole change runs again on what that left: it must do
    /// nothing outside the database it is given. Adding an act is one call:
    /// <code>
    /// await new AuditTrail(home).CommitAsync(actor, async (db, ct) =>
    /// {
    ///     var useCase = await db.UseCases.FirstAsync(u => u.Id == id, ct);
    ///     …
    ///     return (useCase, new TrailRecord(TrailActs.StageChanged, id, id, new { stage = before }, new { stage = after }, reason));
    /// }, cancellationToken);
    /// </code>
    /// </summary>
    public Task<T> CommitAsync<T>(Actor actor, Func<GraftDb, CancellationToken, Task<(T Result, TrailRecord? Record)>> change, CancellationToken cancellationToken) =>
        CommitActsAsync(actor, async (db, ct) =>
        {
            var (result, record) = await change(db, ct);
            return (result, record is null ? [] : (IReadOnlyList<TrailRecord>)[record]);
        }, cancellationToken);

    /// <summary>
    /// As <see cref="CommitAsync{T}"/>, for a change that is several acts at once (a spec applied that also acknowledges
    /// audit findings): one entry each, in order, all in the same transaction as the change; none for an empty list.
    /// </summary>
    public async Task<T> CommitActsAsync<T>(Actor actor, Func<GraftDb, CancellationToken, Task<(T Result, IReadOnlyList<TrailRecord> Records)>> change,
        CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            await using var db = home.CreateDb();
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            var (result, records) = await change(db, cancellationToken);
            var entries = await AppendAsync(db, actor, records, cancellationToken);
            var checkpointed = false;
            foreach (var entry in entries.Where(e => e.Sequence % checkpointEvery == 0))
            {
                db.TrailCheckpoints.Add(TrailCheckpoint.Sign(entry, home.Now, TrailKey.Open(home.Root)));
                checkpointed = true;
            }
            try
            {
                await db.SaveChangesAsync(cancellationToken);
                await transaction.CommitAsync(cancellationToken);
            }
            catch (DbUpdateException) when (entries.Count > 0 && attempt < MaxAttempts)
            {
                await transaction.RollbackAsync(CancellationToken.None);
                if (!await TakenAsync(entries[0].Sequence, cancellationToken))
                {
                    throw; // the change itself failed
                }
                continue;
            }
            if (checkpointed)
            {
                await FileCheckpointsAsync(cancellationToken);
            }
            return result;
        }
    }

    /// <summary>Signs a checkpoint at the last entry now (the one there is when it already has one); null while the trail is empty.</summary>
    public async Task<TrailCheckpoint?> CheckpointAsync(CancellationToken cancellationToken)
    {
        var key = TrailKey.Open(home.Root);
        await using var db = home.CreateDb();
        var last = await db.TrailEntries.AsNoTracking().OrderByDescending(e => e.Sequence).FirstOrDefaultAsync(cancellationToken);
        if (last is null)
        {
            return null;
        }
        var checkpoint = await db.TrailCheckpoints.AsNoTracking().FirstOrDefaultAsync(c => c.Sequence == last.Sequence, cancellationToken);
        if (checkpoint is null)
        {
            checkpoint = TrailCheckpoint.Sign(last, home.Now, key);
            db.TrailCheckpoints.Add(checkpoint);
            try
            {
                await db.SaveChangesAsync(cancellationToken);
            }
            catch (DbUpdateException)
            {
                await using var again = home.CreateDb();
                if (await again.TrailCheckpoints.AsNoTracking().FirstOrDefaultAsync(c => c.Sequence == last.Sequence, cancellationToken) is not { } theirs)
                {
                    throw;
                }
                checkpoint = theirs; // another process signed the same entry at the same moment: theirs is as good
            }
        }
        await FileCheckpointsAsync(cancellationToken);
        return checkpoint;
    }

    private async Task<List<TrailEntry>> AppendAsync(GraftDb db, Actor actor, IReadOnlyList<TrailRecord> records, CancellationToken cancellationToken)
    {
        var entries = new List<TrailEntry>(records.Count);
        if (records.Count == 0)
        {
            return entries;
        }
        var head = await db.TrailEntries.OrderByDescending(e => e.Sequence).Select(e => new { e.Sequence, e.Hash }).FirstOrDefaultAsync(cancellationToken);
        var (sequence, previous) = (head?.Sequence ?? 0, head?.Hash ?? TrailEncoding.Genesis.ToArray());
        foreach (var record in records)
        {
            var entry = new TrailEntry(++sequence, home.Now, actor, record, Compact(record.Before), Compact(record.After), previous);
            db.TrailEntries.Add(entry);
            entries.Add(entry);
            previous = entry.Hash;
        }
        return entries;
    }

    private async Task<bool> TakenAsync(long sequence, CancellationToken cancellationToken)
    {
        await using var db = home.CreateDb();
        return await db.TrailEntries.AnyAsync(e => e.Sequence == sequence, cancellationToken);
    }

    /// <summary>
    /// Appends to the store's checkpoints file those the database holds past the file's last: the new one, and any an
    /// earlier append could not write. The database keeps them either way, so a file that cannot be written now is no failure.
    /// </summary>
    private async Task FileCheckpointsAsync(CancellationToken cancellationToken)
    {
        var path = TrailCheckpointFile.PathIn(home.Root);
        try
        {
            var filed = (await TrailCheckpointFile.ReadAsync(path, required: false, cancellationToken)).Select(c => c.Sequence).DefaultIfEmpty(0).Max();
            await using var db = home.CreateDb();
            var unfiled = await db.TrailCheckpoints.AsNoTracking().Where(c => c.Sequence > filed).OrderBy(c => c.Sequence).ToListAsync(cancellationToken);
            await TrailCheckpointFile.AppendAsync(path, unfiled, cancellationToken);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or GraftException)
        {
            // the next checkpoint appends it; verify checks the database's meanwhile
        }
    }

    /// <summary>An object as compact JSON; anything but an object (or null) is a bug of the change.</summary>
    private static string? Compact(object? state)
    {
        if (state is null)
        {
            return null;
        }
        var json = JsonSerializer.Serialize(state, state.GetType(), Json);
        return json.StartsWith('{') ? json : throw new ArgumentException($"a trail entry's before and after are JSON objects, not {json}", nameof(state));
    }
}
