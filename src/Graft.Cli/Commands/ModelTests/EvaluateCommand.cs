using System.CommandLine;
using Graft.ModelTests;

namespace Graft.Cli.Commands.ModelTests;

/// <summary>
/// <c>graft evaluate &lt;version&gt; [--test-data &lt;file&gt;] [--json] [--html &lt;file&gt;]</c>: a registered version's model tests, re-run
/// on a labelled file under the current spec, or as its training run stored them.
/// </summary>
public static class EvaluateCommand
{
    public static Command Create()
    {
        var version = new Argument<string>("version") { Description = "A model version, e.g. churn-risk-v2" };
        var testData = new Option<string?>("--test-data") { Description = "A labelled delimited file to test on (default: the tests stored at training)" };
        var html = new Option<string?>("--html") { Description = "Also write a self-contained HTML report with plots to this file" };
        var command = new Command("evaluate", "Test a model version: slices, weak segments, fairness, expectations, calibration and business value.")
            { version, testData, html };
        CommandAction.Set(command, async (context, parse, cancellationToken) =>
        {
            var home = await context.HomeAsync(cancellationToken);
            var evaluation = new ModelEvaluation(home);
            var name = parse.GetValue(version)!;
            var file = parse.GetValue(testData);
            var tests = file is null ? await evaluation.StoredAsync(name, cancellationToken) : await evaluation.RunAsync(name, file, cancellationToken);
            if (parse.GetValue(html) is { } path)
            {
                await ReportFile.WriteAsync("--html", path, ModelTestReportHtml.Write(name, file is null ? "the test rows of its training run" : Path.GetFileName(file), tests), cancellationToken);
                context.Note($"report: {Path.GetFullPath(path)}");
            }
            if (context.Json)
            {
                context.WriteJson(tests);
            }
            else
            {
                ModelTestSummary.Write(context, name, tests);
            }
            return tests.Blocking().Any() ? 5 : 0; // 5, as a blocked gate: a script running its model tests can stop on it
        });
        return command;
    }
}
