using System.Runtime.CompilerServices;
using Graft.Storage;
using Graft.UseCases;
using Microsoft.EntityFrameworkCore;

namespace Graft.Governance;

/// <summary>Reads the trail: entries by use case and time, all of them for an export, and the state in force at an instant.</summary>
public sealed class TrailReader(GraftHome home)
{
    /// <summary>The entries the filter picks, in sequence order: with a limit, the latest that many.</summary>
    public async Task<IReadOnlyList<TrailEntry>> ListAsync(TrailFilter filter, CancellationToken cancellationToken)
    {
        await ThrowIfUnknownAsync(filter.UseCase, cancellationToken);
        await using var db = home.CreateDb();
        if (filter.Limit is not { } limit)
        {
            return await Picked(db, filter).OrderBy(e => e.Sequence).ToListAsync(cancellationToken);
        }
        var latest = await Picked(db, filter).OrderByDescending(e => e.Sequence).Take(limit).ToListAsync(cancellationToken);
        latest.Reverse();
        return latest;
    }

    /// <summary>Every entry the filter picks, in sequence order, read as it is written out (an export of millions).</summary>
    public async IAsyncEnumerable<TrailEntry> ReadAsync(TrailFilter filter, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await ThrowIfUnknownAsync(filter.UseCase, cancellationToken);
        await using var db = home.CreateDb();
        await foreach (var entry in Picked(db, filter).OrderBy(e => e.Sequence).AsAsyncEnumerable().WithCancellation(cancellationToken))
        {
            yield return entry;
        }
    }

    /// <summary>The state in force for a use case at <paramref name="time"/>, from its entries at or before it.</summary>
    public async Task<TrailStateAt> AtAsync(string useCaseId, DateTime time, CancellationToken cancellationToken)
    {
        await ThrowIfUnknownAsync(useCaseId, cancellationToken);
        await using var db = home.CreateDb();
        var entries = await db.TrailEntries.AsNoTracking().Where(e => e.UseCaseId == useCaseId && e.At <= time && e.After != null)
            .OrderBy(e => e.Sequence).ToListAsync(cancellationToken);
        return TrailStateAt.Of(useCaseId, time, entries);
    }

    private static IQueryable<TrailEntry> Picked(GraftDb db, TrailFilter filter)
    {
        var entries = db.TrailEntries.AsNoTracking();
        if (filter.UseCase is { } useCase)
        {
            entries = entries.Where(e => e.UseCaseId == useCase);
        }
        if (filter.Since is { } since)
        {
            entries = entries.Where(e => e.At >= since);
        }
        return entries;
    }

    private async Task ThrowIfUnknownAsync(string? useCaseId, CancellationToken cancellationToken)
    {
        if (useCaseId is not null)
        {
            await new UseCaseCatalog(home).GetAsync(useCaseId, cancellationToken); // not found, naming those there are
        }
    }
}
