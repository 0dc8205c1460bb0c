using System.CommandLine;
using Graft.Rollout.Challengers;

namespace Graft.Cli.Commands.Rollout;

/// <summary><c>graft challenger clear &lt;usecase&gt; --reason text</c>: the champion answers alone again, on every serving process within a second.</summary>
public static class ChallengerClearCommand
{
    public static Command Create()
    {
        var useCase = new Argument<string>("usecase") { Description = "The use case" };
        var reason = new Option<string>("--reason") { Description = "Why, for the audit trail", Required = true };
        var command = new Command("clear", "Stop comparing a use case's champion with its challenger.") { useCase, reason };
        CommandAction.Set(command, async (context, parse, cancellationToken) =>
        {
            var home = await context.HomeAsync(cancellationToken);
            ChallengerOutput.Write(context, await new ChallengerControl(home).ClearAsync(parse.GetValue(useCase)!, parse.GetValue(reason)!, context.Operator, cancellationToken));
            return 0;
        });
        return command;
    }
}
