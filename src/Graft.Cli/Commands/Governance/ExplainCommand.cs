using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using Graft.Governance;
using Spectre.Console;

namespace Graft.Cli.Commands.Governance;

/// <summary>
/// <c>graft explain &lt;prediction-id&gt; [--usecase id]</c>: one answer's whole story: the model version that decided,
/// in which stage, cohort and route, its masked inputs, explanation and warnings, and what was in force then.
/// </summary>
public static class ExplainCommand
{
    public static Command Create()
    {
        var id = new Argument<string>("prediction-id") { Description = "The answer's prediction_id" };
        var useCase = new Option<string?>("--usecase") { Description = "The use case it belongs to (default: look in every use case's log)" };
        var command = new Command("explain", "Show what decided one prediction, with what, in which stage and route, and what came after.") { id, useCase };
        CommandAction.Set(command, async (context, parse, cancellationToken) =>
        {
            var home = await context.HomeAsync(cancellationToken);
            var record = await DecisionRecord.FindAsync(home, parse.GetValue(id)!, parse.GetValue(useCase), cancellationToken);
            if (context.Json)
            {
                context.WriteJson(record);
                return 0;
            }
            Write(context, record);
            return 0;
        });
        return command;
    }

    private static readonly string[] AnswerFields = ["label", "score", "value"];

    /// <summary>An answer as the log holds it: its label and score, or its value.</summary>
    private static string Answer(JsonElement output) => string.Join(", ",
        AnswerFields.Where(k => output.TryGetProperty(k, out _)).Select(k => $"{k} {output.GetProperty(k)}"));

    private static void Write(CliContext context, DecisionRecord r)
    {
        var decided = r.ModelVersion is null ? $"the rule ({r.FallbackReason})" : r.Route == "shadow" ? $"the rule; {r.ModelVersion} answered in shadow" : r.ModelVersion;
        context.Out.MarkupLineInterpolated($"[bold]{r.PredictionId}[/] of {r.UseCase} at {r.At.ToString("u", CultureInfo.InvariantCulture)}");
        context.Out.WriteLine($"decided by {decided}; stage {r.Stage}{(r.Cohort is null ? "" : $", cohort {r.Cohort}")}, route {r.Route}");
        context.Out.WriteLine($"entity {r.EntityId ?? "(none)"}, key {r.KeyId ?? "(none)"}, {r.LatencyMs.ToString("0.###", CultureInfo.InvariantCulture)} ms");
        var inputs = new Table().AddColumns("input", "value");
        foreach (var input in r.Inputs.EnumerateObject())
        {
            inputs.AddRow(new Text(input.Name), new Text(input.Value.ToString()));
        }
        context.Out.Write(inputs);
        context.Out.WriteLine($"answer: {Answer(r.Output)}");
        if (r.Output.TryGetProperty("rule", out var rule))
        {
            context.Out.WriteLine($"the rule's answer, which the app got: {Answer(rule)}");
        }
        if (r.Output.TryGetProperty("explanation", out var explanation) && explanation.ValueKind == JsonValueKind.Object)
        {
            var table = new Table().AddColumns("field", "contribution");
            foreach (var field in explanation.EnumerateObject())
            {
                table.AddRow(field.Name, field.Value.GetRawText());
            }
            context.Out.Write(table);
        }
        if (r.Output.TryGetProperty("warnings", out var warnings) && warnings.ValueKind == JsonValueKind.Object)
        {
            context.Out.WriteLine("warnings: " + string.Join(", ", warnings.EnumerateObject().Select(w => $"{w.Name} {w.Value.GetString()}")));
        }
        if (r.InForce.Count > 0)
        {
            context.Out.WriteLine("in force then, by the audit trail: " + string.Join(", ", r.InForce.Select(s => $"{s.Key} {s.Value.Value} (entry {s.Value.Sequence}, {s.Value.Act})")));
        }
        context.Out.WriteLine(r.Reviews.Count == 0 ? "no review decisions recorded" : $"{r.Reviews.Count} review decision(s)");
        context.Out.WriteLine(r.Outcomes.Count == 0 ? "no outcome recorded" : $"{r.Outcomes.Count} outcome(s)");
    }
}
