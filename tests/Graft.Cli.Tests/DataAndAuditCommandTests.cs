namespace Graft.Cli.Tests;

public sealed class DataAndAuditCommandTests : IDisposable
{
    private const string Spec = "id: tickets\ntitle: Tickets\ntask: binary\ntarget: {column: urgent, positive: 'yes'}\nentity: ticket_id\n";
    private readonly GraftProcess _graft = new();

    public void Dispose() => _graft.Dispose();

    private string Data()
    {
        var rows = Enumerable.Range(0, 60).Select(i => $"T{i};{(i % 7 == 0 ? "" : (i * 3).ToString(System.Globalization.CultureInfo.InvariantCulture))};{(i % 3 == 0 ? "yes" : "no")}");
        return _graft.Write("tickets.csv", "ticket_id;age_hours;urgent\n" + string.Join("\n", rows) + "\n");
    }

    [Fact]
    public async Task Adding_the_same_file_twice_gives_the_same_version()
    {
        await _graft.RunAsync("usecase", "apply", _graft.Write("s.yaml", Spec));
        var data = Data();

        var first = await _graft.RunAsync("data", "add", "--usecase", "tickets", data, "--json");
        var second = await _graft.RunAsync("data", "add", "--usecase", "tickets", data, "--json");

        Assert.True(first.ExitCode == 0, first.ToString());
        Assert.Equal(first.Json.GetProperty("version").GetString(), second.Json.GetProperty("version").GetString());
        Assert.True(first.Json.GetProperty("created").GetBoolean());
        Assert.False(second.Json.GetProperty("created").GetBoolean());
        Assert.Equal(60, first.Json.GetProperty("rows").GetInt32());
        var schema = first.Json.GetProperty("schema").EnumerateArray().ToList();
        Assert.Equal("number", schema[1].GetProperty("type").GetString());
    }

    [Fact]
    public async Task Audit_json_has_fields_and_findings_with_the_documented_names()
    {
        var spec = _graft.Write("s.yaml", Spec);
        var audit = await _graft.RunAsync("audit", Data(), "--spec", spec, "--out", Path.Combine(_graft.Root, "reports"), "--json");

        Assert.True(audit.ExitCode == 0, audit.ToString());
        var field = audit.Json.GetProperty("fields").EnumerateArray().Single(f => f.GetProperty("name").GetString() == "age_hours");
        Assert.Equal("number", field.GetProperty("type").GetString());
        Assert.Equal(51.0 / 60, field.GetProperty("completeness").GetDouble(), 6);
        var missing = audit.Json.GetProperty("findings").EnumerateArray().Single(f => f.GetProperty("code").GetString() == "missing_values");
        Assert.Equal("age_hours", missing.GetProperty("field").GetString());
        Assert.Contains("9 of 60", missing.GetProperty("message").GetString());
        Assert.Equal("warning", missing.GetProperty("severity").GetString());
        Assert.True(File.Exists(Path.Combine(_graft.Root, "reports", "audit-tickets.html")));
    }

    [Fact]
    public async Task Audit_of_a_stored_version_against_the_use_case_is_recorded_and_reported_in_the_stores_reports_folder()
    {
        await _graft.RunAsync("usecase", "apply", _graft.Write("s.yaml", Spec));
        var version = (await _graft.RunAsync("data", "add", "--usecase", "tickets", Data(), "--json")).Json.GetProperty("version").GetString()!;

        var audit = await _graft.RunAsync("audit", version, "--usecase", "tickets");

        Assert.True(audit.ExitCode == 0, audit.ToString());
        Assert.True(File.Exists(Path.Combine(_graft.DataDir, "reports", $"audit-{version}.html")));
        Assert.Empty(Directory.EnumerateFiles(_graft.Root, "audit-*")); // not left in the folder it was run from
        Assert.Contains("data audit gate: passed", audit.Out);
        Assert.Contains($"Audit of {version}", audit.Out);
        var home = await Graft.Storage.GraftHome.OpenAsync(_graft.DataDir);
        await using var db = home.CreateDb();
        var recorded = Assert.Single(db.Audits.Where(a => a.UseCaseId == "tickets").ToList());
        Assert.Equal((1, version), (recorded.SpecRevision, recorded.DatasetVersionId));
    }
}
