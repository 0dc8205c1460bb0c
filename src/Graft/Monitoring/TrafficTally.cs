using Graft.Rollout;
using Graft.Serving;
using Graft.Storage;
using Microsoft.EntityFrameworkCore;

namespace Graft.Monitoring;

/// <summary>
/// Adds written prediction records to their traffic windows (<see cref="TrafficWindow"/>): counted in memory by the
/// log's writer, off the request path, and saved in one small transaction (the log saves at most once a second). Rows another process made meanwhile are read
/// again and added to, so the counts of several processes sharing a store merge.
/// </summary>
public sealed class TrafficTally(GraftHome home)
{
    /// <summary>Counts not saved yet: when the rows stay contended through every retry, they are added with the next batch, not lost.</summary>
    private readonly Dictionary<(string UseCase, Stage Stage, DateTime Start), TrafficCounts> _unsaved = [];

    /// <summary>Whether counts are waiting for <see cref="SaveAsync(CancellationToken)"/>.</summary>
    public bool Pending => _unsaved.Count > 0;


    /// <summary>Counts the records in memory; <see cref="SaveAsync(CancellationToken)"/> adds them to the store.</summary>
    public void Count(IReadOnlyList<PredictionRecord> records)
    {
        var counts = _unsaved;
        foreach (var record in records)
        {
            if (!Stages.TryParse(record.Stage, out var stage))
            {
                continue;
            }
            var key = (record.UseCaseId, stage, TrafficWindow.StartOf(record.At));
            var modelAnswered = record.ModelVersion is not null;
            var compared = record.AgreesWithRule is not null;
            counts[key] = counts.GetValueOrDefault(key, TrafficCounts.Zero) + new TrafficCounts(1, modelAnswered ? 1 : 0,
                record.FallbackReason is null ? 0 : 1, compared ? 1 : 0, record.AgreesWithRule == true ? 1 : 0);
        }
    }

    /// <summary>Adds the counts so far to their windows in one transaction; contended through every retry, they wait for the next save.</summary>
    public async Task SaveAsync(CancellationToken cancellationToken)
    {
        if (_unsaved.Count == 0)
        {
            return;
        }
        // another process may make one of the rows first: then they are read again and added to
        await StoreConflicts.RetriedAsync(5, async ct => await SaveAsync(_unsaved, ct), cancellationToken);
        _unsaved.Clear();
    }

    private async Task SaveAsync(Dictionary<(string UseCase, Stage Stage, DateTime Start), TrafficCounts> counts, CancellationToken cancellationToken)
    {
        await using var db = home.CreateDb();
        foreach (var ((useCase, stage, start), add) in counts)
        {
            var window = await db.TrafficWindows.FirstOrDefaultAsync(w => w.UseCaseId == useCase && w.Stage == stage && w.Start == start, cancellationToken);
            if (window is null)
            {
                window = new TrafficWindow(useCase, stage, start);
                db.TrafficWindows.Add(window);
            }
            window.Add(add);
        }
        await db.SaveChangesAsync(cancellationToken);
    }
}
