using Graft.Rollout;
using Graft.UseCases;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Graft.Serving;

/// <summary>
/// Answers prediction requests: checks the inputs, scores with the champion (or, for a canary's share, the challenger),
/// and falls back to the rule instead of failing when the use case is off, has no model, its model fails or is too
/// slow, or required inputs are missing. Only the caller's own mistakes (bad inputs, unknown use case) are errors. A
/// batch is checked whole, then scored row after row through one scoring session per model. Rows in the challenger's
/// share are handed to <paramref name="challengers"/> once answered, to be compared off the request path.
/// </summary>
public sealed class Predictor(ServingState state, PredictionLog log, TimeProvider time, ILogger<Predictor>? logger = null,
    Challengers.ChallengerSamples? challengers = null)
{
    private readonly ILogger _logger = logger ?? NullLogger<Predictor>.Instance;

    private static readonly string[] IsRequired = ["is required: the model was not trained to answer without it"];

    public async ValueTask<PredictionOutcome> PredictAsync(string useCaseId, PredictionRequest request, string? keyId, CancellationToken cancellationToken)
    {
        var outcome = await PredictBatchAsync(useCaseId, [request], keyId, cancellationToken);
        return outcome.Batch is not null ? outcome // one answer: Response reads it
            : outcome.Problems is { } problems ? PredictionOutcome.Rejected(problems.ToDictionary(p => p.Key[(p.Key.IndexOf('.', StringComparison.Ordinal) + 1)..], p => p.Value))
            : outcome;
    }

    /// <summary>Answers every row, in order, with the champion and explanations; problems are keyed <c>rows[i].field</c>.</summary>
    public ValueTask<PredictionOutcome> PredictBatchAsync(string useCaseId, IReadOnlyList<PredictionRequest> rows, string? keyId, CancellationToken cancellationToken) =>
        PredictBatchAsync(useCaseId, rows, keyId, PredictionChoice.Champion, cancellationToken);

    /// <summary>Answers every row, in order, with the version and explanations <paramref name="choice"/> asks for.</summary>
    public async ValueTask<PredictionOutcome> PredictBatchAsync(string useCaseId, IReadOnlyList<PredictionRequest> rows, string? keyId, PredictionChoice choice, CancellationToken cancellationToken)
    {
        var started = time.GetTimestamp();
        var view = await state.UseCaseAsync(useCaseId, cancellationToken);
        if (view is null)
        {
            return PredictionOutcome.Failed(FailureKind.NotFound, $"no use case '{useCaseId}'");
        }
        var spec = view.Spec;
        var version = choice.Version ?? view.Champion;
        var model = await ModelAsync(version, cancellationToken);
        // The challenger meets only the traffic the champion answers by default, not a version a caller names.
        var challenging = choice.Version is null && model is not null && view.Rollout.ChallengerVersion is not null;
        var canary = challenging && view.Rollout.ChallengerMode == Rollout.ChallengerMode.Canary ? await ModelAsync(view.Rollout.ChallengerVersion, cancellationToken) : null;
        var rules = InputCheck.RulesFor(view, model?.Card);
        Dictionary<string, string[]>? problems = null; // made at the first problem: most requests have none
        var entities = new string?[rows.Count];
        var routings = new Rollout.Routing[rows.Count];
        var answering = new LoadedModel?[rows.Count];
        var warnings = new IReadOnlyList<InputWarning>[rows.Count];
        var missing = new List<string>?[rows.Count];
        for (var i = 0; i < rows.Count; i++)
        {
            var (entity, fromField) = EntityOf(view, rows[i]);
            if (Problems(view, rules, rows[i], entity) is { } found)
            {
                problems ??= new(StringComparer.Ordinal);
                foreach (var (field, messages) in found)
                {
                    problems[$"rows[{i}].{field}"] = messages;
                }
            }
            entities[i] = entity is null ? null : view.LogPolicy.Entity(entity, fromField && view.LogPolicy.Masks(view.Spec.Entity!));
            routings[i] = Rollout.RoutingPolicy.Before(view.Rollout, spec.Id, entity);
            var byCanary = canary is not null && routings[i].Challenger == Rollout.ChallengerMode.Canary;
            answering[i] = byCanary ? canary : model;
            if (rows[i].Inputs is { } inputs)
            {
                warnings[i] = (byCanary ? InputCheck.RulesFor(view, canary!.Card) : rules).Expectations.Check(inputs, ref missing[i]);
            }
        }
        if (problems is not null)
        {
            return PredictionOutcome.Rejected(problems);
        }
        var canFallBack = view.Fallback is not null && spec.Fallback != "none";
        if (Array.Exists(missing, m => m is not null) && (spec.OnMissingInputs == MissingInputPolicy.Reject || !canFallBack))
        {
            return PredictionOutcome.Rejected(MissingProblems(missing));
        }

        var reasons = new string?[rows.Count];
        for (var i = 0; i < rows.Count; i++)
        {
            reasons[i] = routings[i].IsKilled ? FallbackReasons.Killed
                : !routings[i].Model ? FallbackReasons.OutOfCohort
                : version is null ? FallbackReasons.NoModel
                : answering[i] is null ? FallbackReasons.ModelError
                : missing[i] is not null ? FallbackReasons.MissingInputs
                : null;
        }
        var outputs = new ModelOutput?[rows.Count];
        var championTime = Score(spec, model, answering, rows, reasons, outputs, choice.Explain);
        var canaryTime = canary is null ? 0 : Score(spec, canary, answering, rows, reasons, outputs, choice.Explain);

        if (Array.Exists(reasons, r => r is not null) && !canFallBack)
        {
            return PredictionOutcome.Failed(FailureKind.Conflict, $"the model cannot answer ({reasons.First(r => r is not null)}) and the spec has no rule to fall back on");
        }
        var latency = Math.Round(time.GetElapsedTime(started).TotalMilliseconds, 3);
        var now = time.GetUtcNow();
        var at = now.UtcDateTime;
        var answers = new List<PredictionResponse>(rows.Count);
        var records = new List<PredictionRecord>(rows.Count);
        var shadowed = view.Rollout.Stage == Rollout.Stage.Shadow && canFallBack; // the app gets the rule's answer, the log the model's too
        var reviewing = spec.Review is not null && view.Rollout.Stage is Rollout.Stage.Assist or Rollout.Stage.Auto;
        for (var i = 0; i < rows.Count; i++)
        {
            var scored = outputs[i];
            var rule = scored is null || shadowed ? view.Fallback!.Answer(rows[i].Inputs!, model?.Card) : null;
            // the model's confidence, also in shadow, where the app gets the rule's answer and the windows count the model's
            var confidence = scored is null ? null : Confidence(spec.Task, scored, answering[i]!.Threshold, warnings[i]);
            var response = Respond(view, answering[i], reasons[i], scored, confidence, rule, routings[i].Cohort, warnings[i], latency, now);
            var review = reviewing && reasons[i] is null ? Review(view, response, scored!, warnings[i], rows[i].Inputs!, now) : null;
            if (review is not null)
            {
                response = response with { Route = Rollout.Routes.Review, ReviewId = review.Id };
            }
            answers.Add(response);
            var output = PredictionRecord.OutputJsonOf(scored ?? rule!, warnings[i], scored is not null ? rule : null);
            var logged = new LoggedValue[rows[i].Inputs!.Count];
            records.Add(new PredictionRecord(response, scored is null ? null : answering[i]!.Version, entities[i], view.LogPolicy.MaskInputs(rows[i].Inputs!, logged), output, keyId, at)
            {
                AgreesWithRule = scored is not null && rule is not null && scored.Label is not null ? scored.Label == rule.Label : null,
                Confidence = confidence,
                Review = review,
                Logged = new LoggedAnswer(logged, scored ?? rule!, warnings[i]),
            });
        }
        await log.RecordAllAsync(records, cancellationToken);
        if (challenging && challengers is not null)
        {
            OfferSamples(view, rows, routings, missing, outputs, records, canary, answering, (championTime, canaryTime), choice.Explain, at);
        }
        return PredictionOutcome.Answered(answers);
    }

    /// <summary>
    /// Hands the rows in the challenger's share that a model tried to answer (it answered, failed or was too slow; not a
    /// row that lacked a required input) to the challenger's scorer, with their answers and the inputs the log was given.
    /// </summary>
    private void OfferSamples(UseCaseView view, IReadOnlyList<PredictionRequest> rows, Rollout.Routing[] routings, List<string>?[] missing, ModelOutput?[] outputs,
        List<PredictionRecord> records, LoadedModel? canary, LoadedModel?[] answering, (double Champion, double Canary) times, bool explain, DateTime at)
    {
        Rollout.Challengers.ComparisonKey? key = null;
        for (var i = 0; i < rows.Count; i++)
        {
            if (routings[i].Challenger is null || answering[i] is null || missing[i] is not null)
            {
                continue;
            }
            key ??= new(view.Spec.Id, view.Champion!, view.Rollout.ChallengerVersion!, view.Rollout.ChallengerSince ?? DateTime.MinValue);
            var byCanary = canary is not null && ReferenceEquals(answering[i], canary);
            challengers!.Offer(new Challengers.ChallengerSample(key, byCanary, outputs[i], byCanary ? times.Canary : times.Champion, rows[i].Inputs!, explain,
                records[i].InputsUtf8!, records[i].Id, at));
        }
    }

    /// <summary>The review item a model's answer opens, when the spec's review policy takes it (see <see cref="Review.ReviewPolicy"/>).</summary>
    private static Review.PendingReview? Review(UseCaseView view, PredictionResponse response, ModelOutput scored, IReadOnlyList<InputWarning> warnings,
        IReadOnlyDictionary<string, InputValue> inputs, DateTimeOffset now)
    {
        var policy = view.Spec.Review!;
        return policy.Select(view.Spec, view.DataFields, view.Rollout.Stage, scored, response.Confidence, warnings, inputs) is { } why
            ? new Review.PendingReview(PredictionIds.Next(now), why, policy, response.Label, response.Score, response.Value, response.Confidence)
            : null;
    }

    /// <summary>Every required input each row lacks, keyed <c>rows[i].field</c>, for a 400 that names them all.</summary>
    private static Dictionary<string, string[]> MissingProblems(List<string>?[] missing)
    {
        var problems = new Dictionary<string, string[]>(StringComparer.Ordinal);
        for (var i = 0; i < missing.Length; i++)
        {
            foreach (var field in missing[i] ?? [])
            {
                problems[$"rows[{i}].{field}"] = IsRequired;
            }
        }
        return problems;
    }

    private async ValueTask<LoadedModel?> ModelAsync(string? version, CancellationToken cancellationToken)
    {
        if (version is null)
        {
            return null;
        }
        try
        {
            return await state.ModelAsync(version, cancellationToken);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            _logger.ModelUnavailable(version, e.Message);
            return null; // answered by the rule, with the reason model_error
        }
    }

    /// <summary>A row's problems, or null: its inputs', and an entity (<paramref name="entity"/>, as sent: see <see cref="EntityOf"/>) too long to keep.</summary>
    private static Dictionary<string, string[]>? Problems(UseCaseView view, FieldRules rules, PredictionRequest request, string? entity)
    {
        var problems = InputCheck.ProblemsOrNull(rules, request.Inputs);
        if (entity is { Length: > InputCheck.MaxEntityIdLength })
        {
            problems ??= new(StringComparer.Ordinal);
            var tooLong = $"longer than {InputCheck.MaxEntityIdLength} characters";
            if (request.EntityId is not null)
            {
                problems["entity_id"] = [$"is {tooLong}"];
            }
            else
            {
                problems[view.Spec.Entity!] = [$"names the entity (the spec's entity field) and is {tooLong}"];
            }
        }
        return problems;
    }

    /// <summary>
    /// Whom a row is about, as sent: its <c>entity_id</c>, else the value of the spec's entity field among its inputs.
    /// An app that sends the entity as a field (a table exported as it is, as <c>graft predict --server</c> sends it)
    /// still has its predictions logged against the entity, so outcomes can find them.
    /// </summary>
    private static (string? Raw, bool FromField) EntityOf(UseCaseView view, PredictionRequest row) =>
        row.EntityId is { } given ? (given, false)
        : view.Spec.Entity is { } field && row.Inputs is { } inputs && inputs.TryGetValue(field, out var value) && value.AsText() is { } text ? (text, true)
        : (null, false);

    /// <summary>
    /// Scores, in one pass, the rows that have no fallback reason and that <paramref name="model"/> answers; a failure or
    /// a pass slower than the budget (per row) falls back. Returns the time a row took, in microseconds.
    /// </summary>
    private double Score(UseCaseSpec spec, LoadedModel? model, LoadedModel?[] answering, IReadOnlyList<PredictionRequest> requests, string?[] reasons,
        ModelOutput?[] outputs, bool explain)
    {
        var rows = new List<int>(requests.Count);
        for (var i = 0; i < requests.Count; i++)
        {
            if (reasons[i] is null && ReferenceEquals(answering[i], model))
            {
                rows.Add(i);
            }
        }
        if (rows.Count == 0)
        {
            return 0;
        }
        try
        {
            var scoring = time.GetTimestamp();
            var inputs = new IReadOnlyDictionary<string, InputValue>[rows.Count];
            for (var k = 0; k < rows.Count; k++)
            {
                inputs[k] = requests[rows[k]].Inputs!;
            }
            var scored = BatchScorer.Score(model!, inputs, explain); // one row is scored as it is, without columns
            var perRow = time.GetElapsedTime(scoring).TotalMicroseconds / rows.Count;
            var slow = perRow > spec.LatencyBudgetMs * 1000.0;
            for (var k = 0; k < rows.Count; k++)
            {
                outputs[rows[k]] = slow ? null : scored[k];
                reasons[rows[k]] = slow ? FallbackReasons.Timeout : null;
            }
            return perRow;
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            _logger.ScoringFailed(model!.Version, rows.Count, $"{e.GetType().Name}: {e.Message}");
            foreach (var i in rows) // a loop, not a lambda: a lambda over a parameter makes its closure on every call, not just on failure
            {
                reasons[i] = FallbackReasons.ModelError;
            }
            return 0;
        }
    }

    /// <summary>
    /// The answer the app gets: the rule's when the model did not answer (<paramref name="reason"/>) or in shadow
    /// (<paramref name="rule"/> given beside the model's <paramref name="scored"/>), else the model's, by the route
    /// its stage gives it.
    /// </summary>
    private static PredictionResponse Respond(UseCaseView view, LoadedModel? model, string? reason, ModelOutput? scored, string? confidence, ModelOutput? rule,
        string? cohort, IReadOnlyList<InputWarning> warnings, double latency, DateTimeOffset now)
    {
        var spec = view.Spec;
        var stage = view.Rollout.Stage;
        var byModel = reason is null && rule is null;
        var route = reason is not null ? Rollout.Routes.Fallback : Rollout.RoutingPolicy.RouteOf(stage);
        var output = byModel ? scored! : rule ?? scored!;
        double? threshold = spec.Task == TaskKind.Binary ? byModel ? model!.Threshold : RuleFallback.Threshold : null;
        return new PredictionResponse(
            PredictionIds.Next(now), spec.Id, byModel ? model!.Version : null, stage.Word(), cohort, route, reason,
            output.Label, output.Score, threshold, output.ClassScores, output.Value,
            byModel ? confidence : null, warnings, output.Explanation, output.ExplanationBase, output.ExplanationOther, latency);
    }

    /// <summary>
    /// How sure the model is: for binary, how far the score is from the threshold; for multiclass, the top probability.
    /// An answer with warnings (an input beyond what training saw) is never high.
    /// </summary>
    private static string? Confidence(TaskKind task, ModelOutput output, double threshold, IReadOnlyList<InputWarning> warnings)
    {
        var confidence = task switch
        {
            TaskKind.Binary => Math.Abs(output.Score!.Value - threshold) switch { >= 0.3 => "high", >= 0.15 => "medium", _ => "low" },
            TaskKind.Multiclass => output.Score switch { >= 0.8 => "high", >= 0.5 => "medium", _ => (string?)"low" },
            _ => null,
        };
        return confidence == "high" && warnings.Count > 0 ? "medium" : confidence;
    }
}

/// <summary>Which version answers (default: the champion; the Open Inference routes may name one) and whether answers are explained.</summary>
public sealed record PredictionChoice(string? Version = null, bool Explain = true)
{
    /// <summary>The champion, explained: what the predict route asks for every request.</summary>
    public static readonly PredictionChoice Champion = new();
}

/// <summary>The answers (one, or a batch's in order), the problems with the request by field, or a failure with its kind.</summary>
public sealed record PredictionOutcome(IReadOnlyList<PredictionResponse>? Batch, Dictionary<string, string[]>? Problems, FailureKind? Failure, string? Message)
{
    public PredictionResponse? Response => Batch is [var single] ? single : null;

    public static PredictionOutcome Answered(PredictionResponse response) => new([response], null, null, null);

    public static PredictionOutcome Answered(IReadOnlyList<PredictionResponse> responses) => new(responses, null, null, null);

    public static PredictionOutcome Rejected(Dictionary<string, string[]> problems) => new(null, problems, FailureKind.Invalid, "the inputs are not valid");

    public static PredictionOutcome Failed(FailureKind kind, string message) => new(null, null, kind, message);
}
