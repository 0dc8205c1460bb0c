using System.CommandLine;
using System.Globalization;
using Graft.Data;
using Graft.Feedback;
using Spectre.Console;

namespace Graft.Cli.Commands.Feedback;

/// <summary>
/// <c>graft outcomes import &lt;usecase&gt; &lt;file&gt;</c>: outcomes from a delimited file with a <c>prediction_id</c> or an
/// <c>entity_id</c> column, <c>observed_at</c> (ISO 8601; required by entity), and <c>label</c> or <c>value</c>; recorded
/// as <c>POST /v1/usecases/{id}/outcomes</c> records them, all of the file or none of it.
/// </summary>
public static class OutcomesImportCommand
{
    public static Command Create()
    {
        var useCase = new Argument<string>("usecase") { Description = "The use case" };
        var file = new Argument<string>("file") { Description = "A CSV (or other delimited) file of outcomes" };
        var command = new Command("import", "Record the outcomes in a file, joined to their predictions by id or by entity.") { useCase, file };
        CommandAction.Set(command, async (context, parse, cancellationToken) =>
        {
            var frame = await DelimitedFile.ReadFileAsync(parse.GetValue(file)!, cancellationToken);
            var reports = Reports(frame);
            var home = await context.HomeAsync(cancellationToken);
            var result = await new OutcomeRecorder(home).RecordAsync(parse.GetValue(useCase)!, reports, context.Operator, cancellationToken);
            if (context.Json)
            {
                context.WriteJson(result);
                return 0;
            }
            context.Out.WriteLine($"{result.UseCase}: {result.Recorded} outcome(s) recorded, {result.Superseded} superseding an earlier one");
            return 0;
        });
        return command;
    }

    private static List<OutcomeReport> Reports(Frame frame)
    {
        string?[]? Column(string name) => frame.Names.Contains(name) ? frame.Column(name) : null;
        var (ids, entities, observed, labels, values) = (Column("prediction_id"), Column("entity_id"), Column("observed_at"), Column("label"), Column("value"));
        if (ids is null && entities is null)
        {
            throw GraftException.Invalid($"the file needs a prediction_id or an entity_id column; it has {string.Join(", ", frame.Names)}");
        }
        if (labels is null && values is null)
        {
            throw GraftException.Invalid("the file needs a label or a value column: what was observed");
        }
        var reports = new List<OutcomeReport>();
        for (var row = 0; row < frame.RowCount; row++)
        {
            DateTime? at = null;
            if (observed?[row] is { Length: > 0 } text)
            {
                at = DateTime.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out var parsed) ? parsed
                    : throw GraftException.Invalid($"row {row + 2}: observed_at '{text}' is not a time (ISO 8601, e.g. 2026-12-06T14:30:00Z)");
            }
            double? value = null;
            if (values?[row] is { Length: > 0 } number)
            {
                value = double.TryParse(number, NumberStyles.Float, CultureInfo.InvariantCulture, out var v) ? v
                    : throw GraftException.Invalid($"row {row + 2}: value '{number}' is not a number");
            }
            reports.Add(new OutcomeReport(Empty(ids?[row]), Empty(entities?[row]), at, Empty(labels?[row]), value));
        }
        return reports;
    }

    private static string? Empty(string? text) => string.IsNullOrEmpty(text) ? null : text;
}
