using System.CommandLine;
using Graft.Webhooks;
using Spectre.Console;

namespace Graft.Cli.Commands.Webhooks;

/// <summary><c>graft webhooks deliveries [&lt;usecase&gt;] [--status pending|delivered|failed] [--event e] [--limit n]</c>: the delivery log, newest first.</summary>
public static class WebhooksDeliveriesCommand
{
    public static Command Create()
    {
        var useCase = WebhookArguments.UseCase();
        var status = new Option<string?>("--status") { Description = "Only those pending, delivered or failed" };
        status.AcceptOnlyFromAmong("pending", "delivered", "failed");
        var eventType = new Option<string?>("--event") { Description = "Only those of one event, e.g. stage.changed" };
        var limit = new Option<int>("--limit") { Description = $"How many of the latest, 1 to {DeliveryLog.MaxLimit}", DefaultValueFactory = _ => 100 };
        var command = new Command("deliveries", "List webhook deliveries, newest first, with how each went.") { useCase, status, eventType, limit };
        CommandAction.Set(command, async (context, parse, cancellationToken) =>
        {
            var deliveries = await new DeliveryLog(await context.HomeAsync(cancellationToken)).ListAsync(parse.GetValue(useCase),
                DeliveryStatuses.Parse(parse.GetValue(status)), parse.GetValue(eventType), parse.GetValue(limit), cancellationToken);
            if (context.Json)
            {
                context.WriteJson(deliveries);
                return 0;
            }
            var table = new Table().Border(TableBorder.Simple).AddColumns("id", "webhook", "event", "status", "attempts", "last answer", "created", "next attempt");
            foreach (var d in deliveries)
            {
                table.AddRow(d.Id, d.Webhook, d.Event, d.Status, $"{d.Attempts}", Markup.Escape(d.LastError ?? (d.LastStatusCode is { } code ? $"{code}" : "-")),
                    $"{d.CreatedAt:yyyy-MM-dd HH:mm:ss}", d.NextAttemptAt is { } next ? $"{next:yyyy-MM-dd HH:mm:ss}" : "-");
            }
            context.Out.Write(table);
            return 0;
        });
        return command;
    }
}
