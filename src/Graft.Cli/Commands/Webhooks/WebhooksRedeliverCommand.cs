using System.CommandLine;
using Graft.Webhooks;
using Spectre.Console;

namespace Graft.Cli.Commands.Webhooks;

/// <summary>
/// <c>graft webhooks redeliver &lt;delivery-id&gt;</c>: queues the delivery's event again for its webhook as a new delivery,
/// due now (<c>graft serve</c> sends it); the one it copies stays in the log as it was.
/// </summary>
public static class WebhooksRedeliverCommand
{
    public static Command Create()
    {
        var id = new Argument<string>("delivery-id") { Description = "The delivery (whd_…), as graft webhooks deliveries shows it" };
        var command = new Command("redeliver", "Send a delivery's event to its webhook again.") { id };
        CommandAction.Set(command, async (context, parse, cancellationToken) =>
        {
            var again = await new DeliveryLog(await context.HomeAsync(cancellationToken)).RedeliverAsync(parse.GetValue(id)!, cancellationToken);
            if (context.Json)
            {
                context.WriteJson(again);
            }
            else
            {
                context.Out.WriteLine($"{again.Id}: {again.Event} {again.EventId} queued again for {again.Webhook}");
            }
            return 0;
        });
        return command;
    }
}
