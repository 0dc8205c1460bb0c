using Graft.Rollout.Challengers;
using Graft.Storage;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Graft.Serving.Challengers;

/// <summary>
/// Scores the challenger's samples off the request path: each with the side that did not answer it (the challenger
/// beside the champion's answer; in a canary the champion beside the challenger's), one row at a time as the request
/// path scores, in bursts a <see cref="GatherInterval"/> apart, tallied by comparison and added to the store's about once
/// every <see cref="SaveInterval"/>. A failure to score is counted against that side, never retried; a tally the store
/// would not take is kept and added with the next.
/// </summary>
public sealed class ChallengerScorer(ServingState state, ChallengerSamples samples, GraftHome home, ILogger<ChallengerScorer>? logger = null)
{
    public static readonly TimeSpan SaveInterval = TimeSpan.FromSeconds(1);

    /// <summary>How long samples gather before they are scored: the scorer wakes ten times a second under load, not once a request.</summary>
    public static readonly TimeSpan GatherInterval = TimeSpan.FromMilliseconds(100);

    private readonly ILogger _logger = logger ?? NullLogger<ChallengerScorer>.Instance;
    private readonly ChallengerComparisons _comparisons = new(home);
    private readonly Dictionary<ComparisonKey, ComparisonTally> _pending = [];
    private readonly HashSet<string> _reported = new(StringComparer.Ordinal);
    private long _compared;

    /// <summary>Samples scored and tallied since start.</summary>
    public long Compared => Interlocked.Read(ref _compared);

    /// <summary>The scorer's loop: runs until stopped, then compares what is still queued and saves it.</summary>
    public async Task RunAsync(CancellationToken stopping)
    {
        var saved = home.Time.GetTimestamp();
        try
        {
            while (await WaitAsync(_pending.Count == 0 ? Timeout.InfiniteTimeSpan : SaveInterval - home.Time.GetElapsedTime(saved), stopping))
            {
                await Task.Delay(GatherInterval, home.Time, stopping); // one wake-up for the samples of a tenth of a second, not one each
                await CompareQueuedAsync(stopping);
                if (_pending.Count > 0 && home.Time.GetElapsedTime(saved) >= SaveInterval)
                {
                    await SaveAsync();
                    saved = home.Time.GetTimestamp();
                }
            }
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested)
        {
            // stopping: fall through and save what remains
        }
        await DrainAsync();
    }

    /// <summary>Compares every sample queued now and saves the tallies: what a stop does last.</summary>
    public async Task DrainAsync()
    {
        await CompareQueuedAsync(CancellationToken.None);
        await SaveAsync();
    }

    /// <summary>Waits for a sample, or until <paramref name="due"/> passes; false once the queue is completed and empty.</summary>
    private async Task<bool> WaitAsync(TimeSpan due, CancellationToken stopping)
    {
        if (due == Timeout.InfiniteTimeSpan)
        {
            return await samples.Reader.WaitToReadAsync(stopping);
        }
        if (due <= TimeSpan.Zero)
        {
            return true;
        }
        using var timeout = new CancellationTokenSource(due, home.Time);
        using var either = CancellationTokenSource.CreateLinkedTokenSource(stopping, timeout.Token);
        try
        {
            return await samples.Reader.WaitToReadAsync(either.Token);
        }
        catch (OperationCanceledException) when (!stopping.IsCancellationRequested)
        {
            return true; // time to save what is pending
        }
    }

    private async Task CompareQueuedAsync(CancellationToken cancellationToken)
    {
        while (samples.Reader.TryRead(out var sample))
        {
            var (other, microseconds) = await ScoreOtherAsync(sample, cancellationToken);
            var (champion, challenger) = sample.ChallengerAnswered ? (other, sample.Answer) : (sample.Answer, other);
            var (championTime, challengerTime) = sample.ChallengerAnswered ? (microseconds, sample.AnswerMicroseconds) : (sample.AnswerMicroseconds, microseconds);
            var reference = champion?.Label ?? challenger?.Label;
            if (!_pending.TryGetValue(sample.Key, out var tally))
            {
                _pending[sample.Key] = tally = new ComparisonTally();
            }
            tally.Add(new ComparedPair(sample.PredictionId, sample.At, AnswerOf(champion, reference), championTime, AnswerOf(challenger, reference), challengerTime,
                sample.MaskedInputs));
            Interlocked.Increment(ref _compared);
        }
    }

    private async Task<(ModelOutput? Output, double Microseconds)> ScoreOtherAsync(ChallengerSample sample, CancellationToken cancellationToken)
    {
        try
        {
            var model = await state.ModelAsync(sample.OtherVersion, cancellationToken);
            var started = home.Time.GetTimestamp();
            var output = BatchScorer.Score(model, [sample.Inputs], sample.Explain)[0];
            return (output, home.Time.GetElapsedTime(started).TotalMicroseconds);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            if (_reported.Add(sample.OtherVersion))
            {
                _logger.ChallengerScoringFailed(sample.OtherVersion, e.Message); // once a version: each failure is counted in the report
            }
            return (null, 0);
        }
    }

    /// <summary>
    /// The number a comparison weighs: a regression's value, a multiclass model's probability of the
    /// <paramref name="reference"/> label (the champion's), a binary model's score.
    /// </summary>
    private static ComparedAnswer? AnswerOf(ModelOutput? output, string? reference) => output switch
    {
        null => null,
        { Value: { } value } => new ComparedAnswer(null, value),
        { ClassScores: { } scores } when reference is not null => new ComparedAnswer(output.Label, scores.GetValueOrDefault(reference)),
        _ => new ComparedAnswer(output.Label, output.Score ?? 0),
    };

    private async Task SaveAsync()
    {
        foreach (var (key, tally) in _pending.ToList())
        {
            try
            {
                await _comparisons.AddAsync(key, tally, CancellationToken.None);
                _pending.Remove(key);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                _logger.ComparisonNotSaved(key.Challenger, key.Champion, tally.Compared, e.Message);
            }
        }
    }
}
