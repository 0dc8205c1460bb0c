using System.Globalization;
using Graft.ModelTests;
using Spectre.Console;

namespace Graft.Cli.Commands.ModelTests;

/// <summary>
/// A candidate's model tests in a few lines: flagged slices, the weakest segments, fairness gaps, expectations,
/// calibration and value; every finding, blocking ones first. Under <c>graft train</c>'s table, in <c>graft evaluate</c>
/// and in <c>graft models show</c>.
/// </summary>
public static class ModelTestSummary
{
    public static void Write(CliContext context, string title, ModelTestResult tests, bool brief = false)
    {
        var o = context.Out;
        o.MarkupLineInterpolated($"[bold]model tests[/] of {title} on {tests.Rows:N0} rows");
        var flagged = tests.Slices.Count(s => s.Flag is SliceReport.WorseThanRule or SliceReport.WorseThanOverall);
        var thin = tests.Slices.Count(s => s.Flag == SliceReport.InsufficientData);
        if (tests.Slices.Count > 0)
        {
            o.MarkupLineInterpolated($"  slices: {tests.Slices.Count} over {tests.Slices.Select(s => s.Field).Distinct().Count()} field(s), {flagged} flagged, {thin} too small to judge");
        }
        if (!brief)
        {
            foreach (var s in tests.Slices.Where(s => s.Flag is not null and not SliceReport.InsufficientData))
            {
                o.MarkupLineInterpolated($"    [yellow]{s.Flag}[/] {s.Field} {s.Value}: {tests.Metric} {N(s.Metrics.GetValueOrDefault(tests.Metric))} (rule {N(s.RuleMetric)}; {s.Rows:N0} rows)");
            }
            foreach (var w in tests.WeakSegments.Take(3))
            {
                o.MarkupLineInterpolated($"  weak segment: {string.Join(" and ", w.Conditions)}: {tests.Metric} {N(w.Metrics.GetValueOrDefault(tests.Metric))}, {N(w.Gap)} below overall ({w.Rows:N0} rows)");
            }
        }
        foreach (var f in tests.Fairness)
        {
            var broken = f.Limits.Where(l => !l.Passed).Select(l => $"{l.Measure} breaks its {l.Severity} bound {N(l.Limit)}").ToList();
            o.MarkupLineInterpolated($"  fairness by {f.Field} ({f.Groups.Count} groups): demographic parity difference {N(f.DemographicParityDifference)}, ratio {N(f.DemographicParityRatio)}, equalized odds difference {N(f.EqualizedOddsDifference)}{(broken.Count > 0 ? $"; {string.Join(", ", broken)}" : "")}");
        }
        foreach (var e in tests.Expectations)
        {
            o.MarkupLine($"  expectation {Markup.Escape(e.Name)}: {(e.Passed ? "[green]passed[/]" : "[red]failed[/]")} ({Markup.Escape(e.Evidence)})");
        }
        if (tests.Calibration is { } c)
        {
            o.MarkupLineInterpolated($"  calibration: ECE {N(c.Ece)} over {c.Bins.Count} populated bins");
        }
        if (tests.Value is { } v)
        {
            var more = v.Per1000 - v.RulePer1000;
            o.MarkupLineInterpolated($"  value per 1,000 decisions: {v.Per1000:N1} at threshold {N(v.Threshold)} against the rule's {v.RulePer1000:N1} ({(more >= 0 ? "worth" : "costs")} {Math.Abs(more):N1} {(more >= 0 ? "more" : "")})");
        }
        foreach (var f in tests.Findings.OrderBy(f => f.Severity == "blocking" && !f.Acknowledged ? 0 : 1))
        {
            var state = f.Severity == "blocking" ? f.Acknowledged ? "[grey]blocking, acknowledged[/]" : "[red]blocking[/]" : "[yellow]warning[/]";
            if (!brief || f.Severity == "blocking")
            {
                o.MarkupLine($"  {state} {Markup.Escape(f.Message)}");
            }
        }
    }

    private static string N(double? value) => value is { } v ? v.ToString("0.####", CultureInfo.InvariantCulture) : "-";
}
