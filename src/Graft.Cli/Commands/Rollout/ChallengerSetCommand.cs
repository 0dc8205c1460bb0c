using System.CommandLine;
using Graft.Rollout;
using Graft.Rollout.Challengers;
using Graft.Serving;

namespace Graft.Cli.Commands.Rollout;

/// <summary>
/// <c>graft challenger set &lt;usecase&gt; &lt;version&gt; --mode shadow|canary --percent n --reason text</c>: the version
/// every serving process compares with the champion (shadow: scored off the request path, never changing an answer) or
/// lets answer its sticky share of entities (canary), after checking it loads.
/// </summary>
public static class ChallengerSetCommand
{
    public static Command Create()
    {
        var useCase = new Argument<string>("usecase") { Description = "The use case" };
        var version = new Argument<string>("version") { Description = "The version to challenge the champion, e.g. churn-risk-v3" };
        var mode = new Option<string>("--mode") { Description = "shadow (compared off the request path) or canary (answers its share)", DefaultValueFactory = _ => "shadow" };
        var percent = new Option<int>("--percent") { Description = "The share of requests, 1 to 100 (sticky by entity)", Required = true };
        var reason = new Option<string>("--reason") { Description = "Why, for the audit trail", Required = true };
        var command = new Command("set", "Set the version a use case's champion is compared with, in shadow or as a canary.") { useCase, version, mode, percent, reason };
        CommandAction.Set(command, async (context, parse, cancellationToken) =>
        {
            if (!ChallengerModes.TryParse(parse.GetValue(mode), out var chosen))
            {
                throw GraftException.Invalid($"'{parse.GetValue(mode)}' is not a challenger mode; it is shadow or canary");
            }
            var home = await context.HomeAsync(cancellationToken);
            var change = await new ChallengerControl(home).SetAsync(parse.GetValue(useCase)!,
                new ChallengerChange(parse.GetValue(version)!, chosen, parse.GetValue(percent), parse.GetValue(reason)!), context.Operator,
                (v, ct) => LoadedModel.LoadAsync(home, v, ct), cancellationToken);
            ChallengerOutput.Write(context, change);
            return 0;
        });
        return command;
    }
}
