using System.CommandLine;
using Graft.Review;
using Spectre.Console;

namespace Graft.Cli.Commands.Review;

/// <summary>
/// <c>graft review decide &lt;id&gt; --decision accept|override|escalate [--label …|--value …] [--reason …] [--note …] [--to role]
/// [--token n] [--corrects decision]</c>: decides under the claim the operator holds (or the token given), or corrects an
/// earlier decision on a decided item.
/// </summary>
public static class ReviewDecideCommand
{
    public static Command Create()
    {
        var id = new Argument<string>("id") { Description = "The review item" };
        var decision = new Option<string>("--decision") { Description = "accept, override or escalate", Required = true };
        var label = new Option<string?>("--label") { Description = "The corrected label (override)" };
        var value = new Option<double?>("--value") { Description = "The corrected value (override of a regression answer)" };
        var reason = new Option<string?>("--reason") { Description = "A reason code from the spec's review.reasons (override), or why (escalate)" };
        var note = new Option<string?>("--note") { Description = "A note for whoever reads the decision later" };
        var to = new Option<string?>("--to") { Description = "The role an escalation goes to: reviewer, maintainer or admin" };
        var token = new Option<long?>("--token") { Description = "The claim's token (default: the claim you hold on the item)" };
        var corrects = new Option<string?>("--corrects") { Description = "Correct this earlier decision of a decided item (no claim needed)" };
        var command = new Command("decide", "Accept, override or escalate a claimed review item, or correct a decision.") { id, decision, label, value, reason, note, to, token, corrects };
        CommandAction.Set(command, async (context, parse, cancellationToken) =>
        {
            var home = await context.HomeAsync(cancellationToken);
            var queue = new ReviewQueue(home);
            var item = parse.GetValue(id)!;
            var held = parse.GetValue(token) ?? (parse.GetValue(corrects) is null ? await queue.HeldTokenAsync(item, context.Operator, cancellationToken) : null);
            var request = new DecisionRequest(parse.GetValue(decision)!, held, parse.GetValue(label), parse.GetValue(value), parse.GetValue(reason), parse.GetValue(note),
                parse.GetValue(to), parse.GetValue(corrects));
            if (request.Token is null && request.Corrects is null && ReviewDecisions.All.Contains(request.Decision))
            {
                await queue.UseCaseOfAsync(item, cancellationToken); // an unknown item says so before a missing claim does
                throw GraftException.Conflict($"{item} is not claimed by {context.Operator.Id}; claim it first (graft review claim {item})");
            }
            var made = await queue.DecideAsync(item, request, context.Operator, cancellationToken);
            if (context.Json)
            {
                context.WriteJson(made);
                return 0;
            }
            context.Out.WriteLine($"{item}: {made.Decision}{(made.Label is null ? "" : $" as {made.Label}")}{(made.EscalatedTo is null ? "" : $" to a {made.EscalatedTo}")} by {made.Reviewer} (decision {made.Id})");
            return 0;
        });
        return command;
    }
}
