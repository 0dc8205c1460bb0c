namespace Graft.Cli.Tests;

public sealed class SpecCommandTests : IDisposable
{
    private readonly GraftProcess _graft = new();

    public void Dispose() => _graft.Dispose();

    [Fact]
    public async Task Init_writes_a_spec_that_check_accepts_and_apply_registers()
    {
        var init = await _graft.RunAsync("init", "ticket-routing", "--task", "multiclass");
        Assert.True(init.ExitCode == 0, init.ToString());
        var path = Path.Combine(_graft.Root, "ticket-routing.yaml");
        Assert.Contains("task: multiclass", File.ReadAllText(path));

        var check = await _graft.RunAsync("spec", "check", path, "--json");
        Assert.True(check.ExitCode == 0, check.ToString());
        Assert.True(check.Json.GetProperty("valid").GetBoolean());

        var apply = await _graft.RunAsync("usecase", "apply", path, "--json");
        Assert.Equal("created", apply.Json.GetProperty("outcome").GetString());
        var again = await _graft.RunAsync("usecase", "apply", path, "--json");
        Assert.Equal("unchanged", again.Json.GetProperty("outcome").GetString());
    }

    [Fact]
    public async Task Init_refuses_to_overwrite_without_force()
    {
        Assert.Equal(0, (await _graft.RunAsync("init", "abc")).ExitCode);
        var second = await _graft.RunAsync("init", "abc");
        Assert.Equal(2, second.ExitCode);
        Assert.Contains("already exists", second.Err);
    }

    [Fact]
    public async Task Check_against_data_names_a_missing_target_and_suggests_a_close_field()
    {
        var spec = _graft.Write("s.yaml", "id: ab\ntitle: x\ntask: binary\ntarget: {column: churn}\nrule: \"tenur < 3\"\n");
        var data = _graft.Write("d.csv", "Churn,tenure\nYes,1\nNo,5\n");

        var check = await _graft.RunAsync("spec", "check", spec, "--data", data);

        Assert.Equal(2, check.ExitCode);
        Assert.Contains("target.column: the data has no field 'churn'; did you mean 'Churn'?", check.Err);
        Assert.Contains("tenure", check.Err);
    }
}
