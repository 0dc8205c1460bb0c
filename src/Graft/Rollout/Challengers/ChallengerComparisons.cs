using Graft.Storage;
using Microsoft.EntityFrameworkCore;

namespace Graft.Rollout.Challengers;

/// <summary>
/// The comparisons in the store: serving processes add their tallies (one small transaction a second each, off the
/// request path) and reports and gates read them. A comparison's row is made by the first process to add to it, which
/// also removes those of the use case's earlier challengers, so the table holds about a row a use case.
/// </summary>
public sealed class ChallengerComparisons(GraftHome home)
{
    private const int MaxAttempts = 10;

    /// <summary>The comparison a use case's rollout makes now against its champion; null without a challenger (or one since made the champion).</summary>
    public static ComparisonKey? KeyOf(string useCaseId, string? champion, RolloutSnapshot rollout) =>
        rollout.Against(champion) is { ChallengerVersion: { } challenger, ChallengerSince: { } since } && champion is not null
            ? new ComparisonKey(useCaseId, champion, challenger, since)
            : null;

    /// <summary>Adds a tally to its comparison's row, making the row when it is the first.</summary>
    public async Task AddAsync(ComparisonKey key, ComparisonTally tally, CancellationToken cancellationToken)
    {
        // another process may add to the row (or make it) first: then it is read again and added to
        await StoreConflicts.RetriedAsync(MaxAttempts, async ct => await TryAddAsync(key, tally, ct), cancellationToken);
    }

    /// <summary>The tally of a comparison; empty before any pair was added.</summary>
    public async Task<ComparisonTally> ReadAsync(ComparisonKey key, CancellationToken cancellationToken)
    {
        await using var db = home.CreateDb();
        var row = await db.ChallengerComparisons.AsNoTracking().FirstOrDefaultAsync(Of(key), cancellationToken);
        return row?.Tally() ?? new ComparisonTally();
    }

    private async Task TryAddAsync(ComparisonKey key, ComparisonTally tally, CancellationToken cancellationToken)
    {
        await using var db = home.CreateDb();
        var row = await db.ChallengerComparisons.FirstOrDefaultAsync(Of(key), cancellationToken);
        if (row is null)
        {
            await db.ChallengerComparisons.Where(c => c.UseCaseId == key.UseCaseId && c.Since < key.Since).ExecuteDeleteAsync(cancellationToken);
            row = new ChallengerComparison(key);
            db.ChallengerComparisons.Add(row);
        }
        row.Add(tally, home.Now);
        await db.SaveChangesAsync(cancellationToken);
    }

    private static System.Linq.Expressions.Expression<Func<ChallengerComparison, bool>> Of(ComparisonKey key) => c =>
        c.UseCaseId == key.UseCaseId && c.ChampionVersion == key.Champion && c.ChallengerVersion == key.Challenger && c.Since == key.Since;
}
