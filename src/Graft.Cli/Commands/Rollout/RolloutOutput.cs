using Graft.Rollout;
using Spectre.Console;

namespace Graft.Cli.Commands.Rollout;

/// <summary>What stage, kill and revive print: the rollout now and before, and any gate let through.</summary>
internal static class RolloutOutput
{
    public static void Write(CliContext context, RolloutChange change)
    {
        var view = RolloutChangeView.Of(change);
        if (context.Json)
        {
            context.WriteJson(view);
            return;
        }
        var cohort = change.After.Stage.HasCohort() ? $" for {view.CohortPercent} % of entities" : "";
        var killed = view.Killed ? ", killed: the rule answers every request" : "";
        context.Out.WriteLine($"{view.UseCase}: {view.Stage}{cohort}{killed} (was {view.PreviousStage}{(view.PreviouslyKilled ? ", killed" : "")})");
        foreach (var gate in view.Overridden)
        {
            context.Err.WriteLine($"gate {gate} overridden; the trail records it with the reason");
        }
    }
}
