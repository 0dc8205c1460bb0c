using System.CommandLine;
using Graft.Cli.Commands.Serving;
using Graft.Webhooks;
using Spectre.Console;

namespace Graft.Cli.Commands.Webhooks;

/// <summary>
/// <c>graft webhooks add &lt;usecase&gt; &lt;url&gt; --events review.created,review.decided</c>: the secret deliveries are
/// signed with is printed once. A URL at <c>graft serve</c>'s default address is refused here; a server refuses to
/// deliver to its own address wherever it listens.
/// </summary>
public static class WebhooksAddCommand
{
    public static Command Create()
    {
        var useCase = new Argument<string>("usecase") { Description = "The use case whose events are sent" };
        var url = new Argument<string>("url") { Description = "Where to POST them: an http or https URL of your app" };
        var events = new Option<string>("--events")
        {
            Description = $"Comma-separated events: {string.Join(", ", WebhookEventTypes.All)}", Required = true,
        };
        var command = new Command("add", "Register a URL for a use case's events; the signing secret is shown once.") { useCase, url, events };
        CommandAction.Set(command, async (context, parse, cancellationToken) =>
        {
            var webhook = await new WebhookRegistry(await context.HomeAsync(cancellationToken)).AddAsync(parse.GetValue(useCase)!, parse.GetValue(url),
                parse.GetValue(events)!.Split(','), ServeCommand.DefaultUrls.Split(';'), context.Operator, cancellationToken);
            if (context.Json)
            {
                context.WriteJson(webhook);
                return 0;
            }
            context.Out.WriteLine(webhook.Secret!);
            context.Note($"webhook {webhook.Id} for {string.Join(", ", webhook.Events)} of {webhook.UseCase}; the secret above is shown only now (docs/webhooks.md shows how to check a signature)");
            return 0;
        });
        return command;
    }
}
