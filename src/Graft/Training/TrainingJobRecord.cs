namespace Graft.Training;

/// <summary>
/// A training run requested over the API, as the store keeps it, so that its outcome outlives the process that
/// ran it: queued, running, succeeded (with the run it recorded) or failed (with why). While unfinished, the
/// process that holds it marks it alive now and then, so that any process can tell a job nobody will finish.
/// </summary>
public sealed class TrainingJobRecord
{
    public const string Queued = "queued";
    public const string Running = "running";
    public const string Succeeded = "succeeded";
    public const string Failed = "failed";

    private TrainingJobRecord() { }

    public TrainingJobRecord(string id, string useCaseId, string? dataset, DateTime queuedAt)
    {
        Id = id;
        UseCaseId = useCaseId;
        Dataset = dataset;
        QueuedAt = queuedAt;
        AliveAt = queuedAt;
    }

    public string Id { get; private set; } = "";
    public string UseCaseId { get; private set; } = "";
    public string? Dataset { get; private set; }
    public string Status { get; private set; } = Queued;
    public DateTime QueuedAt { get; private set; }
    public DateTime? StartedAt { get; private set; }
    public DateTime? FinishedAt { get; private set; }

    /// <summary>The training run the job recorded, whose result the store keeps with it.</summary>
    public string? RunId { get; private set; }

    public string? Error { get; private set; }

    /// <summary>When the process holding the job last said it still holds it.</summary>
    public DateTime AliveAt { get; private set; }

    public bool Finished => Status is Succeeded or Failed;

    public void Start(DateTime now) => (Status, StartedAt, AliveAt) = (Running, now, now);

    public void Succeed(string runId, DateTime now) => (Status, RunId, FinishedAt) = (Succeeded, runId, now);

    public void Fail(string error, DateTime now) => (Status, Error, FinishedAt) = (Failed, error, now);
}
