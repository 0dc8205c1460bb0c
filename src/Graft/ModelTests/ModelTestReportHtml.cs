using System.Globalization;
using System.Text;
using Graft.Audit;
using static Graft.Audit.SvgChart;

namespace Graft.ModelTests;

/// <summary>
/// A version's model tests as one self-contained HTML page, like the audit report (no script, no external reference,
/// every data value encoded): findings, slices with their intervals beside the rule, the weakest segments, fairness by
/// group, expectations, the reliability curve and value by threshold.
/// </summary>
public static class ModelTestReportHtml
{
    private const string ExtraStyle = """
        .whisker{stroke:#4c78a8;stroke-width:2}.reference{stroke:#e45756;stroke-width:2}.axis{stroke:#9aa1ad}
        .model{stroke:#4c78a8;stroke-width:2}.rule{fill:#e45756}.flagged{fill:#e08a00}
        """;

    public static string Write(string version, string source, ModelTestResult tests)
    {
        var html = AuditReportHtml.Page($"Model tests: {version}", ExtraStyle);
        html.Append("<h1>Model tests</h1><p><b>").Append(Encode(version)).Append("</b> on ").Append(Encode(source)).Append(": ")
            .Append(Wording.Count(tests.Rows)).Append(" rows; ").Append(Encode(tests.Metric)).Append(' ')
            .Append(Encode(Number(tests.Metrics.GetValueOrDefault(tests.Metric)))).Append("</p>");
        var blocking = tests.Blocking().Count();
        html.Append(blocking == 0 ? "<p class=\"verdict pass\">no unresolved blocking finding" : "<p class=\"verdict held\">")
            .Append(blocking == 0 ? "" : $"{blocking} blocking finding(s): the baseline gate is held").Append("</p>");
        Findings(html, tests.Findings);
        Slices(html, tests);
        Segments(html, tests);
        Fairness(html, tests);
        Expectations(html, tests.Expectations);
        Calibration(html, tests.Calibration);
        Value(html, tests.Value);
        return html.Append("</body></html>").ToString();
    }

    private static void Findings(StringBuilder html, IReadOnlyList<ModelTestFinding> findings)
    {
        html.Append("<h2>Findings</h2>");
        if (findings.Count == 0)
        {
            html.Append("<p>Nothing found.</p>");
            return;
        }
        html.Append("<table><tr><th>severity</th><th>code</th><th>on</th><th>finding</th></tr>");
        foreach (var f in findings)
        {
            html.Append("<tr class=\"").Append(f.Severity).Append(f.Acknowledged ? " acknowledged" : "").Append("\"><td>").Append(f.Severity)
                .Append(f.Acknowledged ? " (acknowledged)" : "").Append("</td><td>").Append(Encode(f.Code)).Append("</td><td>")
                .Append(Encode(f.Field ?? "")).Append("</td><td>").Append(Encode(f.Message)).Append("</td></tr>");
        }
        html.Append("</table>");
    }

    private static void Slices(StringBuilder html, ModelTestResult tests)
    {
        if (tests.Slices.Count == 0)
        {
            return;
        }
        html.Append("<h2>Slices</h2><p class=\"muted\">").Append(Encode(tests.Metric))
            .Append(" on each slice: the dot is the model (orange where flagged), the whisker its 95 % interval, the red tick the rule on the same rows.</p>");
        foreach (var field in tests.Slices.GroupBy(s => s.Field))
        {
            var values = field.SelectMany(s => new[] { s.Metrics.GetValueOrDefault(tests.Metric), s.Interval?.Lower, s.Interval?.Upper, s.RuleMetric }).OfType<double>().ToList();
            var rows = field.Select(s => new Interval($"{s.Value}", s.Metrics.GetValueOrDefault(tests.Metric), s.Interval?.Lower, s.Interval?.Upper, s.RuleMetric,
                $"{Wording.Count(s.Rows)} rows{s.Flag switch { null => "", SliceReport.InsufficientData => ", too few", SliceReport.WorseThanRule => ", < rule", _ => ", < overall" }}", s.Flag is null or SliceReport.InsufficientData ? "bar" : "flagged")).ToList();
            html.Append("<h3>").Append(Encode(field.Key)).Append("</h3>");
            // the axis spans what is drawn, widened to tenths, so close values stay apart
            var low = values.Count == 0 ? 0 : Math.Floor(values.Min() * 10) / 10;
            var high = values.Count == 0 ? 1 : Math.Max(low + 0.1, Math.Ceiling(values.Max() * 10) / 10);
            Intervals(html, $"{tests.Metric} by {field.Key}", rows, low, high);
        }
    }

    private static void Segments(StringBuilder html, ModelTestResult tests)
    {
        html.Append("<h2>Weakest segments</h2>");
        if (tests.WeakSegments.Count == 0)
        {
            html.Append("<p>No segment of enough rows does worse than the model overall.</p>");
            return;
        }
        html.Append("<table><tr><th>segment</th><th>rows</th><th>").Append(Encode(tests.Metric)).Append("</th><th>below overall</th></tr>");
        foreach (var w in tests.WeakSegments)
        {
            html.Append("<tr><td>").Append(Encode(string.Join(" and ", w.Conditions))).Append("</td><td>").Append(Wording.Count(w.Rows)).Append("</td><td>")
                .Append(Number(w.Metrics.GetValueOrDefault(tests.Metric))).Append("</td><td>").Append(Number(w.Gap)).Append("</td></tr>");
        }
        html.Append("</table>");
    }

    private static void Fairness(StringBuilder html, ModelTestResult tests)
    {
        if (tests.Fairness.Count == 0)
        {
            return;
        }
        html.Append("<h2>Fairness</h2>");
        foreach (var f in tests.Fairness)
        {
            html.Append("<h3>").Append(Encode(f.Field)).Append("</h3><p>demographic parity difference ").Append(Number(f.DemographicParityDifference))
                .Append(", ratio ").Append(Number(f.DemographicParityRatio)).Append(", equalized odds difference ").Append(Number(f.EqualizedOddsDifference)).Append("</p>");
            var max = Math.Max(1e-9, f.Groups.Values.Max(g => g.SelectionRate ?? 0));
            Bars(html, $"selection rate by {f.Field}", [.. f.Groups.Select(g => new Bar(g.Key, (g.Value.SelectionRate ?? 0) / max,
                $"{Number(g.Value.SelectionRate)} of {Wording.Count(g.Value.Rows)}"))]);
            html.Append("<table><tr><th>group</th><th>rows</th><th>selection rate</th><th>TPR</th><th>FPR</th><th>").Append(Encode(tests.Metric)).Append("</th></tr>");
            foreach (var (group, g) in f.Groups)
            {
                html.Append("<tr><td>").Append(Encode(group)).Append("</td><td>").Append(Wording.Count(g.Rows)).Append("</td><td>").Append(Number(g.SelectionRate))
                    .Append("</td><td>").Append(Number(g.Tpr)).Append("</td><td>").Append(Number(g.Fpr)).Append("</td><td>").Append(Number(g.Metric)).Append("</td></tr>");
            }
            html.Append("</table>");
            foreach (var l in f.Limits)
            {
                html.Append("<p class=\"").Append(l.Passed ? "yes" : "no").Append("\">").Append(Encode(l.Measure)).Append(' ').Append(Number(l.Value))
                    .Append(l.Passed ? " holds " : " breaks ").Append(l.Measure == FairnessLimit.DemographicParityRatio ? "the floor " : "the limit ")
                    .Append(Number(l.Limit)).Append(" (").Append(l.Severity).Append(")</p>");
            }
        }
    }

    private static void Expectations(StringBuilder html, IReadOnlyList<ExpectationResult> expectations)
    {
        if (expectations.Count == 0)
        {
            return;
        }
        html.Append("<h2>Expectations</h2><table><tr><th>expectation</th><th>verdict</th><th>evidence</th><th>worst rows</th></tr>");
        foreach (var e in expectations)
        {
            html.Append("<tr><td>").Append(Encode(e.Name)).Append("</td><td class=\"").Append(e.Passed ? "yes" : "no").Append("\">")
                .Append(e.Passed ? "passed" : "failed").Append("</td><td>").Append(Encode(e.Evidence)).Append("</td><td>")
                .AppendJoin("<br>", e.Worst.Select(w => Encode($"row {w.Row}: {w.Before} → {w.After}, score {Number(w.ScoreBefore)} → {Number(w.ScoreAfter)}")))
                .Append("</td></tr>");
        }
        html.Append("</table>");
    }

    private static void Calibration(StringBuilder html, CalibrationResult? calibration)
    {
        if (calibration is null)
        {
            return;
        }
        html.Append("<h2>Calibration</h2><p>Expected calibration error ").Append(Number(calibration.Ece))
            .Append(": the rows' share of positives against the score the model gave them, in ten score bins; the red line is a perfect match.</p>");
        Lines(html, "reliability curve", [new Line("model", [.. calibration.Bins.Select(b => (b.MeanScore, b.PositiveRate))], "model")],
            "mean score in the bin", "share positive", diagonal: true);
    }

    private static void Value(StringBuilder html, ValueResult? value)
    {
        if (value is null)
        {
            return;
        }
        html.Append("<h2>Business value</h2><p>Per 1,000 decisions: ").Append(Number(value.Per1000)).Append(" at threshold ").Append(Number(value.Threshold))
            .Append(", against the rule's ").Append(Number(value.RulePer1000)).Append(".</p>");
        Lines(html, "value per 1,000 decisions by threshold", [new Line("model", [.. value.Curve.Select(p => (p.Threshold, p.Per1000))], "model"),
            new Line("rule", [(0, value.RulePer1000), (1, value.RulePer1000)], "reference")], "threshold", "value per 1,000");
    }

    private static string Number(double? value) => value is { } v ? v.ToString("0.####", CultureInfo.InvariantCulture) : "-";
}
