using System.CommandLine;
using System.Globalization;
using Graft.Rollout.Challengers;
using Spectre.Console;

namespace Graft.Cli.Commands.Rollout;

/// <summary>
/// <c>graft challenger report &lt;usecase&gt;</c>: the champion and the challenger side by side over the same requests,
/// as every serving process sharing the store compared them, and the requests they disagreed on most.
/// </summary>
public static class ChallengerReportCommand
{
    public static Command Create()
    {
        var useCase = new Argument<string>("usecase") { Description = "The use case" };
        var command = new Command("report", "Compare a use case's champion and challenger over the same requests.") { useCase };
        CommandAction.Set(command, async (context, parse, cancellationToken) =>
        {
            var home = await context.HomeAsync(cancellationToken);
            var report = await new ChallengerControl(home).ReportAsync(parse.GetValue(useCase)!, cancellationToken);
            if (context.Json)
            {
                context.WriteJson(report);
                return 0;
            }
            Write(context, report);
            return 0;
        });
        return command;
    }

    /// <summary>The side's live metric and on how many joined outcomes, or a dash before any.</summary>
    private static string Live(Graft.Feedback.LiveQuality? live) => live is null ? "-" : $"{Number(live.Value)} on {live.Rows:N0} outcomes";

    private static void Write(CliContext context, ChallengerReport r)
    {
        context.Out.MarkupLineInterpolated($"[bold]{r.UseCase}[/]: {r.Challenger.Version} ({r.Mode} on {r.Percent} %) against the champion {r.Champion.Version}, since {r.Since:u}");
        context.Out.WriteLine(Text($"{r.Compared:N0} requests compared, {r.Paired:N0} answered by both; label agreement {Share(r.LabelAgreement)}, score correlation {Number(r.ScoreCorrelation)}, mean absolute score difference {Number(r.MeanAbsoluteScoreDifference)}"));
        var sides = new Table().AddColumns("", $"champion {r.Champion.Version}", $"challenger {r.Challenger.Version}");
        sides.AddRow("errors", Text($"{r.Champion.Errors:N0}"), Text($"{r.Challenger.Errors:N0}"));
        sides.AddRow("scoring p50", Ms(r.Champion.LatencyP50Ms), Ms(r.Challenger.LatencyP50Ms));
        sides.AddRow("scoring p99", Ms(r.Champion.LatencyP99Ms), Ms(r.Challenger.LatencyP99Ms));
        sides.AddRow($"live {r.Champion.LiveQuality?.Metric ?? r.Challenger.LiveQuality?.Metric ?? "quality"}", Live(r.Champion.LiveQuality), Live(r.Challenger.LiveQuality));
        context.Out.Write(sides);
        context.Note(r.LiveQualityNote);
        if (r.Disagreements.Count == 0)
        {
            return;
        }
        var examples = new Table().AddColumns("prediction", "champion", "challenger", "difference", "inputs (as logged)");
        foreach (var d in r.Disagreements)
        {
            examples.AddRow(new Text(d.PredictionId), new Text(Answer(d.Champion)), new Text(Answer(d.Challenger)), new Text(Number(d.ScoreDifference)),
                new Text(d.Inputs.GetRawText()));
        }
        context.Out.Write(examples);
    }

    private static string Answer(ComparedAnswer answer) => answer.Label is null ? Number(answer.Score) : $"{answer.Label} ({Number(answer.Score)})";

    private static string Share(double? value) => value is { } v ? Text($"{v:P1}") : "-";

    private static string Number(double? value) => value is { } v ? Text($"{v:0.####}") : "-";

    private static string Ms(double? value) => value is { } v ? Text($"≤ {v:0.####} ms") : "-";

    private static string Text(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
