using System.CommandLine;
using Graft.Rollout;

namespace Graft.Cli.Commands.Rollout;

/// <summary><c>graft stage &lt;usecase&gt; &lt;stage&gt; [--cohort pct] --reason text [--override-gates]</c>: moves a use case's rollout, gated.</summary>
public static class StageCommand
{
    public static Command Create()
    {
        var useCase = new Argument<string>("usecase") { Description = "The use case" };
        var stage = new Argument<string>("stage") { Description = "off, shadow, assist or auto (one step up at a time; any step down)" };
        var cohort = new Option<int?>("--cohort") { Description = "The share of entities (0 to 100) the model answers in assist and auto; kept when not given" };
        var reason = new Option<string>("--reason") { Description = "Why, for the audit trail", Required = true };
        var overrideGates = new Option<bool>("--override-gates") { Description = "Move past gates that do not pass (recorded in the trail with the reason)" };
        var command = new Command("stage", "Move a use case to a rollout stage, once its gates pass.") { useCase, stage, cohort, reason, overrideGates };
        CommandAction.Set(command, async (context, parse, cancellationToken) =>
        {
            if (!Stages.TryParse(parse.GetValue(stage), out var target))
            {
                throw GraftException.Invalid($"'{parse.GetValue(stage)}' is not a stage; a stage is off, shadow, assist or auto");
            }
            var home = await context.HomeAsync(cancellationToken);
            var change = await new RolloutControl(home).ChangeStageAsync(parse.GetValue(useCase)!,
                new StageChange(target, parse.GetValue(cohort), parse.GetValue(reason)!, parse.GetValue(overrideGates)), context.Operator, cancellationToken);
            RolloutOutput.Write(context, change);
            return 0;
        });
        return command;
    }
}
