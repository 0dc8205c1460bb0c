using Graft.Storage;
using Microsoft.EntityFrameworkCore;

namespace Graft.Governance;

/// <summary>
/// Recomputes the trail and checks it against its signed checkpoints: each entry's hash against its content, its link to
/// the entry before, the numbering (1, 2, 3, … without gaps), and each checkpoint (the database's, the store's file's, and
/// any file an auditor kept): signed by the store's key, over an entry that exists, with that entry's hash. Reports the
/// first bad entry; what each tampering looks like is in docs/trail.md. A long trail is walked in as many stretches at once
/// as there are cores, or in <paramref name="stretches"/> when given (tests walk short trails in several).
/// </summary>
public sealed class TrailVerifier(GraftHome home, int? stretches = null)
{
    /// <summary>Fewer entries than this a stretch are walked in one: starting another costs more than it saves.</summary>
    private const long MinStretch = 20_000;

    private const int MaxStretches = 8;

    public async Task<TrailVerification> VerifyAsync(string? checkpointsFile, CancellationToken cancellationToken)
    {
        var filed = await TrailCheckpointFile.ReadAsync(TrailCheckpointFile.PathIn(home.Root), required: false, cancellationToken);
        var kept = checkpointsFile is null ? [] : await TrailCheckpointFile.ReadAsync(checkpointsFile, required: true, cancellationToken);
        await using var db = home.CreateDb();
        var stored = await db.TrailCheckpoints.AsNoTracking().ToListAsync(cancellationToken);
        // The same checkpoint from the database and the files is checked once.
        var checkpoints = stored.Concat(filed).Concat(kept)
            .DistinctBy(c => (c.Sequence, c.At, Convert.ToHexString(c.Hash), c.PublicKey, Convert.ToHexString(c.Signature))).OrderBy(c => c.Sequence).ToList();
        var key = TrailKey.OpenExisting(home.Root);

        var problems = new List<(long Sequence, string Problem)>();
        var inDatabase = stored.Select(c => c.Sequence).ToHashSet();
        foreach (var c in filed.Concat(kept).Where(c => !inDatabase.Contains(c.Sequence)))
        {
            problems.Add((c.Sequence, $"checkpoint {c.Sequence} is in a checkpoints file but not in the database: checkpoints were deleted from it"));
        }
        foreach (var c in checkpoints)
        {
            if (key is null)
            {
                problems.Add((c.Sequence, $"the store has no trail key ({TrailKey.Variable} or {TrailKey.FileName}), so checkpoint {c.Sequence}'s signature cannot be checked"));
                break;
            }
            if (!c.IsSignedBy(key))
            {
                problems.Add((c.Sequence, $"checkpoint {c.Sequence} is not signed by this store's trail key: it was forged or altered"));
            }
        }

        var (entries, last, chainProblem) = await WalkAsync(db, checkpoints, cancellationToken);
        if (chainProblem is { } chain)
        {
            problems.Add(chain);
        }
        else if (checkpoints.Count > 0 && checkpoints[^1].Sequence > entries)
        {
            var signed = checkpoints[^1].Sequence;
            problems.Add((entries + 1, $"the trail ends at entry {entries}, but checkpoint {signed} was signed: entries {entries + 1} to {signed} at least were removed"));
        }
        var first = problems.OrderBy(p => p.Sequence).FirstOrDefault();
        var total = chainProblem is null ? entries : await db.TrailEntries.LongCountAsync(cancellationToken);
        return new TrailVerification(problems.Count == 0, total, problems.Count == 0 ? null : first.Sequence, problems.Count == 0 ? null : first.Problem,
            checkpoints.Count, last is null ? null : Convert.ToHexStringLower(last), key?.PublicKey);
    }

    /// <summary>
    /// Walks every entry in order, in as many stretches at once as there are cores (a long trail's time goes to reading
    /// entries from the store), and reports what one walk from entry 1 would: the first entry that fails, naming it.
    /// </summary>
    private async Task<(long Entries, byte[]? LastHash, (long, string)? Problem)> WalkAsync(
        GraftDb db, List<TrailCheckpoint> checkpoints, CancellationToken cancellationToken)
    {
        var highest = await db.TrailEntries.MaxAsync(e => (long?)e.Sequence, cancellationToken) ?? 0;
        var count = (int)Math.Clamp(stretches ?? Math.Min(Math.Clamp(Environment.ProcessorCount, 1, MaxStretches), highest / MinStretch), 1, Math.Max(1, highest));
        var walked = await Task.WhenAll(Enumerable.Range(0, count).Select(i =>
            Task.Run(() => TrailStretch.WalkAsync(home, 1 + i * highest / count, (i + 1) * highest / count, checkpoints, cancellationToken), cancellationToken)));
        var entries = 0L;
        foreach (var stretch in walked)
        {
            entries += stretch.Entries;
            if (stretch.FirstBad is { } bad)
            {
                return (entries, stretch.LastHash, (bad, stretch.Problem!));
            }
        }
        return (entries, entries == 0 ? null : walked[^1].LastHash, null);
    }
}
