namespace Graft.UseCases;

/// <summary>
/// A use case as its spec file declares it: the decision, who uses it, the target, the rule it must beat,
/// how it is measured and gated, and each field's data-use policy. Keys are documented in docs/spec.md.
/// </summary>
public sealed record UseCaseSpec
{
    public required string Id { get; init; }
    public required string Title { get; init; }
    public required TaskKind Task { get; init; }
    public required string TargetColumn { get; init; }
    public string? TargetPositive { get; init; }
    public string? Decision { get; init; }
    public string? Users { get; init; }
    public string? Moment { get; init; }
    public IReadOnlyDictionary<string, string> Owners { get; init; } = new Dictionary<string, string>();
    public string? Entity { get; init; }
    /// <summary>
    /// Store every entity id as a keyed hash, not only those that look like personal data (an email, a phone
    /// number), which always are (see <see cref="Governance.EntityPseudonyms"/>).
    /// </summary>
    public bool PseudonymiseEntity { get; init; }
    public TimestampSpec? Timestamp { get; init; }
    public IReadOnlyList<string> Exclude { get; init; } = [];
    public IReadOnlyList<FieldPolicy> Fields { get; init; } = [];
    public string? Rule { get; init; }
    public required string Metric { get; init; }
    public double BaselineMargin { get; init; }
    public double? Threshold { get; init; }
    /// <summary>The model families to train; all of them (linear, lightgbm) unless the spec narrows it.</summary>
    public IReadOnlyList<string> Trainers { get; init; } = ["linear", "lightgbm"];
    public SplitSpec Split { get; init; } = new();
    public int LatencyBudgetMs { get; init; } = 100;
    public string Risk { get; init; } = "medium";
    public string Fallback { get; init; } = "rule";
    /// <summary>
    /// What answers a request that lacks a required input: the rule, or a 400 naming each missing field. Unset in the
    /// spec, it is <see cref="MissingInputPolicy.Fallback"/> when there is a rule to fall back on, else reject.
    /// </summary>
    public MissingInputPolicy OnMissingInputs { get; init; } = MissingInputPolicy.Reject;
    /// <summary>
    /// How far outside its training range a number may be, as a share of that range, before its answer warns
    /// <c>out_of_range</c> (a field's own <c>range_tolerance</c> overrides it). Default 0.1.
    /// </summary>
    public double RangeTolerance { get; init; } = DefaultRangeTolerance;
    /// <summary>
    /// The stage a use case starts in when first applied (off, shadow, assist or auto). Later it changes only as an act
    /// (<c>graft stage</c>), recorded in its rollout state, never by editing the spec.
    /// </summary>
    public Rollout.Stage InitialStage { get; init; } = Rollout.Stage.Shadow;
    /// <summary>What a stage must show before the use case may leave it upward.</summary>
    public Rollout.ExitCriteria Exit { get; init; } = new();

    /// <summary>How long predictions, their inputs and feedback are kept (spec <c>retention</c>; kept by default).</summary>
    public Governance.RetentionPolicy Retention { get; init; } = Governance.RetentionPolicy.KeepAll;
    /// <summary>Which answers go to people and how they are reviewed (spec <c>review</c>); null: no review queue.</summary>
    public Review.ReviewPolicy? Review { get; init; }

    /// <summary>How far back an outcome reported by entity looks for its prediction (spec <c>outcomes.window</c>; 30 days).</summary>
    public TimeSpan OutcomeWindow { get; init; } = DefaultOutcomeWindow;

    /// <summary>How drift is judged (spec <c>monitoring</c>; the defaults when absent).</summary>
    public Monitoring.MonitoringPolicy Monitoring { get; init; } = Graft.Monitoring.MonitoringPolicy.Default;

    /// <summary>The alert rules (spec <c>alerts</c>), evaluated by <c>graft serve</c> every minute.</summary>
    public IReadOnlyList<Monitoring.AlertRule> Alerts { get; init; } = [];

    /// <summary>What every candidate is tested for beyond its overall metrics (spec <c>model_tests</c>).</summary>
    public ModelTests.ModelTestPolicy ModelTests { get; init; } = Graft.ModelTests.ModelTestPolicy.Default;

    /// <summary>What each outcome of a binary decision is worth (spec <c>value</c>); null: the threshold maximises F1.</summary>
    public ModelTests.ValueMatrix? Value { get; init; }

    /// <summary>The fields whose groups the fairness report compares (<c>fields.&lt;field&gt;.protected: true</c>).</summary>
    public IEnumerable<string> Protected => Fields.Where(f => f.Protected).Select(f => f.Name);

    public static readonly TimeSpan DefaultOutcomeWindow = TimeSpan.FromDays(30);
    public IReadOnlyList<Acknowledgement> Acknowledged { get; init; } = [];

    public const double DefaultRangeTolerance = 0.1;

    public FieldPolicy? Policy(string field) => Fields.FirstOrDefault(f => f.Name == field);
}
