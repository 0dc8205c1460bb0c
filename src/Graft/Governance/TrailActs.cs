namespace Graft.Governance;

/// <summary>
/// The acts the audit trail records, each a stable dotted word: entries keep them for ever, so a name never changes
/// and is never reused for another act. docs/trail.md lists what each one's subject, before and after hold.
/// </summary>
public static class TrailActs
{
    /// <summary>A spec was applied and became a new revision (subject <c>&lt;use case&gt;@&lt;revision&gt;</c>).</summary>
    public const string UseCaseApplied = "usecase.applied";

    /// <summary>A file was imported as a dataset version, or imported again, which makes it the latest (subject the version).</summary>
    public const string DataImported = "data.imported";

    /// <summary>
    /// Served predictions with their labels were exported as a dataset version of their use case (subject the version; after:
    /// <c>as_of</c>, how many labels came from outcomes and from reviews, the first and last prediction id).
    /// </summary>
    public const string DataExported = "data.exported";

    /// <summary>
    /// A spec acknowledged a blocking audit finding, by a named person with a reason (subject <c>&lt;code&gt;:&lt;field&gt;</c>),
    /// recorded when the revision that adds it is applied.
    /// </summary>
    public const string AuditAcknowledged = "audit.acknowledged";

    /// <summary>A training run registered its model versions, crowning a first champion when its gate passed (subject the run).</summary>
    public const string TrainingRun = "training.run";

    /// <summary>A version became its use case's champion (subject the version).</summary>
    public const string ModelPromoted = "model.promoted";

    /// <summary>The champion was rolled back to the one it replaced (subject the version rolled back).</summary>
    public const string ModelRolledBack = "model.rolled_back";

    /// <summary>An API key was made (subject the key id; never its secret).</summary>
    public const string KeyCreated = "key.created";

    /// <summary>An API key was revoked (subject the key id).</summary>
    public const string KeyRevoked = "key.revoked";

    // Acts of the rollout and review work, named here so that their entries read alike when they land.

    /// <summary>A use case's rollout stage or cohort changed (after: <c>stage</c>, <c>cohort_percent</c>).</summary>
    public const string StageChanged = "stage.changed";

    /// <summary>The kill switch was thrown: the rule answers every request (after: <c>killed: true</c>).</summary>
    public const string UseCaseKilled = "usecase.killed";

    /// <summary>The kill switch was released (after: <c>killed: false</c>).</summary>
    public const string UseCaseRevived = "usecase.revived";

    /// <summary>The challenger was set or cleared (after: <c>challenger</c>).</summary>
    public const string ChallengerChanged = "challenger.changed";

    /// <summary>An admin moved past a failing gate, with the written reason the override needs.</summary>
    public const string GateOverridden = "gate.overridden";

    /// <summary>A reviewer accepted, overrode or escalated a review item.</summary>
    public const string ReviewDecided = "review.decided";

    /// <summary>A webhook was registered for a use case's events (subject the webhook id; never its secret).</summary>
    public const string WebhookAdded = "webhook.added";

    /// <summary>A webhook was removed: it receives no more events, and its pending deliveries fail (subject the webhook id).</summary>
    public const string WebhookRemoved = "webhook.removed";

    /// <summary>Retention removed what had outlived its use case's retention.</summary>
    public const string RetentionRun = "retention.run";

    /// <summary>An alert rule started firing (subject the rule's name; after: its condition, value and samples).</summary>
    public const string AlertFiring = "alert.firing";

    /// <summary>A firing alert stopped: its condition had been false for its keep_firing_for.</summary>
    public const string AlertResolved = "alert.resolved";
}
