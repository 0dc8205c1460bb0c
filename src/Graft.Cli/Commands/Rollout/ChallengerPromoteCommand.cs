using System.CommandLine;
using Graft.Rollout.Challengers;
using Graft.Serving;
using Spectre.Console;

namespace Graft.Cli.Commands.Rollout;

/// <summary>
/// <c>graft challenger promote &lt;usecase&gt; --reason text [--override-gates]</c>: makes the challenger the champion once
/// its gate passes (enough requests answered by both, labels that agree, no more errors), and clears it.
/// </summary>
public static class ChallengerPromoteCommand
{
    public static Command Create()
    {
        var useCase = new Argument<string>("usecase") { Description = "The use case" };
        var reason = new Option<string>("--reason") { Description = "Why, for the audit trail", Required = true };
        var overrideGates = new Option<bool>("--override-gates") { Description = "Promote though the challenger's gate does not pass (recorded in the trail with the reason)" };
        var command = new Command("promote", "Make the challenger the champion, once its comparison with the champion passes.") { useCase, reason, overrideGates };
        CommandAction.Set(command, async (context, parse, cancellationToken) =>
        {
            var home = await context.HomeAsync(cancellationToken);
            var promotion = await new ChallengerControl(home).PromoteAsync(parse.GetValue(useCase)!, parse.GetValue(reason)!, parse.GetValue(overrideGates),
                context.Operator, (v, ct) => LoadedModel.LoadAsync(home, v, ct), cancellationToken);
            if (context.Json)
            {
                context.WriteJson(promotion);
                return 0;
            }
            context.Out.WriteLine($"{promotion.UseCase}: champion is now {promotion.Champion} (was {promotion.Previous ?? "none"}); no challenger");
            foreach (var gate in promotion.Overridden)
            {
                context.Err.WriteLine($"gate {gate} overridden; the trail records it with the reason");
            }
            return 0;
        });
        return command;
    }
}
