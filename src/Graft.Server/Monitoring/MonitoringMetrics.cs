using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using Graft.Monitoring;
using Prometheus;

namespace Graft.Server.Monitoring;

/// <summary>
/// What <c>graft monitor</c> shows, as Prometheus series, over the last hour of each use case: each input's and the
/// score's drift statistic, PSI and verdict (1 drifted, 0 not; no sample while a field has too few values), the share of
/// fields drifted, the quality estimated from the scores with its band, the live quality from outcomes, whether concept
/// drift is suspected, and each alert rule's state (1 on the series of its current state). Set once a minute from the
/// store by <see cref="AlertSchedule"/>, so every process sharing a store shows the same values; a series whose field,
/// version or rule is gone is removed. The same values are observable gauges of the <c>Graft</c> meter for OpenTelemetry
/// (<c>graft.drift.psi</c> and so on, with the same labels as attributes), read when an exporter collects: nothing
/// is done for them when no OTLP endpoint is configured.
/// </summary>
public sealed class MonitoringMetrics
{
    public static readonly TimeSpan Span = TimeSpan.FromHours(1);

    /// <summary>The score's series carry this as their field: no input can have a name with brackets in the spec's checks.</summary>
    public const string ScoreField = "(score)";

    private readonly Gauge _statistic;
    private readonly Gauge _psi;
    private readonly Gauge _drifted;
    private readonly Gauge _share;
    private readonly Gauge _estimated;
    private readonly Gauge _live;
    private readonly Gauge _concept;
    private readonly Gauge _alert;
    private readonly Gauge _updated;
    /// <summary>
    /// Each use case's series as last set: what the next <see cref="Set"/> compares with to remove those gone, and what
    /// the meter's gauges report. Replaced whole by <see cref="Set"/>, read by the exporter's thread.
    /// </summary>
    private readonly ConcurrentDictionary<string, IReadOnlyList<(Gauge Gauge, string[] Labels, double Value)>> _readings = new(StringComparer.Ordinal);

    public MonitoringMetrics(MetricFactory factory, Meter? meter = null)
    {
        _statistic = factory.CreateGauge("graft_drift_statistic", "The drift statistic of an input or the score over the last hour against training: a p-value for a test, a distance otherwise.",
            ["use_case", "model_version", "field", "method"]);
        _psi = factory.CreateGauge("graft_drift_psi", "The population stability index of an input or the score over the last hour against training.", ["use_case", "model_version", "field"]);
        _drifted = factory.CreateGauge("graft_drift_detected", "1 when an input or the score drifted over the last hour, 0 when it did not; absent while it has too few values.",
            ["use_case", "model_version", "field"]);
        _share = factory.CreateGauge("graft_drift_share", "The share of inputs with a verdict that drifted over the last hour.", ["use_case", "model_version"]);
        _estimated = factory.CreateGauge("graft_estimated_quality", "A metric estimated from the last hour's scores alone, with the lower and upper ends of its band.",
            ["use_case", "model_version", "metric", "bound"]);
        _live = factory.CreateGauge("graft_live_quality", "The spec's metric on the answers whose outcomes are known, since the last hour began.", ["use_case", "model_version", "metric"]);
        _concept = factory.CreateGauge("graft_concept_drift_suspected", "1 when the live metric falls outside the band estimated from the scores, 0 when it does not.",
            ["use_case", "model_version"]);
        _alert = factory.CreateGauge("graft_alert_state", "1 on the series of each alert rule's current state (inactive, pending, firing, resolved), 0 on the others.",
            ["use_case", "alert", "severity", "state"]);
        _updated = factory.CreateGauge("graft_monitoring_updated_seconds", "When the monitoring series were last set from the store (Unix time).");
        if (meter is not null)
        {
            Observe(meter, _statistic, "graft.drift.statistic", "{statistic}");
            Observe(meter, _psi, "graft.drift.psi", "1");
            Observe(meter, _drifted, "graft.drift.detected", "1");
            Observe(meter, _share, "graft.drift.share", "1");
            Observe(meter, _estimated, "graft.quality.estimated", "1");
            Observe(meter, _live, "graft.quality.live", "1");
            Observe(meter, _concept, "graft.concept_drift.suspected", "1");
            Observe(meter, _alert, "graft.alert.state", "1");
        }
    }

    /// <summary>An observable gauge of the meter reporting a Prometheus gauge's series, its labels as attributes.</summary>
    private void Observe(Meter meter, Gauge gauge, string name, string unit) =>
        meter.CreateObservableGauge(name, () => Readings(gauge), unit, gauge.Help);

    private IEnumerable<Measurement<double>> Readings(Gauge gauge)
    {
        foreach (var series in _readings.Values)
        {
            foreach (var (of, labels, value) in series)
            {
                if (ReferenceEquals(of, gauge))
                {
                    var tags = new KeyValuePair<string, object?>[labels.Length];
                    for (var i = 0; i < labels.Length; i++)
                    {
                        tags[i] = new(gauge.LabelNames[i], labels[i]);
                    }
                    yield return new Measurement<double>(value, tags);
                }
            }
        }
    }

    /// <summary>Sets one use case's series from its view, and removes those the view no longer has.</summary>
    public void Set(MonitoringView view, DateTimeOffset at)
    {
        var series = new List<(Gauge Gauge, string[] Labels, double Value)>();
        void Put(Gauge gauge, double value, params string[] labels)
        {
            gauge.WithLabels(labels).Set(value);
            series.Add((gauge, labels, value));
        }
        var version = view.ModelVersion ?? "";
        if (view.Drift is { } drift)
        {
            foreach (var field in drift.Fields.Append(drift.Score with { Field = ScoreField }))
            {
                if (field.Statistic is { } statistic)
                {
                    Put(_statistic, statistic, view.UseCase, version, field.Field, field.Method);
                }
                if (field.Psi is { } psi)
                {
                    Put(_psi, psi, view.UseCase, version, field.Field);
                }
                if (field.Drifted is { } drifted)
                {
                    Put(_drifted, drifted ? 1 : 0, view.UseCase, version, field.Field);
                }
            }
            if (drift.ShareDrifted is { } share)
            {
                Put(_share, share, view.UseCase, version);
            }
        }
        foreach (var (metric, estimate) in view.EstimatedQuality ?? new Dictionary<string, EstimatedMetric>())
        {
            Put(_estimated, estimate.Value, view.UseCase, version, metric, "value");
            Put(_estimated, estimate.Lower, view.UseCase, version, metric, "lower");
            Put(_estimated, estimate.Upper, view.UseCase, version, metric, "upper");
        }
        if (view.Quality is { Value: { } live } quality)
        {
            Put(_live, live, view.UseCase, version, quality.Metric);
        }
        if (view.ConceptDriftSuspected is { } suspected)
        {
            Put(_concept, suspected ? 1 : 0, view.UseCase, version);
        }
        foreach (var alert in view.Alerts)
        {
            foreach (var state in AlertStatus.States)
            {
                Put(_alert, alert.State == state ? 1 : 0, view.UseCase, alert.Name, alert.Severity, state);
            }
        }
        // one caller, the minute's refresh: the series it set last time are its own to compare with
        if (_readings.TryGetValue(view.UseCase, out var before))
        {
            foreach (var (gauge, labels, _) in before.Where(b => !series.Any(s => s.Gauge == b.Gauge && s.Labels.SequenceEqual(b.Labels))))
            {
                gauge.RemoveLabelled(labels);
            }
        }
        _readings[view.UseCase] = series;
        _updated.Set(at.ToUnixTimeMilliseconds() / 1000.0);
    }
}
