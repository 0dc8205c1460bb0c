namespace Graft.Cli.Tests;

public sealed class KeysCommandTests : IDisposable
{
    private readonly GraftProcess _graft = new();

    public void Dispose() => _graft.Dispose();

    [Fact]
    public async Task A_key_is_shown_once_listed_without_its_secret_and_revocable()
    {
        var created = await _graft.RunAsync("keys", "create", "--role", "viewer", "--expires", "30d", "--json");
        Assert.True(created.ExitCode == 0, created.ToString());
        var id = created.Json.GetProperty("id").GetString()!;
        var secret = created.Json.GetProperty("key").GetString()!;
        Assert.StartsWith("graft_", secret);

        var list = await _graft.RunAsync("keys", "list", "--json");
        Assert.DoesNotContain(secret, list.Out);
        Assert.Equal("active", list.Json[0].GetProperty("state").GetString());

        Assert.Equal(0, (await _graft.RunAsync("keys", "revoke", id)).ExitCode);
        Assert.Equal("revoked", (await _graft.RunAsync("keys", "list", "--json")).Json[0].GetProperty("state").GetString());
    }

    [Theory]
    [InlineData(2, "--usecase", "--role", "app")]
    [InlineData(2, "--expires", "--role", "viewer", "--expires", "yesterday")]
    [InlineData(3, "nope", "--role", "viewer", "--usecase", "nope")]
    public async Task Bad_key_requests_fail_with_one_line_naming_the_problem(int exitCode, string named, params string[] args)
    {
        var result = await _graft.RunAsync(["keys", "create", .. args]);

        Assert.Equal(exitCode, result.ExitCode);
        Assert.Contains(named, Assert.Single(result.Err.Trim().Split('\n')));
    }
}
