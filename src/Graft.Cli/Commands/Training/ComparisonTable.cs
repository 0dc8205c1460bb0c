using System.Globalization;
using Graft.Training;
using Graft.Training.Evaluation;
using Graft.UseCases;
using Spectre.Console;

namespace Graft.Cli.Commands.Training;

/// <summary>The human form of a training result: rule and models side by side, the choice, and the gate.</summary>
public static class ComparisonTable
{
    public static void Write(CliContext context, TrainingResult result)
    {
        var task = result.Candidates.SelectMany(c => c.Metrics.Keys).Contains(MetricNames.RocAuc) ? TaskKind.Binary
            : result.Candidates.SelectMany(c => c.Metrics.Keys).Contains(MetricNames.MacroF1) ? TaskKind.Multiclass : TaskKind.Regression;
        var metrics = MetricCatalog.For(task).Where(m => MetricCatalog.CanRank(m) && result.Candidates.All(c => c.Metrics.ContainsKey(m))).ToList();
        context.Out.MarkupLineInterpolated($"[bold]{result.UseCase}[/] on {result.Dataset}, spec revision {result.SpecRevision}");
        context.Out.MarkupLineInterpolated($"[grey]{result.Split.Description}; validation {result.Split.ValidationRows:N0} rows of the training side[/]");
        var table = new Table().AddColumn("candidate").AddColumn("version");
        foreach (var m in metrics)
        {
            table.AddColumn(new TableColumn(m == result.Metric ? $"[bold]{m}[/]" : m).RightAligned());
        }
        table.AddColumn(new TableColumn("threshold").RightAligned()).AddColumn(new TableColumn("train s").RightAligned()).AddColumn(new TableColumn("µs/row").RightAligned());
        foreach (var c in result.Candidates)
        {
            var cells = new List<string> { c.Version == result.Best ? $"[green]{c.Name} ★[/]" : c.Name, c.Version ?? "-" };
            cells.AddRange(metrics.Select(m => Format(c.Metrics[m])));
            cells.Add(c.Threshold is { } t ? Format(t) : "-");
            cells.Add(c.Kind == "rule" ? "-" : c.TrainSeconds.ToString("0.0", CultureInfo.InvariantCulture));
            cells.Add(c.ScoreMicrosecondsPerRow.ToString("0.0", CultureInfo.InvariantCulture));
            table.AddRow(cells.ToArray());
        }
        context.Out.Write(table);
        var gate = result.Gate;
        context.Out.MarkupLineInterpolated($"baseline gate: {(gate.Passed ? "[green]passed[/]" : "[red]not passed[/]")} ({gate.Reason})");
        context.Out.MarkupLineInterpolated($"best: [bold]{result.Best ?? "-"}[/]; champion: {result.Champion ?? "none"}");
        if (result.LeftOut.Count > 0)
        {
            context.Note($"left out of the models: {string.Join("; ", result.LeftOut.Select(l => $"{l.Key} ({l.Value})"))}");
        }
    }

    private static string Format(double value) =>
        double.IsNaN(value) ? "-" : value.ToString("0.0000", CultureInfo.InvariantCulture);
}
