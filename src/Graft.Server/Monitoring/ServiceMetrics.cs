using Graft.Serving;
using Prometheus;

namespace Graft.Server.Monitoring;

/// <summary>
/// The service's Prometheus metrics, in a registry of its own (one per service instance, so tests and hosts
/// never share counters): predictions by use case, route and status, their latency, fallbacks by reason, input
/// warnings by field and code,
/// the prediction log's queue depth, batch latency, written, dropped and failed records, the challenger's samples:
/// queued, compared and dropped, and the monitoring signals (<see cref="MonitoringMetrics"/>).
/// </summary>
public sealed class ServiceMetrics
{
    private static readonly double[] LatencyBuckets = [0.00005, 0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 1];
    private readonly Counter _predictions;
    private readonly Histogram _latency;
    private readonly Counter _fallbacks;
    private readonly Counter _warnings;

    // The same counts as instruments of the "Graft" meter, for OpenTelemetry (Telemetry): nothing listens unless an OTLP
    // endpoint is configured, and an instrument nobody listens to returns at once.
    private readonly System.Diagnostics.Metrics.Counter<long> _answered;
    private readonly System.Diagnostics.Metrics.Histogram<double> _duration;
    private readonly System.Diagnostics.Metrics.Counter<long> _fellBack;
    private readonly System.Diagnostics.Metrics.Counter<long> _warned;

    public ServiceMetrics(PredictionLog log, Graft.Serving.Challengers.ChallengerSamples challengerSamples, Graft.Serving.Challengers.ChallengerScorer challengerScorer,
        System.Diagnostics.Metrics.IMeterFactory meters, Microsoft.Extensions.Configuration.IConfiguration? configuration = null)
    {
        var meter = meters.Create(new System.Diagnostics.Metrics.MeterOptions(Telemetry.MeterName));
        _answered = meter.CreateCounter<long>("graft.predictions", "{prediction}", "Predictions answered, by use case and route.");
        _duration = meter.CreateHistogram<double>("graft.prediction.duration", "s", "Server-side time to answer a prediction.");
        _fellBack = meter.CreateCounter<long>("graft.fallbacks", "{prediction}", "Predictions answered by the rule instead of the model, by use case and reason.");
        _warned = meter.CreateCounter<long>("graft.prediction.warnings", "{warning}", "Input warnings, by use case, field and code.");
        Registry = Metrics.NewCustomRegistry();
        var factory = Metrics.WithCustomRegistry(Registry);
        if (configuration?[Telemetry.EndpointSetting] is not { Length: > 0 })
        {
            // An exemplar links an observation to its trace; with no traces exported there is nothing to link to, and
            // looking for one (the trace context, the clock, a pooled exemplar) is work on every answer.
            factory.ExemplarBehavior = ExemplarBehavior.NoExemplars();
        }
        _predictions = factory.CreateCounter("graft_predictions_total", "Prediction requests answered, by use case, route and HTTP status.",
            ["use_case", "route", "status"]);
        _latency = factory.CreateHistogram("graft_prediction_duration_seconds", "Server-side time to answer a prediction.",
            new HistogramConfiguration { LabelNames = ["use_case", "route"], Buckets = LatencyBuckets });
        _fallbacks = factory.CreateCounter("graft_fallbacks_total", "Predictions answered by the rule instead of the model, by reason.",
            ["use_case", "reason"]);
        _warnings = factory.CreateCounter("graft_prediction_warnings_total",
            "Answers that warned about an input the model did not see in training, by use case, field and warning code.", ["use_case", "field", "code"]);
        var depth = factory.CreateGauge("graft_prediction_log_queue_depth", "Prediction records waiting to be written.");
        // counts since start are counters (their _total is what rate() reads), kept by the writer and the sampler and copied at each scrape
        var written = factory.CreateCounter("graft_prediction_log_written_total", "Prediction records written since start.");
        var dropped = factory.CreateCounter("graft_prediction_log_dropped_total", "Prediction records dropped because the queue was full, since start.");
        var failed = factory.CreateCounter("graft_prediction_log_failed_total", "Prediction records that could not be written, since start.");
        var batch = factory.CreateGauge("graft_prediction_log_batch_seconds", "Time the last batch of prediction records took to write.");
        var batches = factory.CreateCounter("graft_prediction_log_batches_total", "Batches of prediction records written (one transaction each), since start.");
        var samplesQueued = factory.CreateGauge("graft_challenger_queue_depth", "Requests waiting to be scored by the challenger (or, in a canary, the champion) off the request path.");
        var samplesCompared = factory.CreateCounter("graft_challenger_compared_total", "Requests compared between the champion and the challenger since start.");
        var samplesDropped = factory.CreateCounter("graft_challenger_dropped_total", "Requests left out of the challenger's comparison because its queue was full, since start.");
        Monitoring = new MonitoringMetrics(factory, meter);
        Registry.AddBeforeCollectCallback(() =>
        {
            samplesQueued.Set(challengerSamples.Depth);
            samplesCompared.IncTo(challengerScorer.Compared);
            samplesDropped.IncTo(challengerSamples.Dropped);
            depth.Set(log.QueueDepth);
            written.IncTo(log.Written);
            dropped.IncTo(log.Dropped);
            failed.IncTo(log.Failed);
            batch.Set(log.LastBatchDuration.TotalSeconds);
            batches.IncTo(log.Batches);
        });
    }

    /// <summary>The monitoring signals (drift, estimated and live quality, alert states), set once a minute by <see cref="AlertSchedule"/>.</summary>
    public MonitoringMetrics Monitoring { get; }

    public CollectorRegistry Registry { get; }

    /// <summary>Counts what a prediction request came to: its answers, or its refusal with the status it got.</summary>
    public void Count(string useCase, PredictionOutcome outcome)
    {
        if (outcome.Response is { } single)
        {
            Answered(single); // most requests: no grouping to do
            return;
        }
        if (outcome.Batch is { } answers)
        {
            Answered(answers);
            return;
        }
        // an unknown use case is not a label value: ids sent by callers must not grow the series without bound
        var notFound = outcome.Failure == FailureKind.NotFound;
        Refused(notFound ? "unknown" : useCase, outcome.Problems is not null ? 400 : Problems.ExpectedFailure.StatusOf(outcome.Failure ?? FailureKind.Invalid));
    }

    public void Answered(PredictionResponse response)
    {
        Count(response.UseCase, response.Route, response.FallbackReason, response.LatencyMs / 1000, 1);
        Warned(response);
    }

    /// <summary>
    /// Counts a batch's answers. Its rows share a use case and a latency, so each route and fallback reason is
    /// counted and observed once with its number of rows, not once a row.
    /// </summary>
    public void Answered(IReadOnlyList<PredictionResponse> answers)
    {
        foreach (var ((route, reason), rows) in answers.CountBy(a => (a.Route, a.FallbackReason)))
        {
            Count(answers[0].UseCase, route, reason, answers[0].LatencyMs / 1000, rows);
        }
        foreach (var answer in answers)
        {
            Warned(answer);
        }
    }

    // Fields are the model's inputs (a request naming others is refused), so the series stay bounded.
    private void Warned(PredictionResponse response)
    {
        foreach (var warning in response.Warnings)
        {
            _warningSeries.GetOrAdd((response.UseCase, warning.Field, warning.Code), static (key, warnings) => warnings.WithLabels(key.UseCase, key.Field, key.Code), _warnings).Inc();
            _warned.Add(1, new("use_case", response.UseCase), new("field", warning.Field), new("code", warning.Code));
        }
    }

    // Each answer's series, found once: WithLabels builds a label sequence and looks it up on every call.
    private readonly System.Collections.Concurrent.ConcurrentDictionary<(string UseCase, string Route), (Counter.Child Answered, Histogram.Child Latency)> _answers = new();
    private readonly System.Collections.Concurrent.ConcurrentDictionary<(string UseCase, string Field, string Code), Counter.Child> _warningSeries = new();

    private void Count(string useCase, string route, string? reason, double seconds, int rows)
    {
        var (answered, latency) = _answers.GetOrAdd((useCase, route), static (key, metrics) =>
            (metrics._predictions.WithLabels(key.UseCase, key.Route, "200"), metrics._latency.WithLabels(key.UseCase, key.Route)), this);
        answered.Inc(rows);
        latency.Observe(seconds, rows);
        if (reason is not null)
        {
            _fallbacks.WithLabels(useCase, reason).Inc(rows);
        }
        // each instrument returns at once when nobody listens to it (a listener may take some and not others)
        _answered.Add(rows, new("use_case", useCase), new("route", route));
        _duration.Record(seconds, new("use_case", useCase), new("route", route)); // once a request: a batch's rows share one latency
        if (reason is not null)
        {
            _fellBack.Add(rows, new("use_case", useCase), new("reason", reason));
        }
    }

    public void Refused(string useCase, int status) => _predictions.WithLabels(useCase, "none", status.ToString(System.Globalization.CultureInfo.InvariantCulture)).Inc();
}
