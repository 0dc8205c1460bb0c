namespace Graft.Training;

/// <summary>A finished training run: what it compared, which model it chose, and whether the baseline gate passed.</summary>
public sealed class TrainingRun
{
    private TrainingRun() { }

    public TrainingRun(string id, string useCaseId, int specRevision, string datasetVersionId, DateTime startedAt)
    {
        Id = id;
        UseCaseId = useCaseId;
        SpecRevision = specRevision;
        DatasetVersionId = datasetVersionId;
        StartedAt = startedAt;
    }

    public string Id { get; private set; } = "";
    public string UseCaseId { get; private set; } = "";
    public int SpecRevision { get; private set; }
    public string DatasetVersionId { get; private set; } = "";
    public DateTime StartedAt { get; private set; }
    public DateTime? FinishedAt { get; private set; }
    public string? BestVersion { get; private set; }
    public bool GatePassed { get; private set; }
    public string ResultJson { get; private set; } = "{}";

    public void Finish(string? bestVersion, bool gatePassed, string resultJson, DateTime now)
    {
        BestVersion = bestVersion;
        GatePassed = gatePassed;
        ResultJson = resultJson;
        FinishedAt = now;
    }
}
