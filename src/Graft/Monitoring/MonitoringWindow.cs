using System.Text.Json;

namespace Graft.Monitoring;

/// <summary>
/// One use case's answers by one model version in one base window (<see cref="Length"/>), as a
/// <see cref="WindowSummary"/>: a row a window whatever the traffic, which every process serving the use case adds to
/// (the revision makes the later one add again to what the first left). Longer windows are these added up.
/// </summary>
public sealed class MonitoringWindow
{
    /// <summary>The base window: the finest a monitoring view or an alert can look at.</summary>
    public static readonly TimeSpan Length = TimeSpan.FromMinutes(5);

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    private MonitoringWindow() { }

    public MonitoringWindow(string useCaseId, string modelVersion, DateTime start)
    {
        UseCaseId = useCaseId;
        ModelVersion = modelVersion;
        Start = start;
    }

    public string UseCaseId { get; private set; } = "";

    /// <summary>The version that scored the answers; empty for answers no model scored (killed, out of cohort, missing inputs).</summary>
    public string ModelVersion { get; private set; } = "";

    /// <summary>The window's first instant (UTC), a whole multiple of <see cref="Length"/>.</summary>
    public DateTime Start { get; private set; }
    public long Requests { get; private set; }
    public string SummaryJson { get; private set; } = "{}";
    public int Revision { get; private set; }

    public static DateTime StartOf(DateTime at) => new(at.Ticks - (at.Ticks % Length.Ticks), DateTimeKind.Utc);

    /// <summary>A summary as a window's row stores it.</summary>
    public static WindowSummary Parse(string summaryJson) => JsonSerializer.Deserialize<WindowSummary>(summaryJson, Json) ?? new WindowSummary();

    public void Add(WindowSummary add)
    {
        var summary = Parse(SummaryJson);
        summary.Add(add);
        SummaryJson = JsonSerializer.Serialize(summary, Json);
        Requests = summary.Requests;
        Revision++;
    }
}
