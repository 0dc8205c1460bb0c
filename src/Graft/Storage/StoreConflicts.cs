using System.Collections.Concurrent;
using Microsoft.EntityFrameworkCore;
using Polly;
using Polly.Retry;

namespace Graft.Storage;

/// <summary>
/// A change of rows that other processes sharing the store change too, made again, at once, when one of them saved
/// first: a concurrency token that moved, or a row with the same key made meanwhile (both a <see cref="DbUpdateException"/>).
/// Each attempt reads the rows again, so it applies the change to what the other left, and may be refused by it. After
/// the last attempt the conflict is thrown.
/// </summary>
public static class StoreConflicts
{
    private static readonly ConcurrentDictionary<int, ResiliencePipeline> Pipelines = new();

    public static ValueTask<T> RetriedAsync<T>(int attempts, Func<CancellationToken, ValueTask<T>> change, CancellationToken cancellationToken) =>
        Pipelines.GetOrAdd(attempts, Build).ExecuteAsync(change, cancellationToken);

    public static ValueTask RetriedAsync(int attempts, Func<CancellationToken, ValueTask> change, CancellationToken cancellationToken) =>
        Pipelines.GetOrAdd(attempts, Build).ExecuteAsync(change, cancellationToken);

    private static ResiliencePipeline Build(int attempts) => new ResiliencePipelineBuilder()
        .AddRetry(new RetryStrategyOptions
        {
            ShouldHandle = new PredicateBuilder().Handle<DbUpdateException>(),
            MaxRetryAttempts = attempts - 1,
            Delay = TimeSpan.Zero, // the other process has saved already: there is nothing to wait for
        })
        .Build();
}
