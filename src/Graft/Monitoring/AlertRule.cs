namespace Graft.Monitoring;

/// <summary>
/// One alert rule (spec <c>alerts</c>): a signal read over the last <see cref="Window"/>, compared with a threshold
/// (<c>above</c> or <c>below</c>), judged only on at least <see cref="MinSamples"/> samples; it fires once the condition
/// has held for <see cref="For"/>, and, once firing, keeps firing until it has been false for <see cref="KeepFiringFor"/>
/// (against flapping), the lifecycle Prometheus users know. With <see cref="RollsBackCanary"/>, firing during a canary
/// rolls the canary back; with <see cref="Retrains"/>, firing starts a training run.
/// </summary>
public sealed record AlertRule(string Name, AlertSignal Signal, bool Above, double Threshold, TimeSpan Window, long MinSamples,
    TimeSpan For, TimeSpan KeepFiringFor, string Severity)
{
    /// <summary><c>on_alert: rollback</c>: when it fires while a canary serves, the canary is cleared (the champion answers everyone again).</summary>
    public bool RollsBackCanary { get; init; }

    /// <summary>
    /// <c>on_alert: retrain</c>: when it fires, a training run of the use case is started, on its latest dataset version,
    /// as a background job. It registers candidates; it never crowns or promotes one (that stays a gated act).
    /// </summary>
    public bool Retrains { get; init; }

    public static readonly TimeSpan DefaultWindow = TimeSpan.FromHours(1);

    public static readonly IReadOnlyList<string> Severities = ["info", "warning", "critical"];

    public bool Holds(double value) => Above ? value > Threshold : value < Threshold;

    public string Condition => $"{Signal} {(Above ? ">" : "<")} {Threshold.ToString(System.Globalization.CultureInfo.InvariantCulture)}";
}

/// <summary>
/// What an alert watches, written <c>name</c> or <c>name(argument)</c>; each gives a value and the number of samples
/// it rests on.
/// </summary>
public sealed record AlertSignal(string Name, string? Argument)
{
    /// <summary>The signals, with what each needs: a field, a metric, or nothing.</summary>
    public static readonly IReadOnlyDictionary<string, string?> Known = new Dictionary<string, string?>(StringComparer.Ordinal)
    {
        ["psi"] = "field",                 // the field's PSI against training; samples: its current values
        ["score_psi"] = null,              // the score's PSI
        ["share_drifted"] = null,          // the share of fields with a verdict that drifted; samples: requests
        ["fallback_rate"] = null,          // fallbacks over requests
        ["latency_p50_ms"] = null,
        ["latency_p99_ms"] = null,
        ["warning_rate"] = null,           // answers' warnings over requests
        ["requests"] = null,               // the number of requests itself
        ["override_rate"] = null,          // reviewers' overrides over decisions; samples: decisions
        ["live"] = "metric",               // live quality of the champion, e.g. live(roc_auc); samples: joined outcomes
        ["estimated"] = "metric",          // quality estimated from the scores alone (binary): roc_auc, accuracy or f1; samples: scored answers
        ["concept_drift_suspected"] = null, // 1 when the realized metric is outside the estimated band, else 0; samples: joined outcomes
    };

    public override string ToString() => Argument is null ? Name : $"{Name}({Argument})";

    /// <summary>A signal from its text, or a message saying why it is not one.</summary>
    public static (AlertSignal? Signal, string? Problem) Parse(string text)
    {
        var trimmed = text.Trim();
        var open = trimmed.IndexOf('(');
        var (name, argument) = open < 0 ? (trimmed, null) : (trimmed[..open].Trim(), trimmed.EndsWith(')') ? trimmed[(open + 1)..^1].Trim() : null);
        if (open >= 0 && string.IsNullOrEmpty(argument))
        {
            return (null, $"'{text}' is not a signal: write name or name(argument), e.g. psi(tenure_months)");
        }
        if (!Known.TryGetValue(name, out var needs))
        {
            var hint = ClosestName.Find(name, [.. Known.Keys]) is { } near ? $"; did you mean '{near}'?" : "";
            return (null, $"'{name}' is not a signal{hint} (signals: {string.Join(", ", Known.Select(k => k.Value is null ? k.Key : $"{k.Key}(<{k.Value}>)"))})");
        }
        return (needs is null) == (argument is null)
            ? (new AlertSignal(name, argument), null)
            : (null, needs is null ? $"'{name}' takes no argument" : $"'{name}' needs a {needs}: {name}(<{needs}>)");
    }
}
