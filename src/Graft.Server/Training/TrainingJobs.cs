using System.Collections.Concurrent;
using System.Text.Json;
using System.Threading.Channels;
using Graft.Governance;
using Graft.Storage;
using Graft.Training;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Graft.Server.Training;

/// <summary>
/// Training runs requested over HTTP, run one at a time in the background (training uses every core), each a
/// resource with a status and progress. Every job is kept in the store, so its outcome (and the run it recorded)
/// can be read after a restart, from any replica. While a job is unfinished this process marks it alive every
/// <see cref="Heartbeat"/>; an unfinished job nobody has marked for three heartbeats (its process stopped or
/// died) is marked failed, at start and then at every heartbeat, so nobody waits on it for ever. Progress is
/// live only: it lives in the process that runs the job.
/// </summary>
public sealed class TrainingJobs(GraftHome home, Graft.Serving.ServingState serving, ILogger<TrainingJobs> logger) : BackgroundService
{
    public static readonly TimeSpan Heartbeat = TimeSpan.FromSeconds(30);
    private const string Interrupted = "the service stopped before this job finished; request the run again";
    private readonly ConcurrentDictionary<string, TrainingJob> _jobs = new(StringComparer.Ordinal);
    private readonly Channel<TrainingJob> _queue = Channel.CreateBounded<TrainingJob>(new BoundedChannelOptions(32) { FullMode = BoundedChannelFullMode.Wait });

    /// <summary>A job of this process (with live progress), else one the store remembers; null when there is none.</summary>
    public async Task<JobView?> FindAsync(string id, CancellationToken cancellationToken)
    {
        if (_jobs.TryGetValue(id, out var live))
        {
            return live.View();
        }
        await using var db = home.CreateDb();
        var record = await db.TrainingJobs.AsNoTracking().FirstOrDefaultAsync(j => j.Id == id, cancellationToken);
        if (record is null)
        {
            return null;
        }
        var run = record.RunId is null ? null : await db.TrainingRuns.AsNoTracking().FirstOrDefaultAsync(r => r.Id == record.RunId, cancellationToken);
        var result = run is null ? null : JsonSerializer.Deserialize<TrainingResult>(run.ResultJson, Graft.Registry.ModelRegistry.Json);
        return JobView.Of(record, null, record.Status == TrainingJobRecord.Succeeded ? 1 : 0, result);
    }

    /// <summary>The use case a job trains, without reading its result; null when there is no such job.</summary>
    public async Task<string?> UseCaseOfAsync(string id, CancellationToken cancellationToken)
    {
        if (_jobs.TryGetValue(id, out var live))
        {
            return live.Request.UseCase;
        }
        await using var db = home.CreateDb();
        return await db.TrainingJobs.Where(j => j.Id == id).Select(j => j.UseCaseId).FirstOrDefaultAsync(cancellationToken);
    }

    /// <summary>Queues a run of <paramref name="actor"/>'s, recorded in the store first; null when too many are already waiting.</summary>
    public async Task<JobView?> EnqueueAsync(TrainingRequest request, Actor actor, CancellationToken cancellationToken)
    {
        var job = new TrainingJob(new TrainingJobRecord($"job-{Guid.CreateVersion7():N}", request.UseCase, request.Datasets is { Count: > 0 } datasets ? string.Join('+', datasets) : null, home.Now), request, actor);
        await SaveAsync(job.Record, added: true, cancellationToken);
        _jobs[job.Id] = job;
        if (!_queue.Writer.TryWrite(job))
        {
            _jobs.TryRemove(job.Id, out _);
            await using var db = home.CreateDb();
            await db.TrainingJobs.Where(j => j.Id == job.Id).ExecuteDeleteAsync(CancellationToken.None);
            return null;
        }
        return job.View();
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            await AbandonStaleAsync(stoppingToken);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            logger.AbandonedJobsNotMarked(e.Message);
        }
        var beating = BeatAsync(stoppingToken);
        try
        {
            await RunQueuedAsync(stoppingToken);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // stopping, also when the host stops before it has started: no failure to report
        }
        finally
        {
            await beating;
            await InterruptUnfinishedAsync();
        }
    }

    /// <summary>
    /// On a graceful stop, the job that was running and those still queued are failed at once, rather than left
    /// "running" until another process finds them unmarked three heartbeats later.
    /// </summary>
    private async Task InterruptUnfinishedAsync()
    {
        foreach (var job in _jobs.Values.Where(j => !j.Record.Finished))
        {
            job.Record.Fail(Interrupted, home.Now);
            await FinishAsync(job);
        }
    }

    private async Task RunQueuedAsync(CancellationToken stoppingToken)
    {
        await foreach (var job in _queue.Reader.ReadAllAsync(stoppingToken))
        {
            job.Record.Start(home.Now);
            await TrySaveAsync(job.Record);
            try
            {
                var result = await Task.Run(() => new TrainingRunner(home).RunAsync(job.Request, job.Actor, new Progress<TrainingProgress>(job.Report), stoppingToken), stoppingToken);
                job.Succeed(result, home.Now);
                serving.Invalidate(job.Request.UseCase); // a first run may have crowned a champion
            }
            catch (Exception e) when (e is not OperationCanceledException || !stoppingToken.IsCancellationRequested)
            {
                var expected = e is GraftException or Graft.UseCases.SpecException or Graft.Data.DataFormatException or Graft.Training.Rules.RuleSyntaxException;
                job.Record.Fail(expected ? e.Message : $"unexpected error: {e.Message}", home.Now);
                if (expected)
                {
                    logger.JobFailed(job.Id, job.Request.UseCase, e.Message);
                }
                else
                {
                    logger.JobCrashed(job.Id, job.Request.UseCase, e.GetType().Name, e.Message);
                }
            }
            await FinishAsync(job); // written even when stopping: the outcome is known
        }
    }

    /// <summary>
    /// Saves a finished job and forgets it: from now on the store answers for it. One the store could not take
    /// stays here, so this process still answers right for it (and the heartbeat keeps it from being abandoned).
    /// </summary>
    private async Task FinishAsync(TrainingJob job)
    {
        if (await TrySaveAsync(job.Record))
        {
            _jobs.TryRemove(job.Id, out _);
        }
    }

    /// <summary>
    /// Every heartbeat: saves finished jobs whose final save failed, marks this process's other jobs alive, and fails
    /// others' that nobody marks any more.
    /// </summary>
    private async Task BeatAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Heartbeat, home.Time);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                try
                {
                    foreach (var unsaved in _jobs.Values.Where(j => j.Record.Finished).ToList())
                    {
                        await FinishAsync(unsaved); // its final save failed earlier
                    }
                    var mine = _jobs.Keys.ToList();
                    await using (var db = home.CreateDb())
                    {
                        await db.TrainingJobs.Where(j => mine.Contains(j.Id)).ExecuteUpdateAsync(s => s.SetProperty(j => j.AliveAt, home.Now), stoppingToken);
                    }
                    await AbandonStaleAsync(stoppingToken);
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    logger.HeartbeatFailed(e.Message, Heartbeat.TotalSeconds);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    /// <summary>Unfinished jobs no process has marked alive for three heartbeats: nothing will finish them now.</summary>
    private async Task AbandonStaleAsync(CancellationToken cancellationToken)
    {
        var (stale, mine, now) = (home.Now - 3 * Heartbeat, _jobs.Keys.ToList(), home.Now);
        await using var db = home.CreateDb();
        // One statement, so a job its process finishes meanwhile is not overwritten with this failure.
        await db.TrainingJobs
            .Where(j => (j.Status == TrainingJobRecord.Queued || j.Status == TrainingJobRecord.Running) && j.AliveAt < stale && !mine.Contains(j.Id))
            .ExecuteUpdateAsync(s => s.SetProperty(j => j.Status, TrainingJobRecord.Failed).SetProperty(j => j.Error, Interrupted).SetProperty(j => j.FinishedAt, now),
                cancellationToken);
    }

    /// <summary>
    /// Saves a job's new state; a store that cannot be written is reported, not thrown, so the queue keeps running.
    /// The job's state stays right in this process, and another may later fail the stored record as abandoned.
    /// </summary>
    private async Task<bool> TrySaveAsync(TrainingJobRecord record)
    {
        try
        {
            await SaveAsync(record, added: false, CancellationToken.None);
            return true;
        }
        catch (Exception e)
        {
            logger.JobNotSaved(record.Id, record.Status, e.Message);
            return false;
        }
    }

    private async Task SaveAsync(TrainingJobRecord record, bool added, CancellationToken cancellationToken)
    {
        await using var db = home.CreateDb();
        if (added)
        {
            db.TrainingJobs.Add(record);
        }
        else
        {
            db.TrainingJobs.Update(record);
        }
        await db.SaveChangesAsync(cancellationToken);
    }
}

/// <summary>A job of this process: its stored record, the request it runs and who asked for it, and its live progress.</summary>
public sealed class TrainingJob(TrainingJobRecord record, TrainingRequest request, Actor actor)
{
    public string Id => Record.Id;
    public TrainingJobRecord Record { get; } = record;
    public TrainingRequest Request { get; } = request;
    public Actor Actor { get; } = actor;
    public string? Step { get; private set; }
    public double Progress { get; private set; }
    public TrainingResult? Result { get; private set; }

    internal void Report(TrainingProgress progress) => (Step, Progress) = (progress.Step, progress.Fraction);

    internal void Succeed(TrainingResult result, DateTime now)
    {
        (Result, Progress) = (result, 1);
        Record.Succeed(result.Run, now);
    }

    public JobView View() => JobView.Of(Record, Step, Progress, Result);
}

/// <summary>A training job as the API shows it.</summary>
public sealed record JobView(string Id, string UseCase, string Status, string? Step, double Progress,
    DateTime QueuedAt, DateTime? StartedAt, DateTime? FinishedAt, TrainingResult? Result, string? Error)
{
    /// <summary>A stored job with what is known beyond the record: live progress, and the result of its run.</summary>
    public static JobView Of(TrainingJobRecord record, string? step, double progress, TrainingResult? result) =>
        new(record.Id, record.UseCaseId, record.Status, step, progress, record.QueuedAt, record.StartedAt, record.FinishedAt, result, record.Error);
}
