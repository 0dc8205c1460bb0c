namespace Graft.Cli.Tests;

/// <summary>graft status, stage, kill and revive on the demo's use case, which starts in assist.</summary>
public sealed class RolloutCommandTests : IDisposable
{
    private readonly GraftProcess _graft = new();

    public void Dispose() => _graft.Dispose();

    [Fact]
    public async Task Status_stage_kill_and_revive_keep_their_contract_and_refuse_bad_moves_leaving_the_state()
    {
        Assert.Equal(0, (await _graft.RunAsync("demo", "--no-serve", "--rows", "1000")).ExitCode);

        var status = await _graft.RunAsync("status", "churn-risk", "--json");
        Assert.True(status.ExitCode == 0, status.ToString());
        foreach (var key in new[] { "stage", "cohort_percent", "killed", "challenger", "gates", "scorecard" })
        {
            Assert.True(status.Json.TryGetProperty(key, out _), $"status --json lacks {key}");
        }
        Assert.Equal("assist", status.Json.GetProperty("stage").GetString());
        var gate = status.Json.GetProperty("gates")[0];
        Assert.Equal(["phase", "name", "result", "evidence"], new[] { "phase", "name", "result", "evidence" }.Where(k => gate.TryGetProperty(k, out _)));
        var score = status.Json.GetProperty("scorecard")[0];
        Assert.Equal(["dimension", "color", "reason"], new[] { "dimension", "color", "reason" }.Where(k => score.TryGetProperty(k, out _)));

        var blocked = await _graft.RunAsync("stage", "churn-risk", "auto", "--reason", "go");
        Assert.Equal(5, blocked.ExitCode);
        Assert.Contains("operations/alert_rules failed", blocked.Err);
        Assert.Single(blocked.Err.Trim().Split('\n'));
        Assert.Equal(2, (await _graft.RunAsync("stage", "churn-risk", "assist", "--cohort", "150", "--reason", "more")).ExitCode);
        Assert.Equal(2, (await _graft.RunAsync("stage", "churn-risk", "sideways", "--reason", "why")).ExitCode);
        Assert.NotEqual(0, (await _graft.RunAsync("stage", "churn-risk", "shadow")).ExitCode); // no reason
        Assert.Equal(3, (await _graft.RunAsync("kill", "nope", "--reason", "drill")).ExitCode);
        Assert.Equal(("assist", 100), Rollout(await _graft.RunAsync("status", "churn-risk", "--json")));

        var lowered = await _graft.RunAsync("stage", "churn-risk", "assist", "--cohort", "20", "--reason", "smaller pilot", "--json");
        Assert.True(lowered.ExitCode == 0, lowered.ToString());
        Assert.Equal((20, 100), (lowered.Json.GetProperty("cohort_percent").GetInt32(), lowered.Json.GetProperty("previous_cohort_percent").GetInt32()));
        var killed = await _graft.RunAsync("kill", "churn-risk", "--reason", "drill");
        Assert.True(killed.ExitCode == 0, killed.ToString());
        Assert.Contains("killed", killed.Out);
        Assert.True((await _graft.RunAsync("status", "churn-risk", "--json")).Json.GetProperty("killed").GetBoolean());
        Assert.Equal(0, (await _graft.RunAsync("revive", "churn-risk", "--reason", "drill over")).ExitCode);
        var after = await _graft.RunAsync("status", "churn-risk", "--json");
        Assert.False(after.Json.GetProperty("killed").GetBoolean());
        Assert.Equal(("assist", 20), Rollout(after));

        var text = await _graft.RunAsync("status", "churn-risk");
        Assert.Contains("stage assist, cohort 20 %", text.Out);
        Assert.Contains("beats_rule", text.Out);
        Assert.Contains("operations_ownership", text.Out);
    }

    private static (string?, int) Rollout(GraftProcess.Result status) =>
        (status.Json.GetProperty("stage").GetString(), status.Json.GetProperty("cohort_percent").GetInt32());
}
