using System.CommandLine;
using System.Globalization;
using Graft.Feedback;
using Spectre.Console;

namespace Graft.Cli.Commands.Feedback;

/// <summary>
/// <c>graft feedback export &lt;usecase&gt; [--as-of &lt;time&gt;]</c>: the use case's served predictions with a label (an
/// outcome, else a reviewer's decision) as a new dataset version, with nothing known after the time; prints its id.
/// </summary>
public static class FeedbackExportCommand
{
    public static Command Create()
    {
        var useCase = new Argument<string>("usecase") { Description = "The use case whose predictions to export" };
        var asOf = new Option<string?>("--as-of") { Description = "Export what was known by this time (ISO 8601, UTC unless it says; default: now)" };
        var command = new Command("export", "Make a dataset version of served predictions joined to their outcomes and reviewers' corrections.") { useCase, asOf };
        CommandAction.Set(command, async (context, parse, cancellationToken) =>
        {
            var at = parse.GetValue(asOf) is { } text ? Time(text) : (DateTime?)null;
            var home = await context.HomeAsync(cancellationToken);
            var result = await new FeedbackExport(home).ExportAsync(parse.GetValue(useCase)!, at, context.Operator, cancellationToken);
            if (context.Json)
            {
                context.WriteJson(result);
                return 0;
            }
            context.Out.WriteLine(result.Dataset);
            context.Note($"{(result.Created ? "exported" : "already exported: the same rows are")} {result.Rows:N0} labelled prediction(s) of {result.UseCase} as of {result.AsOf:u}: "
                + $"{result.FromOutcomes:N0} labelled by outcomes, {result.FromReviews:N0} by reviewers");
            if (result.NotInLog + result.WithoutInputs > 0)
            {
                context.Note($"left out {result.NotInLog + result.WithoutInputs:N0} labelled prediction(s) whose record or inputs retention removed");
            }
            context.Note($"train on it with the data it adds to: graft train --usecase {result.UseCase} --dataset <version> --dataset {result.Dataset}");
            return 0;
        });
        return command;
    }

    private static DateTime Time(string text) =>
        DateTime.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out var at) ? at
            : throw GraftException.Invalid($"--as-of '{text}' is not a time (ISO 8601, e.g. 2026-12-06T14:30:00Z)");
}
