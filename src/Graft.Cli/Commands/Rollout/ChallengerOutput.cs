using Graft.Rollout;
using Spectre.Console;

namespace Graft.Cli.Commands.Rollout;

/// <summary>What challenger set and clear print: the challenger now and before.</summary>
internal static class ChallengerOutput
{
    public static void Write(CliContext context, RolloutChange change)
    {
        var view = ChallengerChangeView.Of(change);
        if (context.Json)
        {
            context.WriteJson(view);
            return;
        }
        context.Out.WriteLine($"{view.UseCase}: challenger {Words(view.Challenger)} (was {Words(view.Previous)})");
    }

    public static string Words(ChallengerView? challenger) =>
        challenger is null ? "none" : $"{challenger.Version}, {challenger.Mode} on {challenger.Percent} % of requests";
}
