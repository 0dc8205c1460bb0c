namespace Graft.Rollout;

/// <summary>
/// The one place that decides, from a use case's rollout, how each request is answered: by the rule alone (killed or
/// off; out of the cohort), or by the model, and then by which route the app should take the model's answer; and, where
/// a model answers, what the challenger does with the row. The predictor scores only the rows this sends to the model
/// and never reads the stage itself.
/// </summary>
public static class RoutingPolicy
{
    /// <summary>
    /// Before scoring: whether the model is asked, and the row's cohort in assist and auto. A row without an entity id
    /// is placed at random each time (it has nothing to be sticky by).
    /// </summary>
    public static Routing Before(RolloutSnapshot rollout, string useCaseId, string? entityId)
    {
        if (rollout.Killed || rollout.Stage == Stage.Off)
        {
            return Routing.Killed;
        }
        var routing = !rollout.Stage.HasCohort() ? Routing.Everyone
            : In(rollout.CohortPercent, useCaseId, entityId) ? Routing.InCohort : Routing.OutOfCohort;
        return routing.Model && rollout.ChallengerMode is { } mode && In(rollout.ChallengerPercent, Cohorts.CanaryGroup(useCaseId), entityId)
            ? routing with { Challenger = mode }
            : routing;
    }

    /// <summary>Whether a row is in a share: by its entity's bucket, sticky; at random without an entity.</summary>
    private static bool In(int percent, string group, string? entityId) =>
        entityId is null ? Random.Shared.Next(1, 101) <= percent : Cohorts.Contains(percent, group, entityId);

    /// <summary>The route of an answer the model gave: shadow (the app gets the rule's), review in assist, auto in auto.</summary>
    public static string RouteOf(Stage stage) => stage switch
    {
        Stage.Shadow => Routes.Shadow,
        Stage.Assist => Routes.Review,
        _ => Routes.Auto,
    };
}

/// <summary>
/// How a row is answered: by the model or not, and in or out of the stage's cohort (null where no cohort applies); and,
/// for a row in the challenger's share, its mode: <see cref="ChallengerMode.Shadow"/>, the champion answers and the
/// challenger is scored beside it off the request path; <see cref="ChallengerMode.Canary"/>, the challenger answers and
/// the champion is scored off the path. Null: the champion answers alone.
/// </summary>
public sealed record Routing(bool Model, bool IsKilled, string? Cohort, ChallengerMode? Challenger = null)
{
    public static readonly Routing Killed = new(false, true, null);
    public static readonly Routing Everyone = new(true, false, null);
    public static readonly Routing InCohort = new(true, false, "in");
    public static readonly Routing OutOfCohort = new(false, false, "out");
}

/// <summary>What an answer asks of the app. The words are part of the API.</summary>
public static class Routes
{
    public const string Auto = "auto";
    public const string Review = "review";
    public const string Shadow = "shadow";
    public const string Fallback = "fallback";
}
