namespace Graft.Rollout;

/// <summary>
/// The one place that decides, from a use case's rollout, how each request is answered: by the rule alone (killed or
/// off; out of the cohort), or by the model, and then by which route the app should take the model's answer. The
/// predictor scores only the rows this sends to the model and never reads the stage itself.
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
        if (!rollout.Stage.HasCohort())
        {
            return Routing.Everyone;
        }
        var inCohort = entityId is null
            ? Random.Shared.Next(1, 101) <= rollout.CohortPercent
            : Cohorts.Contains(rollout.CohortPercent, useCaseId, entityId);
        return inCohort ? Routing.InCohort : Routing.OutOfCohort;
    }

    /// <summary>The route of an answer the model gave: shadow (the app gets the rule's), review in assist, auto in auto.</summary>
    public static string RouteOf(Stage stage) => stage switch
    {
        Stage.Shadow => Routes.Shadow,
        Stage.Assist => Routes.Review,
        _ => Routes.Auto,
    };
}

/// <summary>How a row is answered: by the model or not, and in or out of the stage's cohort (null where no cohort applies).</summary>
public sealed record Routing(bool Model, bool IsKilled, string? Cohort)
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
