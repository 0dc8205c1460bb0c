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
    public DateTime AddedAt { get; private set; }
}
