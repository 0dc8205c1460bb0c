namespace Graft.Cli.Tests;

public sealed class CommandErrorTests : IDisposable
{
    private readonly GraftProcess _graft = new();

    public void Dispose() => _graft.Dispose();

    private async Task AssertOneLineFailure(int code, string expected, params string[] args) =>
        (await _graft.RunAsync(args)).AssertOneLineFailure(code, expected);

    [Fact]
    public Task An_unknown_use_case_is_not_found() =>
        AssertOneLineFailure(3, "no use case 'nope'", "models", "list", "nope");

    [Fact]
    public Task A_missing_file_is_not_found() =>
        AssertOneLineFailure(3, "no file", "usecase", "apply", "missing.yaml");

    [Fact]
    public async Task A_spec_with_an_unknown_key_names_the_line_and_key()
    {
        var path = _graft.Write("bad.yaml", "id: ab\ntitle: x\ntask: binary\ntarget: {column: y}\ncolour: red\n");
        await AssertOneLineFailure(2, "line 5, colour: unknown key", "usecase", "apply", path);
    }

    [Fact]
    public async Task A_rule_that_does_not_parse_is_refused()
    {
        var path = _graft.Write("bad.yaml", "id: ab\ntitle: x\ntask: binary\ntarget: {column: y}\nrule: \"a >< 3\"\n");
        await AssertOneLineFailure(2, "rule:", "usecase", "apply", path);
    }

    [Fact]
    public async Task A_malformed_data_file_is_refused_and_nothing_is_registered()
    {
        var spec = _graft.Write("ok.yaml", "id: ab\ntitle: x\ntask: binary\ntarget: {column: y}\n");
        Assert.Equal(0, (await _graft.RunAsync("usecase", "apply", spec)).ExitCode);
        var data = _graft.Write("bad.csv", "a,y\n1,yes\n2\n");

        await AssertOneLineFailure(2, "line 3", "data", "add", "--usecase", "ab", data);

        var list = await _graft.RunAsync("data", "list", "ab", "--json");
        Assert.Equal(0, list.Json.GetArrayLength());
    }

    [Fact]
    public Task A_version_that_does_not_exist_is_not_found() =>
        AssertOneLineFailure(3, "no model version 'ab-v9'", "models", "show", "ab-v9");
}
