namespace Graft.Cli.Tests;

public sealed class ModelsCommandTests : IDisposable
{
    private readonly GraftProcess _graft = new();

    public void Dispose() => _graft.Dispose();

    private async Task<string?> ChampionAsync() =>
        (await _graft.RunAsync("usecase", "list", "--json")).Json[0].GetProperty("champion").GetString();

    [Fact]
    public async Task Promote_and_rollback_switch_the_champion_and_a_corrupt_artifact_is_refused()
    {
        var demo = await _graft.RunAsync("demo", "--no-serve", "--rows", "1000", "--json");
        Assert.True(demo.ExitCode == 0, demo.ToString());
        var first = await ChampionAsync();
        var other = demo.Json.GetProperty("training").GetProperty("candidates").EnumerateArray()
            .Select(c => c.GetProperty("version").GetString()).Single(v => v is not null && v != first)!;

        var promote = await _graft.RunAsync("models", "promote", other, "--reason", "try it", "--json");
        Assert.True(promote.ExitCode == 0, promote.ToString());
        Assert.Equal(first, promote.Json.GetProperty("previous").GetString());
        Assert.Equal(other, await ChampionAsync());

        var rollback = await _graft.RunAsync("models", "rollback", "churn-risk");
        Assert.True(rollback.ExitCode == 0, rollback.ToString());
        Assert.Equal(first, await ChampionAsync());

        var artifact = Path.Combine(_graft.DataDir, "artifacts", "models", other, "model.zip");
        File.WriteAllBytes(artifact, [1, 2, 3]);
        var refused = await _graft.RunAsync("models", "promote", other);
        Assert.Equal(4, refused.ExitCode); // a conflict with the store's state, as the API's 409
        Assert.Contains("cannot be served", refused.Err);
        Assert.Equal(first, await ChampionAsync());
    }

    [Fact]
    public async Task Rolling_back_the_first_champion_is_a_conflict()
    {
        Assert.Equal(0, (await _graft.RunAsync("demo", "--no-serve", "--rows", "800")).ExitCode);

        var rollback = await _graft.RunAsync("models", "rollback", "churn-risk");

        Assert.Equal(4, rollback.ExitCode);
        Assert.Contains("nothing to roll back to", rollback.Err);
    }
}
