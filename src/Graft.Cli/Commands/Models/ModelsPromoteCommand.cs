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
            var chosen = parse.GetValue(version)!;
            await new ModelRegistry(home).GetAsync(chosen, cancellationToken);
            try
            {
                await LoadedModel.LoadAsync(home, chosen, cancellationToken);
            }
            catch (Exception e) when (e is InvalidDataException or FileNotFoundException or FormatException or InvalidOperationException)
            {
                throw GraftException.Invalid($"{chosen} cannot be served ({e.Message.Split('\n')[0]}); the champion is unchanged");
            }
            var result = await new ModelRegistry(home).PromoteAsync(chosen, $"cli:{Environment.UserName}", parse.GetValue(reason), cancellationToken);
            ChampionOutput.Write(context, result);
            return 0;
        });
        return command;
    }
}
