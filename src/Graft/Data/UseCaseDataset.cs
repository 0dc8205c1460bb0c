namespace Graft.Data;

/// <summary>That a dataset version was added to a use case, and when; the latest one is the default for training.</summary>
public sealed class UseCaseDataset
{
    private UseCaseDataset() { }

    public UseCaseDataset(string useCaseId, string datasetVersionId, DateTime addedAt)
    {
        UseCaseId = useCaseId;
        DatasetVersionId = datasetVersionId;
        AddedAt = addedAt;
    }

    public string UseCaseId { get; private set; } = "";
    public string DatasetVersionId { get; private set; } = "";
    /// <summary>When the version was last added to the use case: the latest one is what training takes by default.</summary>
    public DateTime AddedAt { get; private set; }

    public void AddedAgain(DateTime at) => AddedAt = at;
}
