using System.Globalization;
using Graft.UseCases;

namespace Graft.Rollout;

/// <summary>
/// The roadmap's decision gates (docs/rollout.md), computed from Graft's own state, each with its evidence: a pure
/// function of <see cref="RolloutFacts"/>, so every gate is testable on facts made by hand. Which gates a move needs is
/// <see cref="Required"/>.
/// </summary>
public static class RolloutGates
{
    public const string UseCase = "use_case";
    public const string DataAudit = "data_audit";
    public const string Baseline = "baseline";
    public const string Service = "service";
    public const string Workflow = "workflow";
    public const string Operations = "operations";
    public const string Rollout = "rollout";

    /// <summary>Every phase's gates, in the roadmap's order; the rollout phase's are the current stage's exit criteria.</summary>
    public static IReadOnlyList<Gate> All(RolloutFacts facts) =>
        [.. UseCaseGates(facts.Spec), AuditGate(facts), .. BaselineGates(facts), .. ServiceGates(facts), .. WorkflowGates(facts),
            .. OperationsGates(facts), .. StageExit.Gates(facts)];

    /// <summary>
    /// The challenger's gate (<see cref="ChallengerExit"/>), which promoting it needs, and never a stage change; null
    /// without a challenger.
    /// </summary>
    public static Gate? Challenger(RolloutFacts facts) => facts.Comparison is { } tally ? ChallengerExit.Gate(facts.Spec.Exit, tally) : null;

    /// <summary>
    /// The phases a move to <paramref name="target"/> from <paramref name="current"/> needs: to shadow the first four;
    /// to assist, also the workflow and the current stage's exit; to auto, also operations. Lowering needs none.
    /// </summary>
    public static IReadOnlySet<string> Required(Stage current, Stage target) => target <= current
        ? new HashSet<string>()
        : target switch
        {
            Stage.Shadow => new HashSet<string> { UseCase, DataAudit, Baseline, Service },
            Stage.Assist => new HashSet<string> { UseCase, DataAudit, Baseline, Service, Workflow, Rollout },
            _ => new HashSet<string> { UseCase, DataAudit, Baseline, Service, Workflow, Operations, Rollout },
        };

    private static IEnumerable<Gate> UseCaseGates(UseCaseSpec spec)
    {
        var missing = new List<string>();
        if (string.IsNullOrWhiteSpace(spec.Decision))
        {
            missing.Add("decision");
        }
        if (spec.Owners.Count == 0)
        {
            missing.Add("owners");
        }
        yield return missing.Count == 0
            ? new Gate(UseCase, "spec", GateOutcome.Successful,
                $"the spec names the decision, {spec.Owners.Count} owner(s), the target {spec.TargetColumn}, the metric {spec.Metric}, risk {spec.Risk} and fallback {spec.Fallback}")
            : new Gate(UseCase, "spec", GateOutcome.Failed, $"the spec does not name its {string.Join(" or ", missing)}");
    }

    private static Gate AuditGate(RolloutFacts facts)
    {
        if (facts.DatasetVersion is null)
        {
            return new Gate(DataAudit, "audit", GateOutcome.Failed, "no dataset version yet (graft data add)");
        }
        if (facts.Audit is not { } audit)
        {
            return new Gate(DataAudit, "audit", GateOutcome.Failed,
                $"{facts.DatasetVersion} has no audit under the current spec revision (graft audit {facts.DatasetVersion} --usecase {facts.Spec.Id})", facts.DatasetVersion);
        }
        var numbers = new Dictionary<string, double> { ["blocking"] = audit.Blocking, ["warnings"] = audit.Warnings };
        if (audit.Blocking > 0)
        {
            return new Gate(DataAudit, "audit", GateOutcome.Failed, $"{audit.Blocking} blocking finding(s) nobody has acknowledged", facts.DatasetVersion, numbers);
        }
        var acknowledged = facts.Spec.Acknowledged.Select(a => $"{a.Code} on {a.Field} by {a.By}").ToList();
        var text = string.Create(CultureInfo.InvariantCulture, $"audited {audit.CreatedAt:u}: no unresolved blocking finding, {audit.Warnings} warning(s)");
        return new Gate(DataAudit, "audit", GateOutcome.Successful,
            acknowledged.Count == 0 ? text : $"{text}; acknowledged: {string.Join(", ", acknowledged)}", facts.DatasetVersion, numbers);
    }

    private static IEnumerable<Gate> BaselineGates(RolloutFacts facts)
    {
        if (facts.Training is not { } run)
        {
            yield return new Gate(Baseline, "beats_rule", GateOutcome.Failed, "no training run yet (graft train)");
            yield break;
        }
        yield return new Gate(Baseline, "beats_rule", run.Gate.BeatsRule ? GateOutcome.Successful : GateOutcome.Failed, run.Gate.Comparison ?? run.Gate.Reason, run.Run,
            run.Gate.Improvement is { } improvement ? new Dictionary<string, double> { ["improvement"] = improvement, ["margin"] = run.Gate.Margin } : null);
        yield return ModelTestGate(facts.Spec, run);
    }

    /// <summary>
    /// The best model's model tests, against the spec as it is now: a blocking finding holds the gate until the spec
    /// acknowledges it (the same code, field, person and reason as an audit finding), without training again.
    /// </summary>
    private static Gate ModelTestGate(UseCaseSpec spec, Training.TrainingResult run)
    {
        var tests = run.Candidates.FirstOrDefault(c => c.Version is not null && c.Version == run.Best)?.ModelTests;
        if (tests is null)
        {
            return new Gate(Baseline, "model_tests", GateOutcome.Successful, "the latest training run recorded no model tests for its best model", run.Run);
        }
        tests = tests.Under(spec);
        var blocking = tests.Blocking().ToList();
        var warnings = tests.Findings.Count(f => f.Severity != "blocking");
        var numbers = new Dictionary<string, double> { ["blocking"] = blocking.Count, ["warnings"] = warnings };
        if (blocking.Count > 0)
        {
            return new Gate(Baseline, "model_tests", GateOutcome.Failed,
                $"{string.Join("; ", blocking.Select(f => f.Message))} (acknowledge: [{{code, field, by, reason}}] in the spec lets it stand)", run.Best, numbers);
        }
        var acknowledged = tests.Findings.Where(f => f.Severity == "blocking").Select(f => $"{f.Code} on {f.Field}").ToList();
        return new Gate(Baseline, "model_tests", GateOutcome.Successful,
            $"no unresolved blocking finding, {warnings} warning(s){(acknowledged.Count > 0 ? $"; acknowledged: {string.Join(", ", acknowledged)}" : "")}", run.Best, numbers);
    }

    private static IEnumerable<Gate> ServiceGates(RolloutFacts facts)
    {
        var spec = facts.Spec;
        yield return facts.Champion is { } champion
            ? new Gate(Service, "champion", GateOutcome.Successful, $"{champion} serves", champion)
            : new Gate(Service, "champion", GateOutcome.Failed, "no champion: no model has passed the baseline gate or been promoted");
        var scored = facts.Training?.Candidates.FirstOrDefault(c => c.Version is not null && c.Version == facts.Champion);
        yield return scored is null
            ? new Gate(Service, "latency", GateOutcome.Inconclusive, "the champion's scoring time is not in the latest training run")
            : new Gate(Service, "latency", scored.ScoreMicrosecondsPerRow <= spec.LatencyBudgetMs * 1000.0 ? GateOutcome.Successful : GateOutcome.Failed,
                string.Create(CultureInfo.InvariantCulture, $"{scored.ScoreMicrosecondsPerRow:0.#} µs a row against a budget of {spec.LatencyBudgetMs} ms"), facts.Training!.Run,
                new Dictionary<string, double> { ["score_microseconds"] = scored.ScoreMicrosecondsPerRow, ["budget_ms"] = spec.LatencyBudgetMs });
        yield return facts.AppKeys > 0
            ? new Gate(Service, "keys", GateOutcome.Successful, $"{facts.AppKeys} active app key(s) limited to this use case")
            : new Gate(Service, "keys", GateOutcome.Failed, $"no app key for the app to call it with (graft keys create --role app --usecase {spec.Id})");
        yield return spec.Rule is not null && spec.Fallback == "rule"
            ? new Gate(Service, "fallback", GateOutcome.Successful, "the rule answers whenever the model cannot")
            : new Gate(Service, "fallback", GateOutcome.Failed, spec.Rule is null ? "the spec has no rule to fall back on" : "the spec says fallback: none");
    }

    private static IEnumerable<Gate> WorkflowGates(RolloutFacts facts)
    {
        yield return facts.Spec.Review is { } policy
            ? new Gate(Workflow, "review_policy", GateOutcome.Successful, string.Create(CultureInfo.InvariantCulture,
                $"review policy: {(policy.Band is { } b ? $"band {b.Low}-{b.High}, " : "")}{(policy.When is null ? "" : "a rule, ")}{policy.SamplePercent} % sampled, {policy.Overlap} reviewer(s) an item, {policy.Reasons.Count} reason codes"))
            : new Gate(Workflow, "review_policy", GateOutcome.Failed, "the spec has no review policy: nobody is shown uncertain answers");
        yield return facts.ReviewerKeys > 0
            ? new Gate(Workflow, "reviewers", GateOutcome.Successful, $"{facts.ReviewerKeys} active reviewer key(s)")
            : new Gate(Workflow, "reviewers", GateOutcome.Failed, "no reviewer key (graft keys create --role reviewer)");
    }

    private static IEnumerable<Gate> OperationsGates(RolloutFacts facts)
    {
        yield return new Gate(Operations, "alert_rules", GateOutcome.Failed, "no alert rules watch this use case");
        var onCall = facts.Spec.Owners.FirstOrDefault(o => o.Key is "on_call" or "operations");
        yield return onCall.Value is { } owner
            ? new Gate(Operations, "on_call", GateOutcome.Successful, $"on call: {owner}")
            : new Gate(Operations, "on_call", GateOutcome.Failed, "the spec's owners name no on_call (or operations) owner");
        yield return facts.RollbackTarget is { } target
            ? new Gate(Operations, "rollback_target", GateOutcome.Successful, $"graft models rollback would restore {target}", target)
            : new Gate(Operations, "rollback_target", GateOutcome.Failed, facts.Champion is null ? "no champion yet" : $"{facts.Champion} is the first champion: there is nothing to roll back to");
    }
}
