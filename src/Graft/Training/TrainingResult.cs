namespace Graft.Training;

/// <summary>
/// What a training run compared and decided: the rule and every model candidate on the same held-out rows,
/// the chosen model and the baseline gate. <c>dataset</c> is the first dataset version it learned from and <c>datasets</c>
/// every one (null in results recorded before they were kept). Its JSON form (snake_case) is the contract of
/// <c>graft train --json</c>.
/// </summary>
public sealed record TrainingResult(
    string Run,
    string UseCase,
    string Dataset,
    int SpecRevision,
    string Metric,
    SplitSummary Split,
    IReadOnlyList<CandidateResult> Candidates,
    string? Best,
    GateResult Gate,
    string? Champion,
    IReadOnlyDictionary<string, string> LeftOut,
    IReadOnlyList<string>? Datasets = null);

public sealed record SplitSummary(string Kind, int TrainRows, int ValidationRows, int TestRows, string Description);

/// <summary>One row of the comparison: the rule (kind "rule") or a model (kind "model", with its registered version).</summary>
public sealed record CandidateResult(
    string Name,
    string Kind,
    string? Version,
    string? Trainer,
    string? Parameters,
    IReadOnlyDictionary<string, double> Metrics,
    double? Threshold,
    double TrainSeconds,
    double ScoreMicrosecondsPerRow,
    IReadOnlyList<SearchStep> Search,
    ModelTests.ModelTestResult? ModelTests = null);

/// <summary>
/// The baseline gate: the best model must beat the rule on the spec's metric by at least the margin, and its model
/// tests must have no blocking finding nobody acknowledged (<see cref="Blocking"/>, each in words). <see cref="Reason"/>
/// says all of it; <see cref="Comparison"/> the comparison with the rule alone (null in results recorded before it was kept).
/// </summary>
public sealed record GateResult(bool Passed, string Metric, double Margin, double? Best, double? Baseline, double? Improvement, string Reason,
    IReadOnlyList<string>? Blocking = null, string? Comparison = null)
{
    /// <summary>Whether the best model beat the rule by the margin, whatever its model tests found.</summary>
    public bool BeatsRule => Improvement is { } improvement && improvement >= Margin;
}
