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

    /// <summary>The places in the page of the records whose entity has <paramref name="hash"/>.</summary>
    public static List<int> Places(byte[] entities, uint hash)
    {
        var (low, high) = (0, entities.Length / EntrySize);
        while (low < high)
        {
            var middle = (low + high) / 2;
            if (BinaryPrimitives.ReadUInt32LittleEndian(entities.AsSpan(middle * EntrySize)) < hash)
            {
                low = middle + 1;
            }
            else
            {
                high = middle;
            }
        }
        var places = new List<int>();
        for (var i = low; i < entities.Length / EntrySize && BinaryPrimitives.ReadUInt32LittleEndian(entities.AsSpan(i * EntrySize)) == hash; i++)
        {
            places.Add(BinaryPrimitives.ReadUInt16LittleEndian(entities.AsSpan(i * EntrySize + 4)));
        }
        return places;
    }

    /// <summary>
    /// The latest prediction of a use case for an entity (in any of the forms the log may keep it in) made at or before
    /// <paramref name="observedAt"/> and no earlier than <paramref name="window"/> before it; null when there is none.
    /// Pages are read newest first; a page whose first record was made more than a page's span before the best found
    /// so far cannot hold a later one, and ends the search.
    /// </summary>
    public static async Task<PredictionRecord?> LatestAsync(GraftHome home, string useCaseId, IReadOnlyCollection<string> forms, DateTime observedAt, TimeSpan window,
        CancellationToken cancellationToken)
    {
        var hashes = forms.Select(Hash).Distinct().ToList();
        var from = observedAt - window;
        var (lowest, highest) = (PredictionIds.FirstAt(new DateTimeOffset(from - PredictionPage.MaxSpan, TimeSpan.Zero)), PredictionIds.FirstAt(new DateTimeOffset(observedAt.AddMilliseconds(1), TimeSpan.Zero)));
        await using var db = home.CreateDb();
        var pages = db.PredictionPages.AsNoTracking()
            .Where(p => p.UseCaseId == useCaseId && p.Entities != null && string.Compare(p.FirstId, lowest) >= 0 && string.Compare(p.FirstId, highest) < 0)
            .OrderByDescending(p => p.FirstId)
            .Select(p => new { p.Id, p.FirstId, p.Entities })
            .AsAsyncEnumerable();
        PredictionRecord? best = null;
        await foreach (var page in pages.WithCancellation(cancellationToken))
        {
            if (best is not null && PredictionIds.TimeOf(page.FirstId) is { } first && first.UtcDateTime + PredictionPage.MaxSpan < best.At)
            {
                break;
            }
            var places = hashes.SelectMany(h => Places(page.Entities!, h)).ToHashSet();
            if (places.Count == 0)
            {
                continue;
            }
            await using var reading = home.CreateDb();
            var records = await reading.PredictionPages.AsNoTracking().Where(p => p.Id == page.Id).Select(p => p.Records).FirstAsync(cancellationToken);
            var candidate = PredictionRecordJson.Read(useCaseId, records)
                .Where((r, i) => places.Contains(i) && r.EntityId is { } e && forms.Contains(e) && r.At <= observedAt && r.At >= from)
                .MaxBy(r => r.At);
            if (candidate is not null && (best is null || candidate.At > best.At))
            {
                best = candidate;
            }
        }
        return best;
    }
}
