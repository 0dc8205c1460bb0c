using System.Globalization;
using Graft.UseCases;

namespace Graft.Rollout;

/// <summary>
/// The rollout phase's gates: what the current stage has shown since it began, against the spec's exit criteria.
/// Too little traffic is inconclusive, never a failure; a criterion that does not apply (agreement for a regression,
/// or without a rule) says so and passes.
/// </summary>
internal static class StageExit
{
    public static IEnumerable<Gate> Gates(RolloutFacts facts)
    {
        var (stage, exit, traffic) = (facts.State.Stage, facts.Spec.Exit, facts.SinceStage);
        var since = facts.State.StageSince.ToString("u", CultureInfo.InvariantCulture);
        if (stage == Stage.Off)
        {
            yield return new Gate(RolloutGates.Rollout, "traffic", GateOutcome.Successful, "off: the rule answers, there is nothing to show");
            yield break;
        }
        var counted = new Dictionary<string, double> { ["model_answers"] = traffic.ModelAnswers, ["min_predictions"] = exit.MinPredictions };
        yield return new Gate(RolloutGates.Rollout, "traffic", traffic.ModelAnswers >= exit.MinPredictions ? GateOutcome.Successful : GateOutcome.Inconclusive,
            $"{traffic.ModelAnswers:N0} of the {exit.MinPredictions:N0} model answers needed since {stage.Word()} began ({since})", Source: $"traffic since {since}", Numbers: counted);
        if (stage == Stage.Shadow)
        {
            yield return Agreement(facts);
            yield break;
        }
        yield return OverrideRate(facts);
        yield return LiveQuality(facts);
    }

    /// <summary>
    /// The champion's metric on the outcomes joined to its answers since the stage began, against its training value:
    /// no worse by more than the margin. Fewer than <c>min_outcomes</c> rows are inconclusive; the interval is evidence.
    /// </summary>
    private static Gate LiveQuality(RolloutFacts facts)
    {
        var (exit, metric, live) = (facts.Spec.Exit, facts.Spec.Metric, facts.Live);
        var numbers = new Dictionary<string, double> { ["outcomes"] = live?.Rows ?? 0, ["min_outcomes"] = exit.MinOutcomes, ["margin"] = exit.LiveMetricMargin };
        if (live?.Training is { } training)
        {
            numbers["training"] = training;
        }
        if (live is null || live.Rows < exit.MinOutcomes || live.Value is not { } value || live.Training is null)
        {
            var why = live is { Rows: > 0 } && live.Rows >= exit.MinOutcomes
                ? $"the {live.Rows:N0} joined outcomes do not define {metric} (one class only), or the champion has no training {metric}"
                : $"{live?.Rows ?? 0:N0} outcome(s) joined to the champion's answers since the stage began, of the {exit.MinOutcomes:N0} needed to compare with its training {metric}";
            return new Gate(RolloutGates.Rollout, "live_quality", GateOutcome.Inconclusive, why, Numbers: numbers);
        }
        numbers["live"] = value;
        if (live.Interval is { } interval)
        {
            (numbers["interval_low"], numbers["interval_high"]) = (interval.Low, interval.High);
        }
        var higher = Training.Evaluation.MetricCatalog.HigherIsBetter(metric);
        var bound = higher ? live.Training.Value - exit.LiveMetricMargin : live.Training.Value + exit.LiveMetricMargin;
        var passed = higher ? value >= bound : value <= bound;
        var range = live.Interval is { } i ? string.Create(CultureInfo.InvariantCulture, $" (95% interval {i.Low:0.###}–{i.High:0.###})") : "";
        return new Gate(RolloutGates.Rollout, "live_quality", passed ? GateOutcome.Successful : GateOutcome.Failed, string.Create(CultureInfo.InvariantCulture,
            $"live {metric} {value:0.###}{range} on {live.Rows:N0} joined outcomes since the stage began; training {live.Training:0.###}, so at {(higher ? "least" : "most")} {bound:0.###} is needed"),
            Source: $"outcomes joined to {live.ModelVersion}", Numbers: numbers);
    }

    /// <summary>Fewer than this many decisions since the stage began say too little about the override rate to pass or fail on.</summary>
    public const int MinReviewDecisions = 20;

    private static Gate OverrideRate(RolloutFacts facts)
    {
        var (limit, reviews) = (facts.Spec.Exit.MaxOverrideRate, facts.Reviews ?? new ReviewTally(0, 0));
        var numbers = new Dictionary<string, double> { ["decisions"] = reviews.Decisions, ["overrides"] = reviews.Overrides, ["max_override_rate"] = limit };
        if (reviews.Decisions < MinReviewDecisions)
        {
            return new Gate(RolloutGates.Rollout, "override_rate", GateOutcome.Inconclusive, string.Create(CultureInfo.InvariantCulture,
                $"{reviews.Decisions} review decision(s) since the stage began, of the {MinReviewDecisions} needed to weigh against the limit of {limit:P0}"), Numbers: numbers);
        }
        var rate = reviews.OverrideRate!.Value;
        return new Gate(RolloutGates.Rollout, "override_rate", rate <= limit ? GateOutcome.Successful : GateOutcome.Failed, string.Create(CultureInfo.InvariantCulture,
            $"reviewers overrode {reviews.Overrides} of {reviews.Decisions} answers ({rate:P1}) since the stage began; the limit is {limit:P0}"), Numbers: numbers);
    }

    private static Gate Agreement(RolloutFacts facts)
    {
        var (exit, traffic) = (facts.Spec.Exit, facts.SinceStage);
        if (facts.Spec.Task == TaskKind.Regression || facts.Spec.Rule is null)
        {
            return new Gate(RolloutGates.Rollout, "agreement", GateOutcome.Successful,
                facts.Spec.Rule is null ? "no rule is the incumbent: nothing to agree with" : "a regression has no labels to agree on");
        }
        var numbers = new Dictionary<string, double> { ["compared"] = traffic.Compared, ["agreements"] = traffic.Agreements, ["min_agreement"] = exit.MinAgreement };
        if (traffic.Compared < exit.MinPredictions)
        {
            return new Gate(RolloutGates.Rollout, "agreement", GateOutcome.Inconclusive,
                $"{traffic.Compared:N0} answers compared with the rule's, {exit.MinPredictions:N0} needed", Numbers: numbers);
        }
        var agreement = (double)traffic.Agreements / traffic.Compared;
        numbers["agreement"] = agreement;
        return new Gate(RolloutGates.Rollout, "agreement", agreement >= exit.MinAgreement ? GateOutcome.Successful : GateOutcome.Failed,
            string.Create(CultureInfo.InvariantCulture, $"the model's label agreed with the rule's on {agreement:P1} of {traffic.Compared:N0} answers (at least {exit.MinAgreement:P0} needed)"),
            Numbers: numbers);
    }
}
