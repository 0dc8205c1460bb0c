namespace Graft.Governance;

/// <summary>
/// One run of a job that must happen once for the whole store, not once per process (retention today): keyed by the
/// job's kind and its slot (the day it is due, or <c>manual …</c> for one asked for), so that of several
/// <c>graft serve</c> processes sharing the store the first to insert the row runs it and the others see it taken.
/// </summary>
public sealed class ScheduledRun
{
    private ScheduledRun() { }

    public ScheduledRun(string kind, string slot, string by, DateTime startedAt) =>
        (Kind, Slot, By, StartedAt, Status) = (kind, slot, by, startedAt, Running);

    public const string Running = "running";
    public const string Succeeded = "succeeded";
    public const string Failed = "failed";

    public string Kind { get; private set; } = "";
    public string Slot { get; private set; } = "";

    /// <summary><see cref="Running"/>, <see cref="Succeeded"/> or <see cref="Failed"/>.</summary>
    public string Status { get; private set; } = "";

    /// <summary>Which process ran it (host and process id).</summary>
    public string By { get; private set; } = "";
    public DateTime StartedAt { get; private set; }
    public DateTime? FinishedAt { get; private set; }
    public string? ResultJson { get; private set; }
    public string? Error { get; private set; }

    public void Succeed(string resultJson, DateTime at) => (Status, ResultJson, FinishedAt) = (Succeeded, resultJson, at);

    public void Fail(string error, DateTime at) => (Status, Error, FinishedAt) = (Failed, error, at);
}
