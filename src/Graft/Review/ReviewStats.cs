using Graft.Storage;
using Microsoft.EntityFrameworkCore;

namespace Graft.Review;

/// <summary>
/// How review is going for a use case over a window: the share of the model's answers sent to review, how often
/// reviewers overrode the model (overall and by reason code), how often their label was the model's, how far reviewers
/// agree with each other where items have several (Cohen's kappa for two, Fleiss' for more), and the median time to a
/// decision. <see cref="Quality"/> is the champion's live quality: the training metrics on the outcomes joined to its
/// answers in the window (only its row count, zero, before any); <see cref="QualityByVersion"/> is each version's.
/// </summary>
public sealed record ReviewStats(
    string UseCase, DateTime? Since, long ModelAnswers, int Items, int Decisions, double? ReviewRate, double? OverrideRate,
    IReadOnlyDictionary<string, int> OverridesByReason, double? ModelAgreement, double? ReviewerKappa, double? MedianSecondsToDecide,
    Feedback.LiveQuality Quality, IReadOnlyList<Feedback.LiveQuality> QualityByVersion)
{
    /// <summary>The use case's stats over decisions and items made since <paramref name="window"/> ago (all of them without one).</summary>
    public static async Task<ReviewStats> ReadAsync(GraftHome home, string useCaseId, TimeSpan? window, CancellationToken cancellationToken)
    {
        var (useCase, revision) = await new UseCases.UseCaseCatalog(home).GetAsync(useCaseId, cancellationToken); // an unknown use case is NotFound
        var spec = revision.Spec();
        DateTime? since = window is { } w ? home.Now - w : null;
        var from = since ?? DateTime.MinValue;
        await using var db = home.CreateDb();
        var items = await db.ReviewItems.AsNoTracking().Where(i => i.UseCaseId == useCaseId && i.CreatedAt >= from)
            .Select(i => new { i.Id, i.Label }).ToListAsync(cancellationToken);
        var decisions = await Standing(db, useCaseId, from, DateTime.MaxValue).ToListAsync(cancellationToken);
        var windowStart = Monitoring.TrafficWindow.StartOf(from);
        var answers = await db.TrafficWindows.AsNoTracking().Where(t => t.UseCaseId == useCaseId && t.Start >= windowStart)
            .Select(t => t.ModelAnswers).ToListAsync(cancellationToken);
        var modelAnswers = answers.Sum();
        var overrides = decisions.Where(d => d.Decision == ReviewDecisions.Override).ToList();
        var labelled = decisions.Where(d => d.Label is not null && d.LabelBefore is not null).ToList();
        var times = decisions.Select(d => d.SecondsToDecide).Order().ToList();
        var live = new Feedback.LiveQualityReader(home);
        var byVersion = await live.ByVersionAsync(spec, since, null, cancellationToken);
        var quality = useCase.ChampionVersion is not { } champion ? Feedback.LiveQuality.None(null, spec.Metric, null)
            : await live.OfAsync(byVersion, spec, champion, cancellationToken);
        return new ReviewStats(useCaseId, since, modelAnswers, items.Count, decisions.Count,
            modelAnswers == 0 ? null : Math.Min(1, (double)items.Count / modelAnswers),
            decisions.Count == 0 ? null : (double)overrides.Count / decisions.Count,
            overrides.CountBy(d => d.Reason ?? "").ToDictionary(g => g.Key, g => g.Value),
            labelled.Count == 0 ? null : (double)labelled.Count(d => d.Label == d.LabelBefore) / labelled.Count,
            Kappa(labelled), times.Count == 0 ? null : times[times.Count / 2],
            quality, byVersion);
    }

    /// <summary>
    /// The decisions that count toward the override rate, made from <paramref name="from"/> up to <paramref name="until"/>:
    /// each first decision of a slot (a correction replaces, it does not add), and no escalation (it decides nothing).
    /// </summary>
    internal static IQueryable<ReviewDecision> Standing(GraftDb db, string useCaseId, DateTime from, DateTime until) =>
        db.ReviewDecisions.AsNoTracking()
            .Where(d => d.UseCaseId == useCaseId && d.At >= from && d.At < until && d.Corrects == null && d.Decision != ReviewDecisions.Escalate);

    /// <summary>Between reviewers of the items several decided: Cohen's kappa where each has two decisions, Fleiss' where each has more.</summary>
    private static double? Kappa(List<ReviewDecision> labelled)
    {
        var byItem = labelled.GroupBy(d => d.ItemId).Select(g => g.OrderBy(d => d.Slot).Select(d => d.Label!).ToList()).Where(l => l.Count >= 2).ToList();
        if (byItem.Count == 0)
        {
            return null;
        }
        var most = byItem.Max(l => l.Count);
        return most == 2
            ? Agreement.Cohen(byItem.ConvertAll(l => (l[0], l[1])))
            : Agreement.Fleiss(byItem.Where(l => l.Count == most).Select(l => (IReadOnlyList<string>)l).ToList());
    }
}
