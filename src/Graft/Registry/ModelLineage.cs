namespace Graft.Registry;

/// <summary>Everything a training run knows about a candidate that the registry keeps with its model version.</summary>
public sealed record ModelLineage(
    string UseCaseId,
    string TrainingRunId,
    string Candidate,
    string Trainer,
    string ParametersJson,
    int Seed,
    string DatasetVersionId,
    string DatasetSha256,
    int SpecRevision,
    string SplitJson,
    string MetricsJson,
    double? Threshold,
    string ReferenceJson);
