namespace Graft.Registry;

/// <summary>
/// One trained model, immutable once registered, with the lineage needed to trust or retrain it: the dataset
/// and spec revision it learned from, the trainer and its parameters, the seed and split, its metrics on
/// held-out data, and the reference distributions that drift monitoring compares live traffic against.
/// </summary>
public sealed class ModelVersion
{
    private ModelVersion() { }

    public ModelVersion(ModelLineage lineage, int number, string artifactKey, string artifactSha256, DateTime createdAt)
    {
        Id = ModelRegistry.ModelVersionId(lineage.UseCaseId, number);
        UseCaseId = lineage.UseCaseId;
        Number = number;
        TrainingRunId = lineage.TrainingRunId;
        Candidate = lineage.Candidate;
        Trainer = lineage.Trainer;
        ParametersJson = lineage.ParametersJson;
        Seed = lineage.Seed;
        DatasetVersionId = lineage.DatasetVersionId;
        DatasetSha256 = lineage.DatasetSha256;
        SpecRevision = lineage.SpecRevision;
        SplitJson = lineage.SplitJson;
        MetricsJson = lineage.MetricsJson;
        Threshold = lineage.Threshold;
        ReferenceJson = lineage.ReferenceJson;
        ArtifactKey = artifactKey;
        ArtifactSha256 = artifactSha256;
        CreatedAt = createdAt;
    }

    public string Id { get; private set; } = "";
    public string UseCaseId { get; private set; } = "";
    public int Number { get; private set; }
    public string TrainingRunId { get; private set; } = "";
    public string Candidate { get; private set; } = "";
    public string Trainer { get; private set; } = "";
    public string ParametersJson { get; private set; } = "{}";
    public int Seed { get; private set; }
    public string DatasetVersionId { get; private set; } = "";
    public string DatasetSha256 { get; private set; } = "";
    public int SpecRevision { get; private set; }
    public string SplitJson { get; private set; } = "{}";
    public string MetricsJson { get; private set; } = "{}";
    public double? Threshold { get; private set; }
    public string ReferenceJson { get; private set; } = "{}";
    public string ArtifactKey { get; private set; } = "";
    public string ArtifactSha256 { get; private set; } = "";
    public DateTime CreatedAt { get; private set; }
}
