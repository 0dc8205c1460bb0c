namespace Graft.Monitoring;

/// <summary>
/// Where one alert rule of a use case stands, as the last evaluation left it: one row per rule, which every
/// process evaluating the rules reads and the first to change saves (the revision makes the others read again), so
/// a transition happens once for the store, not once per process.
/// </summary>
public sealed class AlertStatus
{
    public const string Inactive = "inactive";
    public const string Pending = "pending";
    public const string Firing = "firing";
    public const string Resolved = "resolved";

    /// <summary>Every state, in the lifecycle's order.</summary>
    public static readonly IReadOnlyList<string> States = [Inactive, Pending, Firing, Resolved];

    private AlertStatus() { }

    public AlertStatus(string useCaseId, string name, DateTime at) => (UseCaseId, Name, State, Since) = (useCaseId, name, Inactive, at);

    public string UseCaseId { get; private set; } = "";
    public string Name { get; private set; } = "";

    /// <summary><see cref="Inactive"/>, <see cref="Pending"/>, <see cref="Firing"/> or <see cref="Resolved"/>.</summary>
    public string State { get; private set; } = Inactive;

    /// <summary>When it entered its state.</summary>
    public DateTime Since { get; private set; }

    /// <summary>When the condition last held (what <c>keep_firing_for</c> counts from).</summary>
    public DateTime? LastHeldAt { get; private set; }
    public DateTime? EvaluatedAt { get; private set; }

    /// <summary>The signal's value at the last evaluation, and its samples; null when there was none.</summary>
    public double? Value { get; private set; }
    public long Samples { get; private set; }
    public int Revision { get; private set; }

    /// <summary>
    /// The next state after an evaluation at <paramref name="at"/> in which the condition <paramref name="holds"/>
    /// (false with too few samples); returns the state left when it changed, else null.
    /// </summary>
    public string? Evaluate(AlertRule rule, bool holds, double? value, long samples, DateTime at)
    {
        (Value, Samples, EvaluatedAt) = (value, samples, at);
        Revision++;
        if (holds)
        {
            LastHeldAt = at;
        }
        var next = (State, holds) switch
        {
            (Inactive or Resolved, true) => rule.For <= TimeSpan.Zero ? Firing : Pending,
            (Pending, true) => at - Since >= rule.For ? Firing : Pending,
            (Pending, false) => Inactive,
            (Firing, false) => LastHeldAt is { } last && at - last < rule.KeepFiringFor ? Firing : Resolved,
            _ => State,
        };
        if (next == State)
        {
            return null;
        }
        var left = State;
        (State, Since) = (next, at);
        return left;
    }
}

/// <summary>One transition of an alert, kept: what it was, what it became, when, on what value.</summary>
public sealed class AlertEvent
{
    private AlertEvent() { }

    public AlertEvent(string useCaseId, string name, string from, string to, DateTime at, double? value, long samples, string severity) =>
        (UseCaseId, Name, From, To, At, Value, Samples, Severity) = (useCaseId, name, from, to, at, value, samples, severity);

    public long Id { get; private set; }
    public string UseCaseId { get; private set; } = "";
    public string Name { get; private set; } = "";
    public string From { get; private set; } = "";
    public string To { get; private set; } = "";
    public DateTime At { get; private set; }
    public double? Value { get; private set; }
    public long Samples { get; private set; }
    public string Severity { get; private set; } = "";
}
