namespace Graft.Rollout;

/// <summary>
/// The roadmap's readiness scorecard (workflow clarity, data access, integration surface, human review, operations
/// ownership), each green, yellow or red with its reason, computed from the same facts as the gates: never typed in.
/// </summary>
public static class Readiness
{
    public static IReadOnlyList<ReadinessScore> Scorecard(RolloutFacts facts)
    {
        var spec = facts.Spec;
        var named = new[] { spec.Decision, spec.Users, spec.Moment }.Count(s => !string.IsNullOrWhiteSpace(s));
        return
        [
            new("workflow_clarity", named == 3 ? Green : named > 0 ? Yellow : Red,
                named == 3 ? "the spec names the decision, its users and the moment it is needed" : $"the spec names {named} of decision, users and moment"),
            facts.DatasetVersion is null ? new("data_access", Red, "no dataset version imported")
                : facts.Audit is null ? new("data_access", Yellow, $"{facts.DatasetVersion} is imported but not audited under the current spec")
                : facts.Audit.Blocking > 0 ? new("data_access", Yellow, $"{facts.DatasetVersion}'s audit has {facts.Audit.Blocking} unresolved blocking finding(s)")
                : new("data_access", Green, $"{facts.DatasetVersion} is imported and its audit passes"),
            facts.Champion is null ? new("integration_surface", Red, "no champion serves yet")
                : facts.AppKeys == 0 ? new("integration_surface", Yellow, $"{facts.Champion} serves, but no app key is limited to this use case")
                : facts.SinceStage.Requests == 0 ? new("integration_surface", Yellow, $"{facts.Champion} serves to {facts.AppKeys} app key(s), with no traffic in this stage yet")
                : new("integration_surface", Green, $"{facts.Champion} answers the app ({facts.SinceStage.Requests:N0} requests in this stage)"),
            spec.Review is null ? new("human_review", Red, "no review policy: uncertain answers go to nobody")
                : facts.ReviewerKeys == 0 ? new("human_review", Yellow, "a review policy, but no reviewer key to work the queue with")
                : new("human_review", Green, $"a review policy, and {facts.ReviewerKeys} reviewer key(s) to work the queue"),
            Ownership(spec),
        ];
    }

    private static ReadinessScore Ownership(UseCases.UseCaseSpec spec)
    {
        var onCall = spec.Owners.ContainsKey("on_call") || spec.Owners.ContainsKey("operations");
        return spec.Owners.Count == 0 ? new("operations_ownership", Red, "the spec names no owners")
            : !onCall ? new("operations_ownership", Yellow, $"owners: {string.Join(", ", spec.Owners.Keys)}; nobody on call, and no alert rules")
            : new("operations_ownership", Yellow, "an owner is on call, but no alert rules tell them anything");
    }

    private const string Green = "green";
    private const string Yellow = "yellow";
    private const string Red = "red";
}

/// <summary>One dimension of the scorecard: its color (green, yellow, red) and why.</summary>
public sealed record ReadinessScore(string Dimension, string Color, string Reason);
