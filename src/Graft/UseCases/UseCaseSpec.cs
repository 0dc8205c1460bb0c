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
    /// <summary>How much the app trusts the use case: off (the rule answers), shadow, assist or auto.</summary>
    public string Stage { get; init; } = "shadow";
    public IReadOnlyList<Acknowledgement> Acknowledged { get; init; } = [];

    public FieldPolicy? Policy(string field) => Fields.FirstOrDefault(f => f.Name == field);
}
