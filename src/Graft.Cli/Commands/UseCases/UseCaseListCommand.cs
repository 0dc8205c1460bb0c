using System.CommandLine;
using Graft.UseCases;
using Spectre.Console;

namespace Graft.Cli.Commands.UseCases;

/// <summary><c>graft usecase list</c>.</summary>
public static class UseCaseListCommand
{
    public static Command Create()
    {
        var command = new Command("list", "List registered use cases.");
        CommandAction.Set(command, async (context, parse, cancellationToken) =>
        {
            var useCases = await new UseCaseCatalog(await context.HomeAsync(cancellationToken)).ListAsync(cancellationToken);
            if (context.Json)
            {
                context.WriteJson(useCases.Select(u => new
                {
                    id = u.Id, title = u.Title, task = u.Task.ToString().ToLowerInvariant(), revision = u.Revision, champion = u.ChampionVersion,
                }));
                return 0;
            }
            var table = new Table().AddColumns("id", "title", "task", "revision", "champion");
            foreach (var u in useCases)
            {
                table.AddRow(Markup.Escape(u.Id), Markup.Escape(u.Title), u.Task.ToString().ToLowerInvariant(), $"{u.Revision}", Markup.Escape(u.ChampionVersion ?? "-"));
            }
            context.Out.Write(table);
            return 0;
        });
        return command;
    }
}
