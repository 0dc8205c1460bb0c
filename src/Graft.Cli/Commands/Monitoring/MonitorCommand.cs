using System.CommandLine;
using System.Globalization;
using Graft.Monitoring;
using Spectre.Console;

namespace Graft.Cli.Commands.Monitoring;

/// <summary>
/// <c>graft monitor &lt;usecase&gt; [--window 1h | --from t [--to t]] [--version v] [--html file]</c>: the service's health and the
/// model's drift and live quality over a span, drifted fields first; <c>--json</c> prints the <see cref="MonitoringView"/>;
/// <c>--html</c> also writes the report with plots (<see cref="MonitoringReportHtml"/>).
/// </summary>
public static class MonitorCommand
{
    public static Command Create()
    {
        var useCase = new Argument<string>("usecase") { Description = "The use case" };
        var window = new Option<string?>("--window") { Description = "Back from now (or --to): 5m, 1h, 1d… (default 1h)" };
        var from = new Option<string?>("--from") { Description = "From this time (ISO 8601, UTC unless it names a zone), instead of --window" };
        var to = new Option<string?>("--to") { Description = "Up to this time (default now)" };
        var version = new Option<string?>("--version") { Description = "Whose drift and quality to show (default the champion)" };
        var html = new Option<string?>("--html") { Description = "Also write a self-contained HTML report with plots to this file: distributions against training, drift and rates over time, estimated against realized quality" };
        var command = new Command("monitor", "How the use case is doing: requests, latency, fallbacks, warnings, drift of every input and the score, live quality.")
            { useCase, window, from, to, version, html };
        CommandAction.Set(command, async (context, parse, cancellationToken) =>
        {
            var home = await context.HomeAsync(cancellationToken);
            var (start, end) = MonitoringSpanRequest.Resolve(parse.GetValue(window), parse.GetValue(from), parse.GetValue(to), home.Now, "--window", "--from", "--to");
            MonitoringView view;
            if (parse.GetValue(html) is { } path)
            {
                var report = await MonitoringReport.ReadAsync(home, parse.GetValue(useCase)!, start, end, parse.GetValue(version), cancellationToken);
                await ReportFile.WriteAsync("--html", path, MonitoringReportHtml.Write(report), cancellationToken);
                context.Note($"report: {Path.GetFullPath(path)}");
                view = report.View;
            }
            else
            {
                view = await new MonitoringReader(home).ReadAsync(parse.GetValue(useCase)!, start, end, parse.GetValue(version), cancellationToken);
            }
            if (context.Json)
            {
                context.WriteJson(view);
                return 0;
            }
            Write(context, view);
            return 0;
        });
        return command;
    }

    private static string Number(double? v, string format = "0.000") => v is { } x ? x.ToString(format, CultureInfo.InvariantCulture) : "-";

    private static void Write(CliContext context, MonitoringView view)
    {
        context.Out.WriteLine($"{view.UseCase} from {view.Window.From:u} to {view.Window.To:u}: {view.Requests:N0} request(s){(view.ModelVersion is { } v ? $", model {v}" : "")}");
        var health = new Table().Border(TableBorder.Simple).AddColumns("latency p50", "p95", "p99", "fallback rate", "routes");
        health.AddRow($"{Number(view.LatencyMs.P50, "0.00")} ms", $"{Number(view.LatencyMs.P95, "0.00")} ms", $"{Number(view.LatencyMs.P99, "0.00")} ms",
            view.FallbackRate is { } f ? f.ToString("P1", CultureInfo.InvariantCulture) : "-",
            Markup.Escape(string.Join(", ", view.Routes.Select(r => $"{r.Key} {r.Value:N0}"))));
        context.Out.Write(health);
        foreach (var (reason, count) in view.Fallbacks)
        {
            context.Out.WriteLine($"fallback {reason}: {count:N0}");
        }
        foreach (var w in view.Warnings.Take(10))
        {
            context.Out.WriteLine($"warning {w.Code} on {w.Field}: {w.Count:N0}");
        }
        var answers = view.Confidence.Values.Sum();
        if (answers > 0)
        {
            // high, medium, low, in that order, each with its share of the model's answers
            var levels = view.Confidence.OrderBy(c => c.Key switch { "high" => 0, "medium" => 1, _ => 2 }).ThenBy(c => c.Key, StringComparer.Ordinal);
            context.Out.WriteLine("confidence: " + string.Join(", ", levels.Select(c => $"{c.Key} {((double)c.Value / answers).ToString("P1", CultureInfo.InvariantCulture)}")));
        }
        if (view.Review is { Sent: > 0 } or { Decisions: > 0 })
        {
            var r = view.Review;
            context.Out.WriteLine($"review: {r.Sent:N0} sent ({(r.ReviewRate is { } rate ? rate.ToString("P1", CultureInfo.InvariantCulture) : "-")} of the model's answers), " +
                $"{r.Decisions:N0} decided, {r.Overrides:N0} overridden{(r.OverrideRate is { } o ? $" ({o.ToString("P1", CultureInfo.InvariantCulture)})" : "")}");
        }
        if (view.Drift is { } drift)
        {
            var verdict = drift.ShareDrifted is { } share
                ? $"{share:P0} of the fields with a verdict drifted{(drift.DatasetDrifted == true ? $": the dataset drifted (at {drift.DriftShare:P0})" : "")}"
                : "too few values for a verdict on any field";
            context.Out.WriteLine($"drift against {view.ModelVersion}'s training: {verdict}");
            var table = new Table().Border(TableBorder.Simple).AddColumns("field", "verdict", "method", "statistic", "threshold", "PSI", "values", "");
            var largest = Math.Max(0.25, drift.Fields.Append(drift.Score).Max(d => d.Psi ?? 0));
            foreach (var d in drift.Fields.Append(drift.Score))
            {
                // a bar of PSI, full at the largest (or 0.25, where PSI is usually read as a large shift)
                var bar = new string('█', (int)Math.Round(12 * Math.Min(1, (d.Psi ?? 0) / largest)));
                table.AddRow(Markup.Escape(d == drift.Score ? $"the model's {d.Field}" : d.Field), d.Drifted == true ? "[red]drift[/]" : Markup.Escape(d.Verdict.Replace('_', ' ')),
                    d.Method, Number(d.Statistic, "0.0000"), Number(d.Threshold, "0.####"), Number(d.Psi, "0.0000"), d.CurrentCount.ToString("N0", CultureInfo.InvariantCulture), bar);
            }
            context.Out.Write(table);
        }
        if (view.Alerts.Count > 0)
        {
            var alerts = new Table().Border(TableBorder.Simple).AddColumns("alert", "state", "since", "condition", "value", "samples", "severity");
            foreach (var a in view.Alerts)
            {
                var state = a.State switch { AlertStatus.Firing => "[red]firing[/]", AlertStatus.Pending => "[yellow]pending[/]", _ => a.State };
                alerts.AddRow(Markup.Escape(a.Name), state, a.Since is { } since ? $"{since:u}" : "-", Markup.Escape(a.Condition), Number(a.Value, "0.####"),
                    a.Samples.ToString("N0", CultureInfo.InvariantCulture), a.Severity);
            }
            context.Out.Write(alerts);
        }
        if (view.EstimatedQuality is { Count: > 0 } estimated)
        {
            context.Out.WriteLine("estimated from the scores alone: " + string.Join(", ", estimated.Select(e => $"{e.Key} {Number(e.Value.Value)} ({Number(e.Value.Lower)} – {Number(e.Value.Upper)})")));
        }
        if (view.Quality is { Rows: > 0 } q)
        {
            context.Out.WriteLine($"live {q.Metric}: {Number(q.Value)} on {q.Rows:N0} outcome(s) (95% {Number(q.Interval?.Low)} – {Number(q.Interval?.High)}; {Number(q.Training)} at training)");
            if (view.ConceptDriftSuspected == true)
            {
                context.Out.WriteLine($"[concept drift suspected] the live {q.Metric} is outside the band the scores predict: what the inputs mean may have changed");
            }
        }
        else
        {
            context.Out.WriteLine("live quality: no outcomes joined yet (graft outcomes import)");
        }
    }
}
