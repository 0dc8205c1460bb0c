using System.Globalization;
using System.Text;
using Graft.Audit;
using static Graft.Audit.SvgChart;

namespace Graft.Monitoring;

/// <summary>
/// <c>graft monitor --html</c>: a use case's monitoring as one self-contained HTML page, like the audit and model-test
/// reports (no script, no external reference, every data value encoded): health, alerts, drift with each field's
/// distribution now beside training, and over the span, PSI, latency, the fallback, warning and override rates, and
/// the estimated quality against the realized.
/// </summary>
public static class MonitoringReportHtml
{
    private const string ExtraStyle = """
        .reference-bar{fill:#b8c0cc}.axis{stroke:#9aa1ad}.reference{stroke:#9aa1ad;stroke-dasharray:4 3}
        .l0{stroke:#4c78a8;stroke-width:2}.l1{stroke:#e45756;stroke-width:2}.l2{stroke:#54a24b;stroke-width:2}
        .l3{stroke:#e08a00;stroke-width:2}.l4{stroke:#8a5ab5;stroke-width:2}.l5{stroke:#2a9d8f;stroke-width:2}
        .band{stroke:#9ab6d6;stroke-width:1;stroke-dasharray:4 3}
        tr.drift td:first-child{border-left:4px solid #c62828}tr.drift{background:#fdecea}
        """;

    /// <summary>PSI lines drawn over time: the fields that moved most, so the chart stays readable.</summary>
    private const int MaxDriftLines = 5;

    public static string Write(MonitoringReport report)
    {
        var view = report.View;
        var html = AuditReportHtml.Page($"Monitoring: {view.UseCase}", ExtraStyle);
        html.Append("<h1>Monitoring</h1><p><b>").Append(Encode(view.UseCase)).Append("</b> from ").Append(Time(view.Window.From)).Append(" to ")
            .Append(Time(view.Window.To)).Append(": ").Append(Wording.Count(view.Requests)).Append(" answer(s)")
            .Append(view.ModelVersion is { } version ? $", drift and quality of {Encode(version)}" : "").Append("</p>");
        Health(html, view);
        Alerts(html, view.Alerts);
        Drift(html, view, report.Distributions);
        Quality(html, view);
        Over(html, report.History, view.Window.From);
        return html.Append("</body></html>").ToString();
    }

    private static void Health(StringBuilder html, MonitoringView view)
    {
        html.Append("<h2>Health</h2><table><tr><th>latency p50</th><th>p95</th><th>p99</th><th>fallback rate</th><th>routes</th></tr><tr><td>")
            .Append(Ms(view.LatencyMs.P50)).Append("</td><td>").Append(Ms(view.LatencyMs.P95)).Append("</td><td>").Append(Ms(view.LatencyMs.P99))
            .Append("</td><td>").Append(view.FallbackRate is { } f ? Wording.Percent(f) : "-").Append("</td><td>")
            .Append(Encode(string.Join(", ", view.Routes.Select(r => $"{r.Key} {Wording.Count(r.Value)}")))).Append("</td></tr></table>");
        if (view.Fallbacks.Count > 0)
        {
            Bars(html, "fallbacks by reason", [.. view.Fallbacks.Select(f => new Bar(f.Key, (double)f.Value / view.Fallbacks.Values.Max(), Wording.Count(f.Value)))]);
        }
        if (view.Warnings.Count > 0)
        {
            var most = view.Warnings.Max(w => w.Count);
            Bars(html, "input warnings", [.. view.Warnings.Take(15).Select(w => new Bar($"{w.Field} {w.Code}", (double)w.Count / most, Wording.Count(w.Count)))]);
        }
    }

    private static void Alerts(StringBuilder html, IReadOnlyList<AlertState> alerts)
    {
        if (alerts.Count == 0)
        {
            return;
        }
        html.Append("<h2>Alerts</h2><table><tr><th>alert</th><th>state</th><th>since</th><th>condition</th><th>value</th><th>samples</th><th>severity</th></tr>");
        foreach (var a in alerts)
        {
            html.Append("<tr class=\"").Append(a.State == AlertStatus.Firing ? "blocking" : a.State == AlertStatus.Pending ? "warning" : "").Append("\"><td>")
                .Append(Encode(a.Name)).Append("</td><td>").Append(Encode(a.State)).Append("</td><td>").Append(a.Since is { } since ? Time(since) : "-")
                .Append("</td><td>").Append(Encode(a.Condition)).Append("</td><td>").Append(Num(a.Value)).Append("</td><td>").Append(Wording.Count(a.Samples))
                .Append("</td><td>").Append(Encode(a.Severity)).Append("</td></tr>");
        }
        html.Append("</table>");
    }

    private static void Drift(StringBuilder html, MonitoringView view, IReadOnlyList<DistributionComparison> distributions)
    {
        if (view.Drift is not { } drift)
        {
            html.Append("<h2>Drift</h2><p>No model version with a training reference answered in this span.</p>");
            return;
        }
        html.Append("<h2>Drift</h2><p>").Append(drift.ShareDrifted is { } share
            ? $"{Wording.Percent(share)} of the fields with a verdict drifted{(drift.DatasetDrifted == true ? $": the dataset drifted (at {Wording.Percent(drift.DriftShare)})" : "")}."
            : "Too few values for a verdict on any field.").Append("</p>");
        html.Append("<table><tr><th>field</th><th>verdict</th><th>method</th><th>statistic</th><th>threshold</th><th>PSI</th><th>values</th></tr>");
        foreach (var d in drift.Fields.Append(drift.Score))
        {
            html.Append("<tr class=\"").Append(d.Drifted == true ? "drift" : "").Append("\"><td>").Append(Encode(d == drift.Score ? $"the model's {d.Field}" : d.Field))
                .Append("</td><td>").Append(Encode(d.Verdict.Replace('_', ' '))).Append("</td><td>").Append(Encode(d.Method)).Append("</td><td>").Append(Num(d.Statistic))
                .Append("</td><td>").Append(Num(d.Threshold)).Append("</td><td>").Append(Num(d.Psi)).Append("</td><td>").Append(Wording.Count(d.CurrentCount)).Append("</td></tr>");
        }
        html.Append("</table><p class=\"muted\">Each field over its training bins (its categories, or the deciles of its training values): ")
            .Append("the grey bar is the share at training, the blue one the share in this span.</p>");
        // drifted first, as in the table
        var order = drift.Fields.Append(drift.Score).Select((d, i) => (d.Field, i)).ToDictionary(p => p.Field, p => p.i, StringComparer.Ordinal);
        foreach (var d in distributions.OrderBy(d => order.GetValueOrDefault(d.Field, int.MaxValue)))
        {
            html.Append("<div class=\"field\"><h3>").Append(Encode(d.Field)).Append(d.Measure == FieldDistribution.Length ? " (length)" : "")
                .Append(d.Drifted == true ? " <span class=\"no\">drift</span>" : "").Append("</h3>");
            if (d.CurrentCount == 0)
            {
                html.Append("<p class=\"muted\">no values in this span</p></div>");
                continue;
            }
            var rows = d.Bins.Select((label, i) => new Pair(label, d.Reference[i], d.Current[i], $"{Wording.Percent(d.Reference[i])} → {Wording.Percent(d.Current[i])}")).ToList();
            Pairs(html, $"{d.Field}: training against now", rows, "training", $"now ({Wording.Count(d.CurrentCount)} values)");
            html.Append("</div>");
        }
    }

    private static void Quality(StringBuilder html, MonitoringView view)
    {
        html.Append("<h2>Quality</h2>");
        if (view.EstimatedQuality is { Count: > 0 } estimated)
        {
            html.Append("<p>Estimated from the scores alone: ")
                .Append(Encode(string.Join(", ", estimated.Select(e => $"{e.Key} {Num(e.Value.Value)} ({Num(e.Value.Lower)} to {Num(e.Value.Upper)})")))).Append("</p>");
        }
        html.Append(view.Quality is { Rows: > 0 } q
            ? $"<p>Live {Encode(q.Metric)}: {Num(q.Value)} on {Wording.Count(q.Rows)} outcome(s); {Num(q.Training)} at training.</p>"
            : "<p>No outcomes joined to this span's answers yet (graft outcomes import).</p>");
        if (view.ConceptDriftSuspected == true)
        {
            html.Append("<p class=\"verdict held\">concept drift suspected: the live metric is outside the band the scores predict</p>");
        }
    }

    private static void Over(StringBuilder html, IReadOnlyList<MonitoringPoint> history, DateTime start)
    {
        if (history.Count < 2)
        {
            return;
        }
        html.Append("<h2>Over the span</h2><p class=\"muted\">").Append(history.Count).Append(" parts of ")
            .Append(Wording.Number((history[0].To - history[0].From).TotalMinutes)).Append(" minutes; a part without values leaves a gap.</p>");
        double X(MonitoringPoint p) => (p.To - start).TotalMinutes;
        Line Of(string name, Func<MonitoringPoint, double?> value, string css) =>
            new(name, [.. history.Where(p => value(p) is not null).Select(p => (X(p), value(p)!.Value))], css);
        var moved = history.SelectMany(p => p.Psi).Where(p => p.Value is not null).GroupBy(p => p.Key)
            .OrderByDescending(g => g.Max(p => p.Value!.Value)).Take(MaxDriftLines).Select(g => g.Key).ToList();
        var minutes = $"minutes since {Time(start)}";
        if (moved.Count > 0)
        {
            Lines(html, "PSI against training over time", [.. moved.Select((field, i) => Of(field, p => p.Psi.GetValueOrDefault(field), $"l{i}"))], minutes, "PSI");
        }
        Lines(html, "p99 latency over time", [Of("p99 ms", p => p.LatencyP99Ms, "l0")], minutes, "ms");
        Lines(html, "rates over time", [Of("fallback", p => p.FallbackRate, "l0"), Of("warnings per answer", p => p.WarningRate, "l3"), Of("override", p => p.OverrideRate, "l1")],
            minutes, "rate");
        if (history.Any(p => p.Estimated is not null || p.Realized is not null))
        {
            Lines(html, "estimated against realized quality", [
                Of("estimated", p => p.Estimated?.Value, "l0"), Of("band", p => p.Estimated?.Lower, "band"), Of("", p => p.Estimated?.Upper, "band"),
                Of("realized", p => p.Realized, "l1")], minutes, "metric");
        }
        html.Append("<table><tr><th>to</th><th>answers</th><th>p99 ms</th><th>fallback</th><th>warnings</th><th>decisions</th><th>override</th><th>estimated</th><th>realized</th></tr>");
        foreach (var p in history)
        {
            html.Append("<tr><td>").Append(Time(p.To)).Append("</td><td>").Append(Wording.Count(p.Requests)).Append("</td><td>").Append(Num(p.LatencyP99Ms))
                .Append("</td><td>").Append(Rate(p.FallbackRate)).Append("</td><td>").Append(Num(p.WarningRate)).Append("</td><td>").Append(Wording.Count(p.Decisions))
                .Append("</td><td>").Append(Rate(p.OverrideRate)).Append("</td><td>").Append(p.Estimated is { } e ? $"{Num(e.Value)} ({Num(e.Lower)} to {Num(e.Upper)})" : "-")
                .Append("</td><td>").Append(p.Realized is { } r ? $"{Num(r)} on {Wording.Count(p.Outcomes)}" : "-").Append("</td></tr>");
        }
        html.Append("</table>");
    }

    private static string Time(DateTime at) => at.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture) + " UTC";

    private static string Num(double? value) => value is { } v && double.IsFinite(v) ? Wording.Number(v) : "-";

    private static string Ms(double? value) => value is { } v ? $"{v.ToString("0.00", CultureInfo.InvariantCulture)} ms" : "-";

    private static string Rate(double? value) => value is { } v ? Wording.Percent(v) : "-";
}
