using System.CommandLine;
using Graft.Registry;
using Graft.Serving;

namespace Graft.Cli.Commands.Models;

/// <summary><c>graft models promote &lt;version&gt;</c>: makes a version its use case's champion, after checking it loads.</summary>
public static class ModelsPromoteCommand
{
    public static Command Create()
    {
        var version = new Argument<string>("version") { Description = "The model version to make champion, e.g. churn-risk-v3" };
        var reason = new Option<string?>("--reason") { Description = "Why, for the record" };
        var command = new Command("promote", "Make a model version its use case's champion.") { version, reason };
        CommandAction.Set(command, async (context, parse, cancellationToken) =>
        {
            var home = await context.HomeAsync(cancellationToken);
            var result = await new ModelRegistry(home).PromoteAsync(parse.GetValue(version)!, context.Operator, parse.GetValue(reason),
                (v, ct) => LoadedModel.LoadAsync(home, v, ct), cancellationToken);
            ChampionOutput.Write(context, result);
            return 0;
        });
        return command;
    }
}
