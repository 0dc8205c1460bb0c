using System.Text.Json;
using Graft.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Graft.Governance;

/// <summary>
/// Runs the store's once-a-day jobs at most once a day across every process sharing it, and keeps each run's status:
/// a process claims a day by inserting its <see cref="ScheduledRun"/> row; one that finds the row there leaves it.
/// </summary>
public sealed class ScheduledRuns(GraftHome home, ILogger? logger = null)
{
    public const string RetentionKind = "retention";

    private readonly ILogger _logger = logger ?? NullLogger.Instance;

    private static string Process => $"{Environment.MachineName}:{Environment.ProcessId}";

    /// <summary>Runs retention for today unless a process has already claimed today; null when it had.</summary>
    public async Task<ScheduledRun?> RunRetentionIfDueAsync(CancellationToken cancellationToken) =>
        await RunAsync(home.Now.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture), Retention.Scheduler, cancellationToken);

    /// <summary>Runs retention now, asked for by <paramref name="actor"/>: its own slot, never refused for a day already run.</summary>
    public async Task<ScheduledRun> RunRetentionNowAsync(Actor actor, CancellationToken cancellationToken) =>
        (await RunAsync($"manual {home.Now:O}", actor, cancellationToken))!;

    public async Task<IReadOnlyList<ScheduledRun>> ListAsync(string kind, int limit, CancellationToken cancellationToken)
    {
        await using var db = home.CreateDb();
        return await db.ScheduledRuns.AsNoTracking().Where(r => r.Kind == kind).OrderByDescending(r => r.StartedAt).Take(limit).ToListAsync(cancellationToken);
    }

    private async Task<ScheduledRun?> RunAsync(string slot, Actor actor, CancellationToken cancellationToken)
    {
        var run = new ScheduledRun(RetentionKind, slot, Process, home.Now);
        await using (var db = home.CreateDb())
        {
            db.ScheduledRuns.Add(run);
            try
            {
                await db.SaveChangesAsync(cancellationToken);
            }
            catch (DbUpdateException)
            {
                if (await TakenAsync(slot, cancellationToken))
                {
                    return null; // another process claimed the slot first
                }
                throw;
            }
        }
        try
        {
            var results = await new Retention(home).RunAsync(actor, cancellationToken);
            run.Succeed(JsonSerializer.Serialize(results, Registry.ModelRegistry.Json), home.Now);
            var (predictions, inputs) = (results.Sum(r => r.PredictionsDeleted), results.Sum(r => r.InputsDropped));
            _logger.RetentionRan(slot, results.Count, predictions, inputs);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            run.Fail(e.Message, home.Now);
            _logger.RetentionFailed(slot, e.Message);
        }
        await using (var db = home.CreateDb())
        {
            db.ScheduledRuns.Update(run);
            await db.SaveChangesAsync(CancellationToken.None);
        }
        return run;
    }

    private async Task<bool> TakenAsync(string slot, CancellationToken cancellationToken)
    {
        await using var db = home.CreateDb();
        return await db.ScheduledRuns.AnyAsync(r => r.Kind == RetentionKind && r.Slot == slot, cancellationToken);
    }
}
