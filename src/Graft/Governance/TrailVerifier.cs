using Graft.Storage;
using Microsoft.EntityFrameworkCore;

namespace Graft.Governance;

/// <summary>
/// Recomputes the trail and checks it against its signed checkpoints: each entry's hash against its content, its link to
/// the entry before, the numbering (1, 2, 3, … without gaps), and each checkpoint (the database's, the store's file's, and
/// any file an auditor kept): signed by the store's key, over an entry that exists, with that entry's hash. Reports the
/// first bad entry; what each tampering looks like is in docs/trail.md.
/// </summary>
public sealed class TrailVerifier(GraftHome home)
{
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

    /// <summary>Reads every entry in order; stops at the first that fails, naming it.</summary>
    private static async Task<(long Entries, byte[]? LastHash, (long, string)? Problem)> WalkAsync(
        GraftDb db, List<TrailCheckpoint> checkpoints, CancellationToken cancellationToken)
    {
        var previous = TrailEncoding.Genesis.ToArray();
        var expected = 1L;
        var next = 0; // the next checkpoint to compare with
        var lastGood = 0L; // the last checkpoint the entries matched
        await foreach (var e in db.TrailEntries.AsNoTracking().OrderBy(e => e.Sequence).AsAsyncEnumerable().WithCancellation(cancellationToken))
        {
            if (e.Sequence != expected)
            {
                return (expected - 1, previous, (expected, $"entry {expected} is missing: the entry after {expected - 1} is {e.Sequence}"));
            }
            if (!TrailEncoding.HashMatches(e))
            {
                return (expected - 1, previous, (e.Sequence, $"entry {e.Sequence} does not match its hash: it was changed after it was written"));
            }
            if (!e.PreviousHash.AsSpan().SequenceEqual(previous))
            {
                return (expected - 1, previous, (e.Sequence, $"entry {e.Sequence} does not follow entry {e.Sequence - 1}: an entry was inserted, removed or rewritten before it"));
            }
            while (next < checkpoints.Count && checkpoints[next].Sequence < e.Sequence)
            {
                next++; // of no entry (its signature is what was checked)
            }
            for (; next < checkpoints.Count && checkpoints[next].Sequence == e.Sequence; next++)
            {
                if (!checkpoints[next].Hash.AsSpan().SequenceEqual(e.Hash))
                {
                    return (expected - 1, previous, (e.Sequence,
                        $"entry {e.Sequence} is not the one its checkpoint signed: the trail was rewritten after entry {lastGood}, the last a checkpoint vouches for"));
                }
                lastGood = e.Sequence;
            }
            previous = e.Hash;
            expected++;
        }
        return (expected - 1, expected == 1 ? null : previous, null);
    }
}
