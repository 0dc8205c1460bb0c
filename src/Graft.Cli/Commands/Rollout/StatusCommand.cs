using System.CommandLine;
using Graft.Rollout;
using Spectre.Console;

namespace Graft.Cli.Commands.Rollout;

/// <summary>
/// <c>graft status &lt;usecase&gt;</c>: the rollout (stage, cohort, kill switch, challenger), every roadmap phase's gate
/// with its result and evidence, and the readiness scorecard, all computed from the store.
/// </summary>
public static class StatusCommand
{
    public static Command Create()
    {
        var useCase = new Argument<string>("usecase") { Description = "The use case" };
        var command = new Command("status", "Show a use case's rollout, its gates with their evidence, and its readiness.") { useCase };
        CommandAction.Set(command, async (context, parse, cancellationToken) =>
        {
            var home = await context.HomeAsync(cancellationToken);
            var view = RolloutView.Of(await new RolloutControl(home).StatusAsync(parse.GetValue(useCase)!, cancellationToken));
            if (context.Json)
            {
                context.WriteJson(view);
                return 0;
            }
            Write(context, view);
            return 0;
        });
        return command;
    }

    private static void Write(CliContext context, RolloutView view)
    {
        var cohort = view.Stage is "assist" or "auto" ? $", cohort {view.CohortPercent} %" : "";
        context.Out.MarkupLineInterpolated($"[bold]{view.UseCase}[/]: stage {view.Stage}{cohort} since {view.StageSince:u}, changed by {view.ChangedBy}");
        if (view.Killed)
        {
            context.Out.MarkupLineInterpolated($"[red]killed[/]: the rule answers every request ({view.KillReason})");
        }
        if (view.Challenger is { } challenger)
        {
            context.Out.WriteLine($"challenger {challenger.Version}: {challenger.Mode} on {challenger.Percent} %");
        }
        var gates = new Table().AddColumns("phase", "gate", "result", "evidence");
        foreach (var gate in view.Gates)
        {
            var color = gate.Result switch { "successful" => "green", "failed" => "red", "overridden" => "magenta", _ => "yellow" };
            gates.AddRow(new Text(gate.Phase), new Text(gate.Name), new Markup($"[{color}]{gate.Result}[/]"), new Text(gate.Evidence));
        }
        context.Out.Write(gates);
        var scorecard = new Table().AddColumns("readiness", "", "reason");
        foreach (var score in view.Scorecard)
        {
            scorecard.AddRow(new Text(score.Dimension), new Markup($"[{score.Color}]{score.Color}[/]"), new Text(score.Reason));
        }
        context.Out.Write(scorecard);
    }
}
