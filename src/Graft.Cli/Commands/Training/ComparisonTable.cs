using System.Globalization;
using Graft.Training;
using Graft.Training.Evaluation;
using Spectre.Console;

namespace Graft.Cli.Commands.Training;

/// <summary>
/// The human form of a training result: one column per candidate (the rule first), one row per metric, so it
/// fits a terminal however many metrics the task has; then the choice and the baseline gate.
/// </summary>
public static class ComparisonTable
{
    public static void Write(CliContext context, TrainingResult result)
    {
        var o = context.Out;
        o.MarkupLineInterpolated($"[bold]{result.UseCase}[/] on {string.Join(" + ", result.Datasets ?? [result.Dataset])}, spec revision {result.SpecRevision}");
        o.MarkupLineInterpolated($"[grey]{result.Split.Description}; {result.Split.ValidationRows:N0} of the training rows validate[/]");
        var table = new Table().Border(TableBorder.Simple).AddColumn("");
        foreach (var c in result.Candidates)
        {
            var title = c.Kind == "rule" ? c.Name : $"{c.Name}\n{c.Version}";
            table.AddColumn(new TableColumn(c.Version == result.Best ? $"[green]{Markup.Escape(title)} ★[/]" : Markup.Escape(title)).RightAligned());
        }
        var metrics = result.Candidates.SelectMany(c => c.Metrics.Keys).Distinct()
            .Where(m => MetricCatalog.IsKnown(m) && MetricCatalog.CanRank(m)).ToList();
        foreach (var m in metrics)
        {
            var label = m == result.Metric ? $"[bold]{m}[/]" : m;
            table.AddRow([label, .. result.Candidates.Select(c => Format(c.Metrics.GetValueOrDefault(m, double.NaN)))]);
        }
        table.AddRow(["threshold", .. result.Candidates.Select(c => c.Threshold is { } t ? Format(t) : "-")]);
        table.AddRow(["train seconds", .. result.Candidates.Select(c => c.Kind == "rule" ? "-" : c.TrainSeconds.ToString("0.0", CultureInfo.InvariantCulture))]);
        table.AddRow(["score µs/row", .. result.Candidates.Select(c => c.ScoreMicrosecondsPerRow.ToString("0.0", CultureInfo.InvariantCulture))]);
        o.Write(table);
        var gate = result.Gate;
        o.MarkupLine($"baseline gate: {(gate.Passed ? "[green]passed[/]" : "[red]not passed[/]")} ({Markup.Escape(gate.Reason)})");
        o.MarkupLineInterpolated($"best: {result.Best ?? "-"} (chosen on validation {result.Metric}); champion: {result.Champion ?? "none"}");
        if (result.Candidates.FirstOrDefault(c => c.Version is not null && c.Version == result.Best) is { ModelTests: { } tests } best)
        {
            ModelTests.ModelTestSummary.Write(context, best.Version!, tests, brief: true);
            context.Note($"graft evaluate {best.Version} --html <file> shows every slice, segment, group and curve");
        }
        if (result.LeftOut.Count > 0)
        {
            context.Note($"not model inputs: {string.Join(", ", result.LeftOut.Keys)} (train --json gives the reason for each)");
        }
    }

    private static string Format(double value) =>
        double.IsNaN(value) ? "-" : value.ToString("0.0000", CultureInfo.InvariantCulture);
}
