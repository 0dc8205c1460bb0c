using System.Text.Json;

namespace Graft.Cli.Tests.Monitoring;

/// <summary>
/// graft monitor on the demo: a file scored through a running graft serve (another process) counts as live traffic,
/// and the monitor, run beside the server, shows it with every input's drift; its mistakes fail in one line.
/// </summary>
public sealed class MonitorCommandTests : IDisposable
{
    private const string AdminKey = "cli-test-admin-key-0123456789abcdefghij";
    private readonly GraftProcess _graft = new();

    public void Dispose() => _graft.Dispose();

    [Fact]
    public async Task Rows_scored_through_a_server_are_live_traffic_with_the_drift_of_every_input()
    {
        var demoDir = Path.Combine(_graft.Root, "demo");
        var demo = await _graft.RunAsync("demo", "--no-serve", "--rows", "800", "--dir", demoDir);
        Assert.True(demo.ExitCode == 0, demo.ToString());
        var port = ServeCommandTests.FreePort();
        using var server = _graft.Start(["serve", "--urls", $"http://127.0.0.1:{port}"], new Dictionary<string, string> { ["GRAFT_BOOTSTRAP_ADMIN_KEY"] = AdminKey });
        try
        {
            await ServeCommandTests.WaitUntilLiveAsync(port);
            var scored = await _graft.RunAsync("predict", "--usecase", "churn-risk", Path.Combine(demoDir, "customers.csv"), "-o", Path.Combine(_graft.Root, "out.csv"),
                "--server", $"http://127.0.0.1:{port}", "--key", AdminKey);
            Assert.True(scored.ExitCode == 0, scored.ToString());

            // the server's log writer counts the windows a moment after it writes the records
            JsonElement view = default;
            for (var attempt = 0; attempt < 50; attempt++)
            {
                var monitor = await _graft.RunAsync("monitor", "churn-risk", "--json");
                Assert.True(monitor.ExitCode == 0, monitor.ToString());
                view = monitor.Json;
                if (view.GetProperty("requests").GetInt64() == 800)
                {
                    break;
                }
                await Task.Delay(200);
            }
            Assert.Equal(800, view.GetProperty("requests").GetInt64());
            Assert.Equal(800, view.GetProperty("routes").EnumerateObject().Sum(r => r.Value.GetInt64()));
            var drift = view.GetProperty("drift");
            var fields = drift.GetProperty("fields").EnumerateArray().Select(f => f.GetProperty("field").GetString()).ToList();
            Assert.Contains("tenure_months", fields);
            Assert.Contains("plan", fields);
            Assert.DoesNotContain("email", fields); // not a model input
            Assert.All(drift.GetProperty("fields").EnumerateArray(), f => Assert.True(f.GetProperty("current_count").GetInt64() <= 800));
            var champion = view.GetProperty("model_version").GetString()!;
            Assert.StartsWith("churn-risk-v", champion);
            Assert.Equal(JsonValueKind.Array, view.GetProperty("alerts").ValueKind);

            var report = Path.Combine(_graft.Root, "monitor.html");
            var table = await _graft.RunAsync("monitor", "churn-risk", "--window", "1d", "--html", report);
            Assert.Contains($"800 request(s), model {champion}", table.Out);
            Assert.Contains($"drift against {champion}'s training", table.Out);
            var html = await File.ReadAllTextAsync(report);
            Assert.Contains("<title>tenure_months: training against now</title>", html);
            Assert.Contains("<title>rates over time</title>", html);
            Assert.Empty(Directory.GetFiles(_graft.Root, "*.partial"));
        }
        finally
        {
            server.Kill(entireProcessTree: true);
            await server.WaitForExitAsync();
        }
    }

    [Fact]
    public async Task A_window_or_time_that_cannot_be_read_an_empty_span_and_an_unknown_use_case_or_version_fail_in_one_line()
    {
        (await _graft.RunAsync("monitor", "nope")).AssertOneLineFailure(3, "no use case 'nope'");
        var demo = await _graft.RunAsync("demo", "--no-serve", "--rows", "800", "--dir", Path.Combine(_graft.Root, "demo"));
        Assert.True(demo.ExitCode == 0, demo.ToString());
        (await _graft.RunAsync("monitor", "churn-risk", "--window", "soon")).AssertOneLineFailure(2, "--window 'soon' is not a duration");
        (await _graft.RunAsync("monitor", "churn-risk", "--window", "1h", "--from", "2026-01-01")).AssertOneLineFailure(2, "give --window or --from, not both");
        (await _graft.RunAsync("monitor", "churn-risk", "--from", "yesterday")).AssertOneLineFailure(2, "--from 'yesterday' is not a time");
        (await _graft.RunAsync("monitor", "churn-risk", "--from", "2026-01-02", "--to", "2026-01-01")).AssertOneLineFailure(2, "is empty");
        (await _graft.RunAsync("monitor", "churn-risk", "--version", "churn-risk-v9")).AssertOneLineFailure(3, "no model version 'churn-risk-v9'");
        (await _graft.RunAsync("monitor", "churn-risk", "--html", Path.Combine(_graft.Root, "no-such-folder", "m.html")))
            .AssertOneLineFailure(2, "--html: cannot write");
        var quiet = await _graft.RunAsync("monitor", "churn-risk", "--json");
        Assert.Equal((0, 0L), (quiet.ExitCode, quiet.Json.GetProperty("requests").GetInt64())); // nothing served yet: an empty picture
    }
}
