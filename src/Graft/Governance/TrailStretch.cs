using Graft.Storage;
using Microsoft.EntityFrameworkCore;

namespace Graft.Governance;

/// <summary>
/// What walking one stretch of the trail found: entries <see cref="First"/> to <see cref="Last"/> by number, each checked
/// as <see cref="TrailVerifier"/> describes, on a connection of its own, so that a long trail is checked a stretch a core.
/// A stretch starts from the stored hash of the entry before it, so that it finds exactly what one walk from entry 1
/// would find there when every entry before it holds; when one does not, the stretch before reports it first.
/// </summary>
internal sealed record TrailStretch(long First, long Last, long Entries, byte[]? LastHash, long? FirstBad, string? Problem)
{
    /// <summary>Walks entries <paramref name="first"/> to <paramref name="last"/>; the first stretch (1) also reads any entry numbered below it.</summary>
    public static async Task<TrailStretch> WalkAsync(GraftHome home, long first, long last, IReadOnlyList<TrailCheckpoint> checkpoints, CancellationToken cancellationToken)
    {
        await using var db = home.CreateDb();
        using var hasher = new TrailHasher();
        var previous = first == 1
            ? TrailEncoding.Genesis.ToArray()
            : await db.TrailEntries.Where(e => e.Sequence == first - 1).Select(e => e.Hash).FirstOrDefaultAsync(cancellationToken); // null: missing, named before
        var expected = first;
        var next = 0; // the next checkpoint to compare with
        var lastGood = 0L; // the last checkpoint the entries matched: before this stretch, every one (else an earlier stretch fails first)
        for (; next < checkpoints.Count && checkpoints[next].Sequence < first; next++)
        {
            lastGood = checkpoints[next].Sequence;
        }
        TrailStretch Bad(long sequence, string problem) => new(first, last, expected - first, previous, sequence, problem);
        var entries = first == 1 ? db.TrailEntries.Where(e => e.Sequence <= last) : db.TrailEntries.Where(e => e.Sequence >= first && e.Sequence <= last);
        await foreach (var e in entries.AsNoTracking().OrderBy(e => e.Sequence).AsAsyncEnumerable().WithCancellation(cancellationToken))
        {
            if (e.Sequence != expected)
            {
                return Bad(expected, $"entry {expected} is missing: the entry after {expected - 1} is {e.Sequence}");
            }
            if (!hasher.Matches(e))
            {
                return Bad(e.Sequence, $"entry {e.Sequence} does not match its hash: it was changed after it was written");
            }
            if (previous is not null && !e.PreviousHash.AsSpan().SequenceEqual(previous))
            {
                return Bad(e.Sequence, $"entry {e.Sequence} does not follow entry {e.Sequence - 1}: an entry was inserted, removed or rewritten before it");
            }
            while (next < checkpoints.Count && checkpoints[next].Sequence < e.Sequence)
            {
                next++; // of no entry (its signature is what was checked)
            }
            for (; next < checkpoints.Count && checkpoints[next].Sequence == e.Sequence; next++)
            {
                if (!checkpoints[next].Hash.AsSpan().SequenceEqual(e.Hash))
                {
                    return Bad(e.Sequence, $"entry {e.Sequence} is not the one its checkpoint signed: the trail was rewritten after entry {lastGood}, the last a checkpoint vouches for");
                }
                lastGood = e.Sequence;
            }
            previous = e.Hash;
            expected++;
        }
        // Entries to the end of the stretch are gone, and one after it is not: the trail does not simply end here.
        if (expected <= last && await db.TrailEntries.Where(e => e.Sequence > last).MinAsync(e => (long?)e.Sequence, cancellationToken) is { } after)
        {
            return Bad(expected, $"entry {expected} is missing: the entry after {expected - 1} is {after}");
        }
        return new TrailStretch(first, last, expected - first, previous, null, null);
    }
}
