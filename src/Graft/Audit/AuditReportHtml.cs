using System.Globalization;
using System.Text;
using Graft.Data;
using static Graft.Audit.SvgChart;

namespace Graft.Audit;

/// <summary>
/// The audit report as one self-contained HTML page to read or attach to a review: inline CSS and hand-drawn SVG
/// charts, no script and no external references, so it opens offline and cannot call out. Every data value is
/// HTML-encoded, values of sensitive fields are masked, and free text shows placeholders for personal data.
/// </summary>
public static class AuditReportHtml
{
    /// <summary>The reports' shared look (the model-test report adds its own lines).</summary>
    internal const string Style = """
        body{font:14px/1.45 system-ui,sans-serif;color:#1d2330;max-width:1000px;margin:2em auto;padding:0 1em}
        h1{margin-bottom:.2em}h2{margin-top:2em;border-bottom:1px solid #dde1e8;padding-bottom:.2em}
        table{border-collapse:collapse;width:100%}td,th{text-align:left;padding:.35em .5em;border-bottom:1px solid #eef0f4;vertical-align:top}
        .verdict{display:inline-block;padding:.3em .8em;border-radius:4px;font-weight:600}
        .pass{background:#e6f4ea;color:#1e6b34}.held{background:#fdecea;color:#a4231b}
        tr.blocking td:first-child{border-left:4px solid #c62828}tr.blocking{background:#fdecea}
        tr.warning td:first-child{border-left:4px solid #e08a00}tr.warning{background:#fff6e5}
        tr.info td:first-child{border-left:4px solid #3b82c4}tr.acknowledged{opacity:.7}
        .ack{color:#4a5160;font-size:.9em}.muted{color:#6b7280}.no{color:#a4231b}.yes{color:#1e6b34}
        svg{display:block;margin:.5em 0;font-size:11px}svg text{fill:#3a4150}.bar{fill:#4c78a8}.missing{fill:#e45756}
        .field{border:1px solid #e3e6ec;border-radius:6px;padding:.4em 1em;margin:1em 0}.field h3{margin:.4em 0}
        """;

    /// <summary>A report page up to its body: its title (encoded) and the shared look with <paramref name="extraStyle"/> after it.</summary>
    internal static StringBuilder Page(string title, string extraStyle = "") =>
        new StringBuilder().Append("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>").Append(Encode(title))
            .Append("</title><style>").Append(Style).Append(extraStyle).Append("</style></head><body>");

    public static string Write(AuditReport report)
    {
        var html = Page($"Data audit: {report.Dataset} for {report.UseCase}");
        html.Append("<h1>Data audit</h1><p>").Append(Encode(report.Dataset)).Append(" for use case <b>").Append(Encode(report.UseCase))
            .Append("</b>: ").Append(Wording.Count(report.Rows)).Append(" rows, ").Append(Wording.Count(report.Columns)).Append(" fields</p>");
        html.Append(report.Blocking == 0 ? "<p class=\"verdict pass\">" : "<p class=\"verdict held\">")
            .Append(Wording.Count(report.Blocking)).Append(" blocking, ").Append(Wording.Count(report.Warnings))
            .Append(" warnings").Append(report.Blocking == 0 ? ": the data-audit gate can pass" : ": the data-audit gate is held").Append("</p>");
        Findings(html, report.Findings);
        Label(html, report);
        Missingness(html, report.Fields, report.Rows);
        Time(html, report.Time);
        Policy(html, report.Fields);
        Fields(html, report.Fields);
        return html.Append("</body></html>").ToString();
    }

    private static void Findings(StringBuilder html, IReadOnlyList<AuditFinding> findings)
    {
        html.Append("<h2>Findings</h2>");
        if (findings.Count == 0)
        {
            html.Append("<p>Nothing found.</p>");
            return;
        }
        html.Append("<table><tr><th>severity</th><th>code</th><th>field</th><th>finding</th></tr>");
        foreach (var f in findings)
        {
            var severity = f.Severity.ToString().ToLowerInvariant();
            html.Append("<tr class=\"").Append(severity).Append(f.Acknowledged ? " acknowledged" : "").Append("\"><td>").Append(severity)
                .Append("</td><td>").Append(Encode(f.Code)).Append("</td><td>").Append(Encode(f.Field ?? "(dataset)"))
                .Append("</td><td>").Append(Encode(f.Message));
            if (f.Acknowledged)
            {
                html.Append("<div class=\"ack\">acknowledged by ").Append(Encode(f.AcknowledgedBy ?? "")).Append(": ")
                    .Append(Encode(f.AcknowledgedReason ?? "")).Append("</div>");
            }
            html.Append("</td></tr>");
        }
        html.Append("</table>");
    }

    private static void Label(StringBuilder html, AuditReport report)
    {
        if (report.Label is not { } label)
        {
            return;
        }
        html.Append("<h2>Label: ").Append(Encode(label.Field)).Append("</h2><p>")
            .Append(Wording.Count(label.Labelled)).Append(" labelled rows, ").Append(Wording.Count(label.Missing)).Append(" without a label")
            .Append(label.Positive is null ? "" : $"; positive class {Encode(Wording.Quote(label.Positive))}").Append("</p>");
        if (label.Classes.Count > 0)
        {
            var bars = label.Classes.Take(30).Select(c => new Bar(c.Value, (double)c.Count / label.Classes[0].Count,
                $"{Wording.Count(c.Count)} ({Wording.Share(c.Count, label.Labelled)})")).ToList();
            Bars(html, "label balance", bars);
        }
        else if (report.Field(label.Field)?.Histogram is { } histogram)
        {
            Histogram(html, "label distribution", histogram);
        }
    }

    private static void Missingness(StringBuilder html, IReadOnlyList<FieldProfile> fields, int rows)
    {
        html.Append("<h2>Missing values by field</h2>");
        var bars = fields.Select(f => new Bar(f.Name, rows == 0 ? 0 : (double)f.Missing / rows,
            $"{Wording.Count(f.Missing)} ({Wording.Share(f.Missing, rows)})", "missing")).ToList();
        Bars(html, "share of rows missing, per field", bars);
    }

    private static void Time(StringBuilder html, TimeCoverageSummary? time)
    {
        if (time is null || time.PerMonth.Count == 0)
        {
            return;
        }
        html.Append("<h2>Rows per month</h2><p>from ").Append(Encode(time.Source)).Append("; ")
            .Append(Wording.Count(time.RowsWithoutTime)).Append(" rows without a readable time</p>");
        Columns(html, "rows per month", [.. time.PerMonth.Select(m => (m.Value, m.Count))], time.PerMonth[0].Value, time.PerMonth[^1].Value);
    }

    private static void Policy(StringBuilder html, IReadOnlyList<FieldProfile> fields)
    {
        html.Append("<h2>Data-use policy</h2><table><tr><th>field</th><th>role</th><th>train</th><th>inference</th><th>log</th><th>sensitive</th><th>why</th></tr>");
        foreach (var f in fields)
        {
            html.Append("<tr><td>").Append(Encode(f.Name)).Append("</td><td>").Append(Encode(f.Role)).Append("</td>")
                .Append(YesNo(f.Use.Train)).Append(YesNo(f.Use.Inference)).Append(YesNo(f.Use.Log))
                .Append(f.Use.Sensitive ? "<td class=\"no\">sensitive</td>" : "<td></td>")
                .Append("<td>").Append(Encode(f.Use.Reason)).Append("</td></tr>");
        }
        html.Append("</table>");
    }

    private static void Fields(StringBuilder html, IReadOnlyList<FieldProfile> fields)
    {
        html.Append("<h2>Fields</h2>");
        foreach (var f in fields)
        {
            html.Append("<div class=\"field\"><h3>").Append(Encode(f.Name)).Append("</h3><p class=\"muted\">")
                .Append(f.Type.ToString().ToLowerInvariant()).Append(" · ").Append(Encode(f.Role)).Append(" · ")
                .Append(Wording.Percent(f.Completeness)).Append(" complete · ").Append(Wording.Count(f.Distinct)).Append(" distinct");
            if (f.Numeric is { } n)
            {
                html.Append(CultureInfo.InvariantCulture,
                    $" · min {Wording.Number(n.Min)}, median {Wording.Number(n.Median)}, mean {Wording.Number(n.Mean)}, max {Wording.Number(n.Max)}");
            }
            html.Append("</p>");
            if (f.Type == FieldType.Number && f.Histogram is { } histogram)
            {
                Histogram(html, $"distribution of {f.Name}", histogram);
            }
            else if (f.TopValues.Count > 0)
            {
                var present = Math.Max(1, f.TopValues[0].Count);
                Bars(html, $"commonest values of {f.Name}", [.. f.TopValues.Select(v =>
                    new Bar(SensitiveMask.Apply(v.Value, f.Use.Sensitive, f.Type), (double)v.Count / present, Wording.Count(v.Count)))]);
            }
            html.Append("</div>");
        }
    }

    private static string YesNo(bool value) => value ? "<td class=\"yes\">yes</td>" : "<td class=\"no\">no</td>";
}
