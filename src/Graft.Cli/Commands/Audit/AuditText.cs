using System.Globalization;
using Graft.Audit;
using Spectre.Console;

namespace Graft.Cli.Commands.Audit;

/// <summary>The audit report as a person reads it in a terminal: fields, then findings, most severe first.</summary>
public static class AuditText
{
    public static void Write(CliContext context, AuditReport report)
    {
        var o = context.Out;
        o.MarkupLineInterpolated($"[bold]Audit of {report.Dataset}[/] for {report.UseCase}: {report.Rows:N0} rows × {report.Columns} fields");
        var fields = new Table().AddColumns("field", "role", "type", "complete", "distinct", "train", "log", "note");
        foreach (var f in report.Fields)
        {
            fields.AddRow(
                Markup.Escape(f.Name), f.Role, f.Type.ToString().ToLowerInvariant(),
                f.Completeness.ToString("P1", CultureInfo.InvariantCulture), f.Distinct.ToString("N0", CultureInfo.InvariantCulture),
                f.Use.Train ? "yes" : "[grey]no[/]", f.Use.Log ? "yes" : "[yellow]masked[/]", Markup.Escape(f.Use.Reason));
        }
        o.Write(fields);
        var findings = new Table().AddColumns("severity", "code", "field", "finding");
        foreach (var f in report.Findings.OrderByDescending(f => f.Severity))
        {
            var severity = f.Severity switch
            {
                Severity.Blocking when !f.Acknowledged => "[red]blocking[/]",
                Severity.Blocking => "[grey]blocking (acknowledged)[/]",
                Severity.Warning => "[yellow]warning[/]",
                _ => "[grey]info[/]",
            };
            var note = f.Acknowledged ? $" Acknowledged by {f.AcknowledgedBy}: {f.AcknowledgedReason}" : "";
            findings.AddRow(severity, f.Code, Markup.Escape(f.Field ?? "-"), Markup.Escape(f.Message + note));
        }
        o.Write(findings);
        o.MarkupLine(report.Blocking == 0
            ? "[green]data audit gate: passed[/] (no unresolved blocking findings)"
            : $"[red]data audit gate: blocked[/] by {report.Blocking} finding(s); exclude the field in the spec or acknowledge it (docs/audit.md)");
    }
}
