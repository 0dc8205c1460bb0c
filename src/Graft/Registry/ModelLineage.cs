namespace Graft.Registry;

/// <summary>
/// Everything a training run knows about a candidate that the registry keeps with its model version; <paramref name="Datasets"/>
/// are the versions it learned from, their rows one after the other (at least one).
/// </summary>
public sealed record ModelLineage(
    string UseCaseId,
    string TrainingRunId,
    string Candidate,
    string Trainer,
    string ParametersJson,
    int Seed,
    IReadOnlyList<LineageDataset> Datasets,
    int SpecRevision,
    string SplitJson,
    string MetricsJson,
    double? Threshold,
    string ReferenceJson,
    string? ModelTestsJson = null);
