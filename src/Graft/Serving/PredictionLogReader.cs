using System.Runtime.CompilerServices;
using Graft.Storage;
using Microsoft.EntityFrameworkCore;

namespace Graft.Serving;

/// <summary>
/// Reads the prediction log back: one prediction by its id, or a use case's predictions made in a window of time.
/// Both find their pages through the index on (use case, first id): a page's records were made within
/// <see cref="PredictionPage.MaxSpan"/> of each other, so the lowest id of a page holding an id made at t was made
/// after t - MaxSpan, and the index scan is bounded however long the log.
/// </summary>
public sealed class PredictionLogReader(GraftHome home)
{
    /// <summary>The record of prediction <paramref name="predictionId"/> of a use case; null when the log has none.</summary>
    public async Task<PredictionRecord?> FindAsync(string useCaseId, string predictionId, CancellationToken cancellationToken = default)
    {
        // An id that does not start with its time (not one Graft made) may be in any of the use case's pages.
        var lowest = PredictionIds.TimeOf(predictionId) is { } at ? PredictionIds.FirstAt(Before(at)) : "";
        await using var db = home.CreateDb();
        var pages = db.PredictionPages.AsNoTracking()
            .Where(p => p.UseCaseId == useCaseId && string.Compare(p.FirstId, lowest) >= 0 && string.Compare(p.FirstId, predictionId) <= 0
                && string.Compare(p.LastId, predictionId) >= 0)
            .Select(p => p.Records)
            .AsAsyncEnumerable();
        await foreach (var records in pages.WithCancellation(cancellationToken))
        {
            if (PredictionRecordJson.Read(useCaseId, records).FirstOrDefault(r => r.Id == predictionId) is { } found)
            {
                return found;
            }
        }
        return null;
    }

    /// <summary>
    /// The records of a use case's predictions made from <paramref name="from"/> up to, not including,
    /// <paramref name="to"/>, page by page, in the order they were written (nearly the order of time).
    /// </summary>
    public async IAsyncEnumerable<PredictionRecord> ReadAsync(string useCaseId, DateTimeOffset from, DateTimeOffset to,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var (first, end, lowest) = (PredictionIds.FirstAt(from), PredictionIds.FirstAt(to), PredictionIds.FirstAt(Before(from)));
        await using var db = home.CreateDb();
        var pages = db.PredictionPages.AsNoTracking()
            .Where(p => p.UseCaseId == useCaseId && string.Compare(p.FirstId, lowest) >= 0 && string.Compare(p.FirstId, end) < 0
                && string.Compare(p.LastId, first) >= 0)
            .OrderBy(p => p.FirstId)
            .Select(p => p.Records)
            .AsAsyncEnumerable();
        await foreach (var records in pages.WithCancellation(cancellationToken))
        {
            foreach (var record in PredictionRecordJson.Read(useCaseId, records))
            {
                if (string.CompareOrdinal(record.Id, first) >= 0 && string.CompareOrdinal(record.Id, end) < 0)
                {
                    yield return record;
                }
            }
        }
    }

    /// <summary>
    /// The records of these predictions of a use case that the log still holds, in the order of their pages. Only pages
    /// whose id range holds one of the ids are opened (their ranges are read from the index first), so a few ids spread
    /// over a long log cost a page each, not the log.
    /// </summary>
    public async IAsyncEnumerable<PredictionRecord> FindAllAsync(string useCaseId, IReadOnlyCollection<string> predictionIds,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var wanted = predictionIds.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToArray();
        if (wanted.Length == 0)
        {
            yield break;
        }
        var times = wanted.Select(PredictionIds.TimeOf).ToList();
        var (lowest, highest) = (times.Any(t => t is null) ? "" : PredictionIds.FirstAt(Before(times.Min()!.Value)), wanted[^1]);
        await using var db = home.CreateDb();
        var ranges = await db.PredictionPages.AsNoTracking()
            .Where(p => p.UseCaseId == useCaseId && string.Compare(p.FirstId, lowest) >= 0 && string.Compare(p.FirstId, highest) <= 0)
            .OrderBy(p => p.FirstId).Select(p => new { p.Id, p.FirstId, p.LastId }).ToListAsync(cancellationToken);
        var set = wanted.ToHashSet(StringComparer.Ordinal);
        foreach (var page in ranges)
        {
            var next = Array.BinarySearch(wanted, page.FirstId, StringComparer.Ordinal);
            next = next >= 0 ? next : ~next; // the first wanted id at or after the page's first
            if (next == wanted.Length || string.CompareOrdinal(wanted[next], page.LastId) > 0)
            {
                continue;
            }
            var records = await db.PredictionPages.AsNoTracking().Where(p => p.Id == page.Id).Select(p => p.Records).FirstOrDefaultAsync(cancellationToken);
            foreach (var record in records is null ? [] : PredictionRecordJson.Read(useCaseId, records).Where(r => set.Contains(r.Id))) // null: retention removed it meanwhile
            {
                yield return record;
            }
        }
    }

    private static DateTimeOffset Before(DateTimeOffset at) =>
        at > DateTimeOffset.MinValue + PredictionPage.MaxSpan ? at - PredictionPage.MaxSpan : DateTimeOffset.MinValue;
}
