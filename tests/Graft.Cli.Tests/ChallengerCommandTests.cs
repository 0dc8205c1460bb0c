namespace Graft.Cli.Tests;

public sealed class ChallengerCommandTests : IDisposable
{
    private readonly GraftProcess _graft = new();

    public void Dispose() => _graft.Dispose();

    [Fact]
    public async Task Set_report_promote_and_the_refusals_each_with_its_exit_code_and_one_line()
    {
        var demo = await _graft.RunAsync("demo", "--no-serve", "--rows", "1000", "--json");
        Assert.True(demo.ExitCode == 0, demo.ToString());
        var champion = demo.Json.GetProperty("training").GetProperty("champion").GetString()!;
        var other = demo.Json.GetProperty("training").GetProperty("candidates").EnumerateArray()
            .Select(c => c.GetProperty("version").GetString()).Single(v => v is not null && v != champion)!;

        var tooMany = await _graft.RunAsync("challenger", "set", "churn-risk", other, "--percent", "101", "--reason", "all of them");
        var itself = await _graft.RunAsync("challenger", "set", "churn-risk", champion, "--percent", "10", "--reason", "itself");
        var unknown = await _graft.RunAsync("challenger", "set", "churn-risk", "churn-risk-v99", "--percent", "10", "--reason", "no such");
        var noneYet = await _graft.RunAsync("challenger", "report", "churn-risk");
        Assert.Equal((2, 4, 3, 3), (tooMany.ExitCode, itself.ExitCode, unknown.ExitCode, noneYet.ExitCode));
        Assert.All(new[] { tooMany, itself, unknown, noneYet }, r => Assert.Single(r.Err.Trim().Split('\n')));

        var set = await _graft.RunAsync("challenger", "set", "churn-risk", other, "--mode", "canary", "--percent", "20", "--reason", "trees", "--json");
        Assert.True(set.ExitCode == 0, set.ToString());
        Assert.Equal("canary", set.Json.GetProperty("challenger").GetProperty("mode").GetString());
        var report = await _graft.RunAsync("challenger", "report", "churn-risk", "--json");
        Assert.Equal((0L, other), (report.Json.GetProperty("compared").GetInt64(), report.Json.GetProperty("challenger").GetProperty("version").GetString()));

        var blocked = await _graft.RunAsync("challenger", "promote", "churn-risk", "--reason", "no evidence yet");
        Assert.Equal(5, blocked.ExitCode);
        Assert.Contains("inconclusive", blocked.Err);
        var promoted = await _graft.RunAsync("challenger", "promote", "churn-risk", "--reason", "chosen by hand", "--override-gates", "--json");
        Assert.True(promoted.ExitCode == 0, promoted.ToString());
        Assert.Equal((other, champion), (promoted.Json.GetProperty("champion").GetString(), promoted.Json.GetProperty("previous").GetString()));
        var status = await _graft.RunAsync("status", "churn-risk", "--json");
        Assert.Equal(System.Text.Json.JsonValueKind.Null, status.Json.GetProperty("challenger").ValueKind);
    }
}
