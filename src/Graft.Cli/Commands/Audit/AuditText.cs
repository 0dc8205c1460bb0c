using System.Globalization;
using Graft.Audit;
using Spectre.Console;

namespace Graft.Cli.Commands.Audit;

/// <summary>
/// The audit report as a person reads it in a terminal: one line per field, then the findings, most severe
/// first. The reasons behind each data-use decision are in the HTML and JSON reports.
/// </summary>
public static class AuditText
{
    public static void Write(CliContext context, AuditReport report)
    {
        var o = context.Out;
        o.MarkupLineInterpolated($"[bold]Audit of {report.Dataset}[/] for {report.UseCase}: {report.Rows:N0} rows × {report.Columns} fields");
        var fields = new Table().Border(TableBorder.Simple).AddColumns("field", "role", "type", "complete", "distinct", "use");
        foreach (var f in report.Fields)
        {
            fields.AddRow(
                Markup.Escape(f.Name), f.Role, f.Type.ToString().ToLowerInvariant(),
                f.Completeness.ToString("P1", CultureInfo.InvariantCulture), f.Distinct.ToString("N0", CultureInfo.InvariantCulture), Use(f.Use));
        }
        o.Write(fields);
        foreach (var f in report.Findings.OrderByDescending(f => f.Severity))
        {
            var severity = f.Severity switch
            {
                Severity.Blocking when !f.Acknowledged => "[red]blocking[/]",
                Severity.Blocking => "[grey]blocking, acknowledged[/]",
                Severity.Warning => "[yellow]warning[/] ",
                _ => "[grey]info[/]    ",
            };
            var note = f.Acknowledged ? $" (acknowledged by {f.AcknowledgedBy}: {f.AcknowledgedReason})" : "";
            o.MarkupLine($"{severity} {Markup.Escape(f.Code)}: {Markup.Escape(f.Message + note)}");
        }
        o.WriteLine();
        o.MarkupLine(report.Blocking == 0
            ? "[green]data audit gate: passed[/] (no unresolved blocking findings)"
            : $"[red]data audit gate: blocked[/] by {report.Blocking} finding(s); exclude the field in the spec or acknowledge it (docs/audit.md)");
    }

    private static string Use(FieldUse use) =>
        string.Join(", ", new[]
        {
            use.Train ? "train" : "[grey]not trained[/]",
            use.Sensitive ? "[yellow]sensitive[/]" : null,
            use.Log ? null : "[yellow]masked in logs[/]",
        }.OfType<string>());
}
