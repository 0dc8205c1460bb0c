using System.CommandLine;
using Graft.Registry;

namespace Graft.Cli.Commands.Models;

/// <summary><c>graft models rollback &lt;usecase&gt;</c>: restores the champion the current one replaced.</summary>
public static class ModelsRollbackCommand
{
    public static Command Create()
    {
        var useCase = new Argument<string>("usecase") { Description = "The use case" };
        var reason = new Option<string?>("--reason") { Description = "Why, for the record" };
        var command = new Command("rollback", "Restore the previous champion of a use case.") { useCase, reason };
        CommandAction.Set(command, async (context, parse, cancellationToken) =>
        {
            var home = await context.HomeAsync(cancellationToken);
            var result = await new ModelRegistry(home).RollbackAsync(parse.GetValue(useCase)!, context.Operator, parse.GetValue(reason), cancellationToken);
            ChampionOutput.Write(context, result);
            return 0;
        });
        return command;
    }
}
