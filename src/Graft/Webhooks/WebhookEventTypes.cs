namespace Graft.Webhooks;

/// <summary>
/// The events an app may subscribe a webhook to, each a stable dotted word: receivers switch on them, so a name never
/// changes. The alerts are accepted now, so that a subscription made today receives them on the day they are sent.
/// </summary>
public static class WebhookEventTypes
{
    /// <summary>A prediction went to the review queue.</summary>
    public const string ReviewCreated = "review.created";

    /// <summary>A reviewer accepted, overrode or escalated a review item.</summary>
    public const string ReviewDecided = "review.decided";

    /// <summary>A use case's stage or cohort changed, or it was killed or revived.</summary>
    public const string StageChanged = "stage.changed";

    /// <summary>An alert rule started firing.</summary>
    public const string AlertFiring = "alert.firing";

    /// <summary>A firing alert stopped.</summary>
    public const string AlertResolved = "alert.resolved";

    public static readonly IReadOnlyList<string> All = [ReviewCreated, ReviewDecided, StageChanged, AlertFiring, AlertResolved];

    /// <summary>The named events, each once, in the order given; refuses none, or a name that is not one, naming the valid ones.</summary>
    public static IReadOnlyList<string> Parse(IEnumerable<string>? names)
    {
        var events = (names ?? []).Select(n => n.Trim()).Where(n => n.Length > 0).Distinct().ToList();
        if (events.Count == 0)
        {
            throw GraftException.Invalid($"a webhook needs at least one event: {string.Join(", ", All)}");
        }
        if (events.FirstOrDefault(e => !All.Contains(e)) is { } unknown)
        {
            var hint = ClosestName.Find(unknown, All) is { } near ? $" (did you mean {near}?)" : "";
            throw GraftException.Invalid($"'{unknown}' is not a webhook event{hint}; the events are {string.Join(", ", All)}");
        }
        return events;
    }
}
