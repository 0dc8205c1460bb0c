using System.Buffers.Binary;
using System.Text;
using Graft.Serving;
using Graft.Storage;
using Microsoft.EntityFrameworkCore;

namespace Graft.Feedback;

/// <summary>
/// The log's index from entity to prediction, kept with each page rather than in a table of its own. Each page keeps its
/// records' entities as 32-bit hashes with each record's place in the page, sorted by hash, 6 bytes a record. The log's
/// writer builds the list as it writes the page, at no cost it can measure. A table keyed by entity had cost it nine tenths
/// of its rate: every insert dirtied another page of the index. Finding an entity's latest prediction before a time reads
/// the entity lists of the pages in the window, newest first, and opens only a page whose list holds the entity's hash.
/// A hash that is shared by two entities is told apart by the record itself.
/// </summary>
public static class PageEntities
{
    private const int EntrySize = 6;

    public static uint Hash(string entity) => Rollout.Murmur3.Hash32(Encoding.UTF8.GetBytes(entity));

    /// <summary>The sorted (hash, place) list of a page's records that have an entity; null when none has.</summary>
    internal static byte[]? Of(IReadOnlyList<PredictionRecord> records)
    {
        var entries = new List<(uint Hash, ushort Place)>(records.Count);
        for (var i = 0; i < records.Count; i++)
        {
            if (records[i].EntityId is { } entity)
            {
                entries.Add((Hash(entity), (ushort)i));
            }
        }
        if (entries.Count == 0)
        {
            return null;
        }
        entries.Sort();
        var bytes = new byte[entries.Count * EntrySize];
        for (var i = 0; i < entries.Count; i++)
        {
            BinaryPrimitives.WriteUInt32LittleEndian(bytes.AsSpan(i * EntrySize), entries[i].Hash);
            BinaryPrimitives.WriteUInt16LittleEndian(bytes.AsSpan(i * EntrySize + 4), entries[i].Place);
        }
        return bytes;
    }

    /// <summary>
    /// The latest prediction for each lookup, as the single lookup finds it, in one pass over the pages of all their
    /// windows, newest first: a report of many outcomes reads each page's entity list once, not once an outcome. Each
    /// page's list is merged with the lookups' hashes, both sorted; a page is opened only when it holds one of them and
    /// can still hold a later prediction for it than the best found so far. A lookup is settled when the pages left
    /// began more than a page's span before its best, or before its window; the pass ends when every lookup is.
    /// </summary>
    public static async Task<PredictionRecord?[]> LatestAsync(GraftHome home, string useCaseId, IReadOnlyList<EntityLookup> lookups, TimeSpan window,
        CancellationToken cancellationToken)
    {
        var best = new PredictionRecord?[lookups.Count];
        if (lookups.Count == 0)
        {
            return best;
        }
        var wanted = lookups.SelectMany((l, j) => l.Forms.Select(Hash).Distinct().Select(h => (Hash: h, Lookup: j))).Order().ToArray();
        var settled = new bool[lookups.Count];
        var open = lookups.Count;
        var (earliest, latest) = (lookups.Min(l => l.ObservedAt) - window, lookups.Max(l => l.ObservedAt));
        var (lowest, highest) = (PredictionIds.FirstAt(new DateTimeOffset(earliest - PredictionPage.MaxSpan, TimeSpan.Zero)), PredictionIds.FirstAt(new DateTimeOffset(latest.AddMilliseconds(1), TimeSpan.Zero)));
        await using var db = home.CreateDb();
        var pages = db.PredictionPages.AsNoTracking()
            .Where(p => p.UseCaseId == useCaseId && p.Entities != null && string.Compare(p.FirstId, lowest) >= 0 && string.Compare(p.FirstId, highest) < 0)
            .OrderByDescending(p => p.FirstId)
            .Select(p => new { p.Id, p.FirstId, p.Entities })
            .AsAsyncEnumerable();
        var read = 0;
        await using var reading = home.CreateDb();
        await foreach (var page in pages.WithCancellation(cancellationToken))
        {
            var first = PredictionIds.TimeOf(page.FirstId)?.UtcDateTime ?? DateTime.MaxValue;
            if (++read % 64 == 0 && Settle(lookups, best, settled, first, window, ref open))
            {
                break;
            }
            var matches = Matches(page.Entities!, wanted, lookups, best, settled, first);
            if (matches.Count == 0)
            {
                continue;
            }
            var bytes = await reading.PredictionPages.AsNoTracking().Where(p => p.Id == page.Id).Select(p => p.Records).FirstAsync(cancellationToken);
            var records = PredictionRecordJson.Read(useCaseId, bytes).ToList();
            foreach (var (j, places) in matches)
            {
                var (forms, observedAt) = (lookups[j].Forms, lookups[j].ObservedAt);
                var candidate = places.Select(p => records[p])
                    .Where(r => r.EntityId is { } e && forms.Contains(e) && r.At <= observedAt && r.At >= observedAt - window)
                    .MaxBy(r => r.At);
                if (candidate is not null && (best[j] is null || candidate.At > best[j]!.At))
                {
                    best[j] = candidate;
                }
            }
        }
        return best;
    }

    /// <summary>
    /// The lookups a page beginning at <paramref name="first"/> may answer better than so far, each with its places in
    /// the page: the page's (hash, place) list and the wanted (hash, lookup) list merged, both sorted by hash.
    /// </summary>
    private static Dictionary<int, List<int>> Matches(byte[] entities, (uint Hash, int Lookup)[] wanted, IReadOnlyList<EntityLookup> lookups,
        PredictionRecord?[] best, bool[] settled, DateTime first)
    {
        var matches = new Dictionary<int, List<int>>();
        var (count, e, w) = (entities.Length / EntrySize, 0, 0);
        while (e < count && w < wanted.Length)
        {
            var hash = BinaryPrimitives.ReadUInt32LittleEndian(entities.AsSpan(e * EntrySize));
            if (hash < wanted[w].Hash)
            {
                e++;
                continue;
            }
            if (hash > wanted[w].Hash)
            {
                w++;
                continue;
            }
            var end = e;
            while (end < count && BinaryPrimitives.ReadUInt32LittleEndian(entities.AsSpan(end * EntrySize)) == hash)
            {
                end++;
            }
            for (; w < wanted.Length && wanted[w].Hash == hash; w++)
            {
                var j = wanted[w].Lookup;
                if (settled[j] || first > lookups[j].ObservedAt || (best[j] is { } found && first + PredictionPage.MaxSpan < found.At))
                {
                    continue; // the page began after the observation, or cannot hold a later prediction than the best
                }
                if (!matches.TryGetValue(j, out var places))
                {
                    matches[j] = places = [];
                }
                for (var i = e; i < end; i++)
                {
                    places.Add(BinaryPrimitives.ReadUInt16LittleEndian(entities.AsSpan(i * EntrySize + 4)));
                }
            }
            e = end;
        }
        return matches;
    }

    /// <summary>Marks the lookups the pages from <paramref name="first"/> back can no longer improve; true when none is left.</summary>
    private static bool Settle(IReadOnlyList<EntityLookup> lookups, PredictionRecord?[] best, bool[] settled, DateTime first, TimeSpan window, ref int open)
    {
        for (var j = 0; j < lookups.Count; j++)
        {
            if (!settled[j] && (first + PredictionPage.MaxSpan < lookups[j].ObservedAt - window || (best[j] is { } found && first + PredictionPage.MaxSpan < found.At)))
            {
                settled[j] = true;
                open--;
            }
        }
        return open == 0;
    }
}

/// <summary>One entity's outcome to join: the forms the log may keep the entity in (as sent, its pseudonym), and when it was observed.</summary>
public sealed record EntityLookup(IReadOnlyCollection<string> Forms, DateTime ObservedAt);
