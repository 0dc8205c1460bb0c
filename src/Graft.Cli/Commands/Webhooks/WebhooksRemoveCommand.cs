using System.CommandLine;
using Graft.Webhooks;
using Spectre.Console;

namespace Graft.Cli.Commands.Webhooks;

/// <summary><c>graft webhooks remove &lt;id&gt; --reason text</c>: no more events go to it; its pending deliveries fail.</summary>
public static class WebhooksRemoveCommand
{
    public static Command Create()
    {
        var id = new Argument<string>("id") { Description = "The webhook id (wh_…), as graft webhooks list shows it" };
        var reason = new Option<string>("--reason") { Description = "Why, for the audit trail", Required = true };
        var command = new Command("remove", "Remove a webhook.") { id, reason };
        CommandAction.Set(command, async (context, parse, cancellationToken) =>
        {
            var webhook = await new WebhookRegistry(await context.HomeAsync(cancellationToken))
                .RemoveAsync(null, parse.GetValue(id)!, parse.GetValue(reason), context.Operator, cancellationToken);
            if (context.Json)
            {
                context.WriteJson(new { id = webhook.Id, use_case = webhook.UseCase, removed = true });
            }
            else
            {
                context.Out.WriteLine($"{webhook.Id}: removed");
            }
            return 0;
        });
        return command;
    }
}
