using System.Text.Json;

namespace Graft.Registry;

/// <summary>
/// One trained model, immutable once registered, with the lineage needed to trust or retrain it: the datasets
/// (<see cref="DatasetVersionId"/> the first of them, <see cref="Datasets"/> every one) and spec revision it learned from, the trainer and its parameters, the seed and split, its metrics on
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
        DatasetVersionId = lineage.Datasets[0].Id;
        DatasetSha256 = lineage.Datasets[0].Sha256;
        DatasetsJson = JsonSerializer.Serialize(lineage.Datasets, ModelRegistry.Json);
        SpecRevision = lineage.SpecRevision;
        SplitJson = lineage.SplitJson;
        MetricsJson = lineage.MetricsJson;
        Threshold = lineage.Threshold;
        ReferenceJson = lineage.ReferenceJson;
        ModelTestsJson = lineage.ModelTestsJson;
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

    /// <summary>Every dataset version it learned from, as JSON (<see cref="LineageDataset"/>); <c>[]</c> in versions registered before it was kept.</summary>
    public string DatasetsJson { get; private set; } = "[]";
    public int SpecRevision { get; private set; }
    public string SplitJson { get; private set; } = "{}";
    public string MetricsJson { get; private set; } = "{}";
    public double? Threshold { get; private set; }
    public string ReferenceJson { get; private set; } = "{}";

    /// <summary>The model tests of training on the test rows (<see cref="ModelTests.ModelTestResult"/>), as JSON; null for a version trained without them.</summary>
    public string? ModelTestsJson { get; private set; }
    public string ArtifactKey { get; private set; } = "";
    public string ArtifactSha256 { get; private set; } = "";
    public DateTime CreatedAt { get; private set; }

    /// <summary>The model tests its training run stored; null for a version registered without them.</summary>
    public ModelTests.ModelTestResult? ModelTests() =>
        ModelTestsJson is { } json ? JsonSerializer.Deserialize<ModelTests.ModelTestResult>(json, ModelRegistry.Json) : null;

    /// <summary>The dataset versions it learned from, the first being <see cref="DatasetVersionId"/>.</summary>
    public IReadOnlyList<LineageDataset> Datasets() =>
        JsonSerializer.Deserialize<List<LineageDataset>>(DatasetsJson, ModelRegistry.Json) is { Count: > 0 } all ? all : [new LineageDataset(DatasetVersionId, DatasetSha256, null)];
}
