using System.CommandLine;
using Graft.Rollout;

namespace Graft.Cli.Commands.Rollout;

/// <summary>
/// <c>graft kill &lt;usecase&gt; --reason text</c> and <c>graft revive</c>: the kill switch. Every serving process sharing
/// the store answers with the rule (<c>fallback_reason: killed</c>) within a second, until revived.
/// </summary>
public static class KillCommand
{
    public static Command Create(bool revive)
    {
        var useCase = new Argument<string>("usecase") { Description = "The use case" };
        var reason = new Option<string>("--reason") { Description = "Why, for the audit trail", Required = true };
        var command = revive
            ? new Command("revive", "Release a use case's kill switch: answers follow its stage again.") { useCase, reason }
            : new Command("kill", "Make the rule answer every request of a use case, on every serving process, within a second.") { useCase, reason };
        CommandAction.Set(command, async (context, parse, cancellationToken) =>
        {
            var control = new RolloutControl(await context.HomeAsync(cancellationToken));
            var change = revive
                ? await control.ReviveAsync(parse.GetValue(useCase)!, parse.GetValue(reason)!, context.Operator, cancellationToken)
                : await control.KillAsync(parse.GetValue(useCase)!, parse.GetValue(reason)!, context.Operator, cancellationToken);
            RolloutOutput.Write(context, change);
            return 0;
        });
        return command;
    }
}
