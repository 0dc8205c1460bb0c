using System.Collections.Concurrent;
using System.Threading.Channels;
using Graft.Storage;
using Graft.Training;
using Microsoft.Extensions.Hosting;

namespace Graft.Server.Training;

/// <summary>
/// Training runs requested over HTTP, run one at a time in the background (training uses every core), each a
/// resource with a status and progress. Jobs live in this process: a restart forgets finished jobs, while the
/// runs and models they registered stay in the store.
/// </summary>
public sealed class TrainingJobs(GraftHome home, Graft.Serving.ServingState serving) : BackgroundService
{
    private readonly ConcurrentDictionary<string, TrainingJob> _jobs = new(StringComparer.Ordinal);
    private readonly Channel<TrainingJob> _queue = Channel.CreateBounded<TrainingJob>(new BoundedChannelOptions(32) { FullMode = BoundedChannelFullMode.Wait });

    public TrainingJob? Find(string id) => _jobs.GetValueOrDefault(id);

    /// <summary>Queues a run; null when too many are already waiting.</summary>
    public TrainingJob? Enqueue(TrainingRequest request)
    {
        var job = new TrainingJob($"job-{Guid.CreateVersion7():N}", request, home.Now);
        if (!_queue.Writer.TryWrite(job))
        {
            return null;
        }
        _jobs[job.Id] = job;
        return job;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await foreach (var job in _queue.Reader.ReadAllAsync(stoppingToken))
        {
            job.Start(home.Now);
            try
            {
                var result = await Task.Run(() => new TrainingRunner(home).RunAsync(job.Request, new Progress<TrainingProgress>(job.Report), stoppingToken), stoppingToken);
                job.Succeed(result, home.Now);
                serving.Invalidate(job.Request.UseCase); // a first run may have crowned a champion
            }
            catch (Exception e) when (e is not OperationCanceledException || !stoppingToken.IsCancellationRequested)
            {
                job.Fail(e is GraftException or Graft.UseCases.SpecException or Graft.Data.DataFormatException or Graft.Training.Rules.RuleSyntaxException
                    ? e.Message : $"unexpected error: {e.Message}", home.Now);
            }
        }
    }
}

/// <summary>One requested training run: queued, running (with progress), succeeded (with its result) or failed (with why).</summary>
public sealed class TrainingJob(string id, TrainingRequest request, DateTime queuedAt)
{
    public string Id { get; } = id;
    public TrainingRequest Request { get; } = request;
    public string Status { get; private set; } = "queued";
    public string? Step { get; private set; }
    public double Progress { get; private set; }
    public DateTime QueuedAt { get; } = queuedAt;
    public DateTime? StartedAt { get; private set; }
    public DateTime? FinishedAt { get; private set; }
    public TrainingResult? Result { get; private set; }
    public string? Error { get; private set; }

    internal void Start(DateTime now) => (Status, StartedAt) = ("running", now);

    internal void Report(TrainingProgress progress) => (Step, Progress) = (progress.Step, progress.Fraction);

    internal void Succeed(TrainingResult result, DateTime now) => (Status, Result, Progress, FinishedAt) = ("succeeded", result, 1, now);

    internal void Fail(string error, DateTime now) => (Status, Error, FinishedAt) = ("failed", error, now);
}
