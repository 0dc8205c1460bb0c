using System.Text.Json;

namespace Graft.Cli.Tests.ModelTests;

/// <summary>
/// graft evaluate on the demo: the tests training stored, the same re-run on a labelled file with an HTML report, the
/// contract's names in --json, model_tests under each candidate of train --json and in models show; and a file
/// without the target fails in one line.
/// </summary>
public sealed class EvaluateCommandTests : IDisposable
{
    private readonly GraftProcess _graft = new();

    public void Dispose() => _graft.Dispose();

    private static readonly string[] Contract = ["version", "rows", "metrics", "slices", "weak_segments", "fairness", "expectations", "calibration", "value"];

    [Fact]
    public async Task Evaluate_reruns_the_model_tests_on_a_file_and_writes_a_report_with_plots()
    {
        var demoDir = Path.Combine(_graft.Root, "demo");
        var demo = await _graft.RunAsync("demo", "--no-serve", "--rows", "1500", "--dir", demoDir);
        Assert.True(demo.ExitCode == 0, demo.ToString());
        Assert.Contains("model tests of churn-risk-v1", demo.Out);
        Assert.Contains("expectation more late payments never lower the risk", demo.Out);

        var stored = await _graft.RunAsync("evaluate", "churn-risk-v1", "--json");
        Assert.True(stored.ExitCode == 0, stored.ToString());
        foreach (var key in Contract)
        {
            Assert.True(stored.Json.TryGetProperty(key, out _), $"no {key} in {stored.Out[..200]}");
        }
        Assert.Equal("churn-risk-v1", stored.Json.GetProperty("version").GetString());
        var slice = stored.Json.GetProperty("slices")[0];
        foreach (var key in new[] { "field", "value", "rows", "metrics", "flag" })
        {
            Assert.True(slice.TryGetProperty(key, out _), key);
        }
        var fairness = stored.Json.GetProperty("fairness").EnumerateArray().Single();
        Assert.Equal("region", fairness.GetProperty("field").GetString());
        Assert.Equal(5, fairness.GetProperty("groups").EnumerateObject().Count());
        foreach (var key in new[] { "rows", "selection_rate", "tpr", "fpr" })
        {
            Assert.True(fairness.GetProperty("groups").EnumerateObject().First().Value.TryGetProperty(key, out _), key);
        }
        foreach (var key in new[] { "demographic_parity_difference", "demographic_parity_ratio", "equalized_odds_difference" })
        {
            Assert.Equal(JsonValueKind.Number, fairness.GetProperty(key).ValueKind);
        }
        Assert.Equal(2, stored.Json.GetProperty("expectations").GetArrayLength());
        Assert.True(stored.Json.GetProperty("calibration").GetProperty("ece").GetDouble() > 0);
        Assert.Equal(JsonValueKind.Null, stored.Json.GetProperty("value").ValueKind); // the demo prices no outcome

        var report = Path.Combine(_graft.Root, "report.html");
        var rerun = await _graft.RunAsync("evaluate", "churn-risk-v1", "--test-data", Path.Combine(demoDir, "customers.csv"), "--html", report, "--json");
        Assert.True(rerun.ExitCode == 0, rerun.ToString());
        Assert.Equal(1500, rerun.Json.GetProperty("rows").GetInt32());
        var html = await File.ReadAllTextAsync(report);
        Assert.Contains("<h2>Slices</h2>", html);
        Assert.Contains("reliability curve", html);
        Assert.Contains("selection rate by region", html);
        Assert.DoesNotContain("<script", html);

        var shown = await _graft.RunAsync("models", "show", "churn-risk-v1", "--json");
        Assert.Equal(stored.Json.GetProperty("rows").GetInt32(), shown.Json.GetProperty("model_tests").GetProperty("rows").GetInt32());
        var text = await _graft.RunAsync("models", "show", "churn-risk-v1");
        Assert.Contains("model tests of churn-risk-v1", text.Out);

        var trained = await _graft.RunAsync("train", "--usecase", "churn-risk", "--json");
        Assert.True(trained.ExitCode == 0, trained.ToString());
        Assert.All(trained.Json.GetProperty("candidates").EnumerateArray(), c => Assert.Equal(JsonValueKind.Object, c.GetProperty("model_tests").ValueKind));
    }

    [Fact]
    public async Task A_test_file_without_the_target_fails_in_one_line()
    {
        var demoDir = Path.Combine(_graft.Root, "demo");
        var demo = await _graft.RunAsync("demo", "--no-serve", "--rows", "800", "--dir", demoDir);
        Assert.True(demo.ExitCode == 0, demo.ToString());
        var lines = await File.ReadAllLinesAsync(Path.Combine(demoDir, "customers.csv"));
        Assert.EndsWith(",churned", lines[0]); // the last column, so cutting each line's last field drops it
        var unlabelled = _graft.Write("unlabelled.csv", string.Join("\n", lines.Take(50).Select(l => l[..l.LastIndexOf(',')])));
        var result = await _graft.RunAsync("evaluate", "churn-risk-v1", "--test-data", unlabelled);
        result.AssertOneLineFailure(2, "the test file has no target column 'churned'");
        var missing = await _graft.RunAsync("evaluate", "churn-risk-v9", "--json");
        missing.AssertOneLineFailure(3, "no model version 'churn-risk-v9'");
    }
}
