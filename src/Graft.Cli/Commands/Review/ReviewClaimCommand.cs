using System.CommandLine;
using Graft.Review;
using Spectre.Console;

namespace Graft.Cli.Commands.Review;

/// <summary>
/// <c>graft review claim &lt;id&gt;</c> and <c>graft review release &lt;id&gt; [--token n]</c>: take a slot of an item for a
/// while (the lease the spec's <c>claim_minutes</c> gives), or give it back.
/// </summary>
public static class ReviewClaimCommand
{
    public static Command Create()
    {
        var id = new Argument<string>("id") { Description = "The review item" };
        var command = new Command("claim", "Claim a review item for a while, so that nobody else decides its slot meanwhile.") { id };
        CommandAction.Set(command, async (context, parse, cancellationToken) =>
        {
            var home = await context.HomeAsync(cancellationToken);
            var claim = await new ReviewQueue(home).ClaimAsync(parse.GetValue(id)!, context.Operator, cancellationToken);
            if (context.Json)
            {
                context.WriteJson(claim);
                return 0;
            }
            context.Out.WriteLine($"{claim.ItemId}: claimed by {context.Operator.Id} until {claim.LeaseUntil:u} (slot {claim.Slot}, token {claim.Token})");
            return 0;
        });
        return command;
    }

    public static Command Release()
    {
        var id = new Argument<string>("id") { Description = "The review item" };
        var token = new Option<long?>("--token") { Description = "The claim's token (default: the claim you hold on it)" };
        var command = new Command("release", "Give a claim on a review item back, so that another reviewer may take it.") { id, token };
        CommandAction.Set(command, async (context, parse, cancellationToken) =>
        {
            var home = await context.HomeAsync(cancellationToken);
            var queue = new ReviewQueue(home);
            var item = parse.GetValue(id)!;
            var held = parse.GetValue(token) ?? await queue.HeldTokenAsync(item, context.Operator, cancellationToken)
                ?? throw GraftException.Conflict($"{context.Operator.Id} holds no claim on {item}");
            await queue.ReleaseAsync(item, held, context.Operator, cancellationToken);
            context.Out.WriteLine($"{item}: released");
            return 0;
        });
        return command;
    }
}
