using System.CommandLine;
using Graft.Webhooks;
using Spectre.Console;

namespace Graft.Cli.Commands.Webhooks;

/// <summary><c>graft webhooks list [&lt;usecase&gt;]</c>: ids, URLs and events; never secrets.</summary>
public static class WebhooksListCommand
{
    public static Command Create()
    {
        var useCase = WebhookArguments.UseCase();
        var command = new Command("list", "List webhooks (never their secrets).") { useCase };
        CommandAction.Set(command, async (context, parse, cancellationToken) =>
        {
            var webhooks = await new WebhookRegistry(await context.HomeAsync(cancellationToken)).ListAsync(parse.GetValue(useCase), cancellationToken);
            if (context.Json)
            {
                context.WriteJson(webhooks);
                return 0;
            }
            var table = new Table().Border(TableBorder.Simple).AddColumns("id", "use case", "url", "events", "created", "by");
            foreach (var w in webhooks)
            {
                table.AddRow(w.Id, Markup.Escape(w.UseCase), Markup.Escape(w.Url), string.Join(", ", w.Events), $"{w.CreatedAt:yyyy-MM-dd HH:mm}", Markup.Escape(w.CreatedBy));
            }
            context.Out.Write(table);
            return 0;
        });
        return command;
    }
}
