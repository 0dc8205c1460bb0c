using System.Collections.Concurrent;
using Graft.Storage;
using Graft.UseCases;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Graft.Serving;

/// <summary>
/// What a serving process knows: each use case's spec, champion and rollout, re-read from the store within a second
/// so a promotion, a rollback, a stage change, a kill or a challenger made anywhere reaches it, and each model version
/// loaded once (a new challenger as soon as it is read, in the background).
/// A champion switch is a reference swap: requests in flight finish on the model they started with. Re-reads run in
/// the background while requests answer with the view they have (see <see cref="UseCaseAsync"/>); when the store
/// cannot be read, the last view keeps answering.
/// </summary>
public sealed class ServingState(GraftHome home, ILogger<ServingState>? logger = null)
{
    private readonly ILogger _logger = logger ?? NullLogger<ServingState>.Instance;
    private readonly ConcurrentDictionary<string, UseCaseView> _useCases = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, Lazy<Task<UseCaseView?>>> _refreshes = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, Lazy<Task<LoadedModel>>> _models = new(StringComparer.Ordinal);
    private readonly Lazy<Governance.EntityPseudonyms> _pseudonyms = new(() => Governance.EntityPseudonyms.Open(home.Root));

    /// <summary>
    /// The view of a use case, never older than <see cref="GraftHome.Freshness"/>: past half of it, a request starts a
    /// re-read in the background and answers with the view it has; only one that finds the view older than the whole
    /// waits for the re-read (with the others that arrive meanwhile). So a kill, a stage change or a promotion made by
    /// any process applies here within the promise, and under load no request waits on the store.
    /// </summary>
    public ValueTask<UseCaseView?> UseCaseAsync(string id, CancellationToken cancellationToken)
    {
        // A ValueTask, and no async state machine: nearly every request finds its view here, and makes nothing for it.
        if (_useCases.TryGetValue(id, out var cached))
        {
            var age = home.Time.GetUtcNow() - cached.ReadAt;
            if (age < GraftHome.Freshness / 2)
            {
                return new(cached);
            }
            var refreshing = Refresh(id, cached);
            if (age < GraftHome.Freshness)
            {
                return new(cached);
            }
            return new(refreshing.WaitAsync(cancellationToken));
        }
        return new(Refresh(id, null).WaitAsync(cancellationToken));
    }

    /// <summary>The re-read of a use case in flight, or a new one: one at a time per use case.</summary>
    private Task<UseCaseView?> Refresh(string id, UseCaseView? cached)
    {
        var refresh = _refreshes.GetOrAdd(id, _ => new Lazy<Task<UseCaseView?>>(() => RefreshAsync(id, cached)));
        var task = refresh.Value;
        if (!task.IsCompleted)
        {
            // forgotten once done, whoever awaits it, so the next re-read is a new one
            _ = task.ContinueWith(_ => _refreshes.TryRemove(new KeyValuePair<string, Lazy<Task<UseCaseView?>>>(id, refresh)), TaskScheduler.Default);
        }
        else
        {
            _refreshes.TryRemove(new KeyValuePair<string, Lazy<Task<UseCaseView?>>>(id, refresh));
        }
        return task;
    }

    // Not cancelled with the request that started it: the others waiting for it still want the view.
    private async Task<UseCaseView?> RefreshAsync(string id, UseCaseView? cached)
    {
        var cancellationToken = CancellationToken.None;
        try
        {
            var (useCase, revision) = await new UseCaseCatalog(home).GetAsync(id, cancellationToken);
            var same = cached?.Revision == revision.Revision;
            var spec = same ? cached!.Spec : revision.Spec();
            var fields = await new Data.DatasetCatalog(home).LatestFieldsAsync(id, cancellationToken);
            var (auditId, logPolicy) = await LogPolicyAsync(id, spec, cached, revision.Revision, cancellationToken);
            var rollout = (await new Rollout.RolloutControl(home).SnapshotAsync(id, spec, cancellationToken)).Against(useCase.ChampionVersion);
            if (rollout.ChallengerVersion is { } challenger && challenger != cached?.Rollout.ChallengerVersion)
            {
                _ = PreloadAsync(challenger); // loaded before the requests that need it, off their path
            }
            var now = home.Time.GetUtcNow();
            var view = same && SameFields(cached!.DataFields, fields)
                ? cached with { Champion = useCase.ChampionVersion, LogPolicy = logPolicy, AuditId = auditId, Rollout = rollout, ReadAt = now } // its rule, known fields and input rules still hold
                : new UseCaseView(spec, revision.Revision, useCase.ChampionVersion, fields, InputCheck.Known(spec, fields),
                    spec.Rule is null ? null : new RuleFallback(spec, fields), logPolicy, auditId, rollout, now);
            _useCases[id] = view;
            return view;
        }
        catch (GraftException e) when (e.Kind == FailureKind.NotFound)
        {
            return null;
        }
        catch (Exception e) when (cached is not null && e is not GraftException)
        {
            _logger.StoreUnreadable(id, e.Message, cached.ReadAt);
            return _useCases[id] = cached with { ReadAt = home.Time.GetUtcNow() }; // try again after another freshness period, not on every request
        }
    }

    private async Task<LoadedModel> LoadServingAsync(string version)
    {
        var model = await LoadedModel.LoadAsync(home, version, CancellationToken.None);
        model.Warm();
        return model;
    }

    private async Task PreloadAsync(string version)
    {
        try
        {
            await ModelAsync(version, CancellationToken.None);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            _logger.ModelUnavailable(version, e.Message);
        }
    }

    /// <summary>Forgets what this process knows of a use case, after it changed it itself (promotion, rollback, new spec).</summary>
    public void Invalidate(string useCaseId) => _useCases.TryRemove(useCaseId, out _);

    /// <summary>Reads every use case and loads its champion before the first request needs them; a model that fails to load is reported, not fatal.</summary>
    public async Task<IReadOnlyList<string>> WarmAsync(CancellationToken cancellationToken)
    {
        var problems = new List<string>();
        foreach (var useCase in await new UseCaseCatalog(home).ListAsync(cancellationToken))
        {
            await UseCaseAsync(useCase.Id, cancellationToken); // its view too: the first request then finds what it needs read and built
            if (useCase.ChampionVersion is { } champion)
            {
                try
                {
                    await ModelAsync(champion, cancellationToken);
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    problems.Add($"{champion}: {e.Message}");
                }
            }
        }
        return problems;
    }

    /// <summary>
    /// What the log may keep: the spec's word, over every field an audit found personal data in, in any of the use
    /// case's dataset versions (each one's latest audit). A field found in older data stays masked when newer data
    /// lacks it, since requests may still carry it; the spec's <c>log: true</c> lifts it. Re-read only when an
    /// audit or the spec changed.
    /// </summary>
    private async Task<(int AuditId, Governance.LogPolicy Policy)> LogPolicyAsync(
        string id, UseCaseSpec spec, UseCaseView? cached, int revision, CancellationToken cancellationToken)
    {
        await using var db = home.CreateDb();
        var audits = db.Audits.Where(a => a.UseCaseId == id);
        var latest = await audits.MaxAsync(a => (int?)a.Id, cancellationToken) ?? 0;
        if (cached is not null && cached.AuditId == latest && cached.Revision == revision)
        {
            return (latest, cached.LogPolicy);
        }
        var eachDataset = audits.GroupBy(a => a.DatasetVersionId).Select(g => g.Max(a => a.Id));
        var reports = await audits.Where(a => eachDataset.Contains(a.Id)).Select(a => a.ReportJson).ToListAsync(cancellationToken);
        return (latest, Governance.LogPolicy.From(spec, [.. reports.Select(Audit.AuditReportJson.Read)], _pseudonyms.Value));
    }

    private static bool SameFields(IReadOnlyDictionary<string, Data.FieldType> cached, IReadOnlyDictionary<string, Data.FieldType> read) =>
        cached.Count == read.Count && read.All(field => cached.TryGetValue(field.Key, out var type) && type == field.Value);

    /// <summary>The loaded model of a version; a failed load is not cached, so a repaired artifact can load later.</summary>
    public Task<LoadedModel> ModelAsync(string version, CancellationToken cancellationToken) =>
        _models.TryGetValue(version, out var loaded) && loaded.IsValueCreated && loaded.Value.IsCompletedSuccessfully
            ? loaded.Value // loaded: its own task, with no state machine or wait made for every request
            : LoadAsync(version, cancellationToken);

    private async Task<LoadedModel> LoadAsync(string version, CancellationToken cancellationToken)
    {
        var lazy = _models.GetOrAdd(version, v => new Lazy<Task<LoadedModel>>(() => LoadServingAsync(v)));
        try
        {
            return await lazy.Value.WaitAsync(cancellationToken);
        }
        catch (Exception) when (!cancellationToken.IsCancellationRequested)
        {
            _models.TryRemove(new KeyValuePair<string, Lazy<Task<LoadedModel>>>(version, lazy));
            throw;
        }
    }
}

/// <summary>
/// A use case as serving sees it: its current spec, champion and rollout, its data's fields and their types, its parsed
/// rule, and when that was read; and, filled as requests need them, the input rules of each model version asked for
/// (the champion, and others the Open Inference routes name). A re-read that finds the same spec revision and
/// fields keeps the rule and the input rules (a copy made with <c>with</c> shares them).
/// </summary>
public sealed record UseCaseView(
    UseCaseSpec Spec, int Revision, string? Champion, IReadOnlyDictionary<string, Data.FieldType> DataFields, IReadOnlySet<string> KnownFields, RuleFallback? Fallback,
    Governance.LogPolicy LogPolicy, int AuditId, Rollout.RolloutSnapshot Rollout, DateTimeOffset ReadAt)
{
    internal ConcurrentDictionary<string, FieldRules> InputRules { get; } = new(StringComparer.Ordinal);
}
