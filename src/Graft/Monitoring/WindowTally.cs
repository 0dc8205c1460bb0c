using System.Collections.Concurrent;
using Graft.Serving;
using Graft.Storage;
using Microsoft.EntityFrameworkCore;

namespace Graft.Monitoring;

/// <summary>
/// Adds written prediction records to their monitoring windows (<see cref="MonitoringWindow"/>): counted in memory by
/// the log's writer, off the request path, then saved in one small transaction (the log saves at most once a second). A model version's bins are
/// read from the store once: a registered version never changes.
/// </summary>
public sealed class WindowTally(GraftHome home)
{
    private readonly ConcurrentDictionary<string, ReferenceBins?> _bins = new(StringComparer.Ordinal);

    /// <summary>Counts not saved yet: a batch whose windows another process kept changing under it adds them with the next batch.</summary>
    /// Each window's summary is kept with its version's bins made ready to count into it.
    private readonly Dictionary<(string UseCase, string Version, DateTime Start), (WindowSummary Summary, ReferenceBins.Target? Fields)> _unsaved = [];

    /// <summary>Whether counts are waiting for <see cref="SaveAsync(CancellationToken)"/>.</summary>
    public bool Pending => _unsaved.Count > 0;

    /// <summary>Counts the records in memory, into the windows they fall in; <see cref="SaveAsync(CancellationToken)"/> adds them to the store.</summary>
    public async Task CountAsync(IReadOnlyList<PredictionRecord> records, CancellationToken cancellationToken)
    {
        foreach (var record in records)
        {
            var key = (record.UseCaseId, record.ModelVersion ?? "", MonitoringWindow.StartOf(record.At));
            if (!_unsaved.TryGetValue(key, out var window))
            {
                var summary = new WindowSummary();
                var bins = record.ModelVersion is { } version ? await BinsAsync(version, cancellationToken) : null;
                _unsaved[key] = window = (summary, bins?.Into(summary));
            }
            Count(record, window.Summary, window.Fields);
        }
    }

    /// <summary>
    /// Adds the counts so far to their windows in one transaction. Called by the log's one writer. When the rows stay
    /// contended through every retry, the counts wait for the next save rather than being lost, and the conflict is
    /// thrown for the writer to report.
    /// </summary>
    public async Task SaveAsync(CancellationToken cancellationToken)
    {
        if (_unsaved.Count == 0)
        {
            return;
        }
        // another process may add to one of the rows first: then they are read again and added to
        await StoreConflicts.RetriedAsync(5, async ct => await SaveAsync(_unsaved.ToDictionary(w => w.Key, w => w.Value.Summary), ct), cancellationToken);
        _unsaved.Clear();
    }


    /// <summary>One record into a summary: its route, fallback reason and latency, and, where a model scored it, its confidence, whether it went to review, its inputs, score and warnings.</summary>
    public static void Count(PredictionRecord record, WindowSummary into, ReferenceBins.Target? fields)
    {
        into.Requests++;
        WindowSummary.Count(into.Routes, record.Route);
        if (record.FallbackReason is { } reason)
        {
            WindowSummary.Count(into.Fallbacks, reason);
        }
        into.Latency.AddMilliseconds(record.LatencyMs);
        if (record.Confidence is { } confidence)
        {
            WindowSummary.Count(into.Confidence, confidence);
        }
        if (record.Review is not null)
        {
            into.Reviews++;
        }
        if (fields is null)
        {
            return;
        }
        if (record.Logged is { } logged)
        {
            fields.Bins.Count(logged, fields); // the values the record's JSON was written from
        }
        else
        {
            fields.Bins.Count(record.InputsUtf8 ?? System.Text.Encoding.UTF8.GetBytes(record.InputsJson),
                record.OutputUtf8 ?? System.Text.Encoding.UTF8.GetBytes(record.OutputJson), fields);
        }
    }

    private async ValueTask<ReferenceBins?> BinsAsync(string version, CancellationToken cancellationToken)
    {
        if (_bins.TryGetValue(version, out var bins))
        {
            return bins;
        }
        await using var db = home.CreateDb();
        var json = await db.ModelVersions.Where(v => v.Id == version).Select(v => v.ReferenceJson).FirstOrDefaultAsync(cancellationToken);
        bins = json is null ? null : ReferenceBins.Parse(json);
        return _bins.GetOrAdd(version, bins);
    }

    private async Task SaveAsync(Dictionary<(string UseCase, string Version, DateTime Start), WindowSummary> summaries, CancellationToken cancellationToken)
    {
        await using var db = home.CreateDb();
        foreach (var ((useCase, version, start), add) in summaries)
        {
            var window = await db.MonitoringWindows.FirstOrDefaultAsync(w => w.UseCaseId == useCase && w.ModelVersion == version && w.Start == start, cancellationToken);
            if (window is null)
            {
                window = new MonitoringWindow(useCase, version, start);
                db.MonitoringWindows.Add(window);
            }
            window.Add(add);
        }
        await db.SaveChangesAsync(cancellationToken);
    }
}
