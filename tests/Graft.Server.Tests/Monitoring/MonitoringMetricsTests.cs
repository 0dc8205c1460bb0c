using System.Diagnostics;
using System.Net.Http.Json;
using Graft.Server.Monitoring;
using Microsoft.Extensions.DependencyInjection;

namespace Graft.Server.Tests.Monitoring;

/// <summary>
/// The monitoring signals on /metrics: drift, the estimated quality and alert states, set from the store; and the whole
/// exposition checked by Prometheus's own promtool (Debian's prometheus package, installed here when missing).
/// </summary>
public class MonitoringMetricsTests
{
    private const string Spec = Graft.Testing.ToyData.Spec + """

        stage: auto
        alerts:
          - { name: x drifts, signal: psi(x), above: 0.2, window: 1h, min_samples: 50, severity: warning }
        """;

    [Fact]
    public async Task Drift_estimates_and_alert_states_are_on_metrics_and_the_exposition_passes_promtool()
    {
        // the schedule off: it would evaluate the rules at start, before any answer, and the evaluation below would then be skipped as too recent
        await using var service = await TestService.StartAsync(new Dictionary<string, string?> { ["Graft:PredictionLog:Durable"] = "true", [AlertSchedule.EnabledSetting] = "false" });
        await service.UseCaseAsync(Spec, train: true);
        var client = service.Client(service.AdminKey);
        for (var i = 0; i < 120; i++)
        {
            // x moved well past its training range (0-10): it drifts, colour does not
            var answer = await client.PostAsJsonAsync("/v1/usecases/toy/predict", new { entity_id = $"e{i}", inputs = new { x = 14 + i % 10 / 10.0, colour = i % 3 == 0 ? "red" : "blue" } });
            answer.EnsureSuccessStatusCode();
        }
        await service.StopAsync(); // the log's writer saves its counts on the way out
        var metrics = service.Services.GetRequiredService<ServiceMetrics>();
        await new Graft.Monitoring.AlertEvaluator(service.Home).EvaluateAllAsync(default);
        await AlertSchedule.RefreshAsync(service.Home, metrics.Monitoring, default);
        using var text = new MemoryStream();
        await metrics.Registry.CollectAndExportAsTextAsync(text);
        var exposition = System.Text.Encoding.UTF8.GetString(text.ToArray());

        var version = Line(exposition, "graft_drift_detected{use_case=\"toy\",model_version=\"").Split('"')[3];
        Assert.Equal("1", Value(exposition, $"graft_drift_detected{{use_case=\"toy\",model_version=\"{version}\",field=\"x\"}}"));
        Assert.Equal("0", Value(exposition, $"graft_drift_detected{{use_case=\"toy\",model_version=\"{version}\",field=\"colour\"}}"));
        Assert.True(double.Parse(Value(exposition, $"graft_drift_psi{{use_case=\"toy\",model_version=\"{version}\",field=\"x\"}}"), System.Globalization.CultureInfo.InvariantCulture) > 0.2);
        Assert.Contains($"graft_drift_statistic{{use_case=\"toy\",model_version=\"{version}\",field=\"(score)\",method=\"ks\"}}", exposition);
        Assert.Equal("0.5", Value(exposition, $"graft_drift_share{{use_case=\"toy\",model_version=\"{version}\"}}"));
        Assert.Contains($"graft_estimated_quality{{use_case=\"toy\",model_version=\"{version}\",metric=\"accuracy\",bound=\"lower\"}}", exposition); // every score is high: an AUC is not defined
        Assert.Equal("1", Value(exposition, "graft_alert_state{use_case=\"toy\",alert=\"x drifts\",severity=\"warning\",state=\"firing\"}")); // no for: fires at once
        Assert.Equal("0", Value(exposition, "graft_alert_state{use_case=\"toy\",alert=\"x drifts\",severity=\"warning\",state=\"inactive\"}"));
        Assert.Equal("120", Value(exposition, "graft_prediction_log_written_total"));

        var file = Path.Combine(service.Root, "metrics.txt");
        await File.WriteAllTextAsync(file, exposition);
        var (code, output) = await RunAsync(Promtool(), "check", "metrics");
        Assert.True(code == 0, $"promtool check metrics:\n{output}");
        async Task<(int, string)> RunAsync(string program, params string[] args)
        {
            var start = new ProcessStartInfo(program) { RedirectStandardInput = true, RedirectStandardOutput = true, RedirectStandardError = true };
            foreach (var a in args)
            {
                start.ArgumentList.Add(a);
            }
            using var process = Process.Start(start)!;
            await process.StandardInput.WriteAsync(exposition);
            process.StandardInput.Close();
            var output = await process.StandardOutput.ReadToEndAsync() + await process.StandardError.ReadToEndAsync();
            await process.WaitForExitAsync();
            return (process.ExitCode, output);
        }
    }

    private static string Line(string exposition, string start) =>
        exposition.Split('\n').FirstOrDefault(l => l.StartsWith(start, StringComparison.Ordinal)) ?? throw new Xunit.Sdk.XunitException($"no series starting {start}");

    private static string Value(string exposition, string series) => Line(exposition, series + " ")[(series.Length + 1)..].Trim();

    /// <summary>promtool from Debian's prometheus package, installed with apt-get the first time a machine runs this.</summary>
    private static string Promtool()
    {
        const string path = "/usr/bin/promtool";
        if (!File.Exists(path))
        {
            var install = new ProcessStartInfo("apt-get", "install -y -qq --no-install-recommends prometheus") { RedirectStandardOutput = true, RedirectStandardError = true };
            install.Environment["DEBIAN_FRONTEND"] = "noninteractive";
            using var process = Process.Start(install)!;
            var output = process.StandardOutput.ReadToEnd() + process.StandardError.ReadToEnd();
            process.WaitForExit();
            Assert.True(File.Exists(path), $"promtool is not installed and apt-get could not install Debian's prometheus package:\n{output}");
        }
        return path;
    }
}
