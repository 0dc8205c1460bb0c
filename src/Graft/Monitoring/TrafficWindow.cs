namespace Graft.Monitoring;

/// <summary>
/// What a use case's answers came to in one minute and one stage, counted where the prediction log is written (never
/// by reading the log back): requests, answers the model gave, and, where the model and the rule both answered
/// (shadow), how often their labels agreed. A row a minute whatever the traffic, and several processes add to the same
/// row, so their counts merge exactly. The evidence rollout gates weigh (<see cref="Rollout.RolloutGates"/>).
/// </summary>
public sealed class TrafficWindow
{
    public static readonly TimeSpan Length = TimeSpan.FromMinutes(1);

    private TrafficWindow() { }

    public TrafficWindow(string useCaseId, Rollout.Stage stage, DateTime start)
    {
        UseCaseId = useCaseId;
        Stage = stage;
        Start = start;
    }

    public string UseCaseId { get; private set; } = "";
    public Rollout.Stage Stage { get; private set; }

    /// <summary>The window's first instant (UTC), a whole minute.</summary>
    public DateTime Start { get; private set; }
    public long Requests { get; private set; }
    public long ModelAnswers { get; private set; }
    public long Fallbacks { get; private set; }

    /// <summary>Answers where both the model and the rule gave a label, and how many of those labels were the same.</summary>
    public long Compared { get; private set; }
    public long Agreements { get; private set; }

    /// <summary>Rises with every change, so that of two processes adding to one window the later adds again (it was read before the first saved).</summary>
    public int Revision { get; private set; }

    public static DateTime StartOf(DateTime at) => new(at.Ticks - (at.Ticks % Length.Ticks), DateTimeKind.Utc);

    public void Add(TrafficCounts counts)
    {
        Requests += counts.Requests;
        ModelAnswers += counts.ModelAnswers;
        Fallbacks += counts.Fallbacks;
        Compared += counts.Compared;
        Agreements += counts.Agreements;
        Revision++;
    }
}

/// <summary>Counts to add to a <see cref="TrafficWindow"/>.</summary>
public sealed record TrafficCounts(long Requests, long ModelAnswers, long Fallbacks, long Compared, long Agreements)
{
    public static readonly TrafficCounts Zero = new(0, 0, 0, 0, 0);

    public static TrafficCounts operator +(TrafficCounts a, TrafficCounts b) =>
        new(a.Requests + b.Requests, a.ModelAnswers + b.ModelAnswers, a.Fallbacks + b.Fallbacks, a.Compared + b.Compared, a.Agreements + b.Agreements);
}
