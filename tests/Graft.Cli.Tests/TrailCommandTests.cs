using System.Globalization;
using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.Data.Sqlite;

namespace Graft.Cli.Tests;

/// <summary>
/// <c>graft trail …</c> on a store where six acts happened: a spec applied, data imported, a key made, the stage lowered,
/// the kill switch thrown and a key revoked.
/// </summary>
public sealed class TrailCommandTests : IDisposable
{
    private const string Spec = "id: tickets\ntitle: Tickets\ntask: binary\ntarget: {column: urgent, positive: 'yes'}\nentity: ticket_id\n";
    private readonly GraftProcess _graft = new();

    public void Dispose() => _graft.Dispose();

    private async Task ActAsync()
    {
        var data = _graft.Write("tickets.csv", "ticket_id,age_hours,urgent\n" + string.Join("\n", Enumerable.Range(0, 40).Select(i => $"T{i},{i * 3},{(i % 3 == 0 ? "yes" : "no")}")) + "\n");
        string[][] acts =
        [
            ["usecase", "apply", _graft.Write("s.yaml", Spec)], ["data", "add", "--usecase", "tickets", data],
            ["keys", "create", "--role", "viewer", "--usecase", "tickets"], ["stage", "tickets", "off", "--reason", "not yet"],
            ["kill", "tickets", "--reason", "drill"], ["keys", "create", "--role", "viewer"],
        ];
        foreach (var act in acts)
        {
            var result = await _graft.RunAsync(act);
            Assert.True(result.ExitCode == 0, result.ToString());
        }
    }

    private async Task<JsonElement> ListAsync(params string[] args)
    {
        var list = await _graft.RunAsync(["trail", "list", "--json", .. args]);
        Assert.True(list.ExitCode == 0, list.ToString());
        return list.Json;
    }

    /// <summary>Changes the store behind Graft's back, as someone with write access to the database file would.</summary>
    private async Task<int> SqlAsync(string sql)
    {
        await using var db = new SqliteConnection($"Data Source={Path.Combine(_graft.DataDir, "graft.db")};Pooling=False");
        await db.OpenAsync();
        await using var edit = db.CreateCommand();
        edit.CommandText = sql;
        return await edit.ExecuteNonQueryAsync();
    }

    [Fact]
    public async Task List_shows_each_act_by_the_operator_in_order_and_filters_by_use_case_and_limit()
    {
        await ActAsync();

        var all = await ListAsync();
        var table = await _graft.RunAsync("trail", "list");

        Assert.Equal(["usecase.applied", "data.imported", "key.created", "stage.changed", "usecase.killed", "key.created"],
            all.EnumerateArray().Select(e => e.GetProperty("act").GetString()));
        Assert.Equal(Enumerable.Range(1, 6), all.EnumerateArray().Select(e => e.GetProperty("sequence").GetInt32()));
        Assert.All(all.EnumerateArray(), e => Assert.Equal("operator", e.GetProperty("role").GetString()));
        Assert.Equal("drill", all[4].GetProperty("reason").GetString());
        Assert.Equal(5, (await ListAsync("--usecase", "tickets")).GetArrayLength()); // the key for every use case is of none
        Assert.Equal([5, 6], (await ListAsync("--limit", "2")).EnumerateArray().Select(e => e.GetProperty("sequence").GetInt32()));
        Assert.Contains("usecase.killed", table.Out);
        Assert.Contains("not yet", table.Out);
    }

    [Fact]
    public async Task Verify_says_a_whole_trail_is_ok_and_names_the_first_entry_changed_behind_its_back()
    {
        await ActAsync();

        var ok = await _graft.RunAsync("trail", "verify", "--json");
        Assert.Equal(1, await SqlAsync("UPDATE TrailEntries SET Reason = 'no drill at all' WHERE Sequence = 5"));
        var tampered = await _graft.RunAsync("trail", "verify", "--json");
        var plain = await _graft.RunAsync("trail", "verify");

        Assert.True(ok.ExitCode == 0, ok.ToString());
        Assert.Equal((true, 6, JsonValueKind.Null), (ok.Json.GetProperty("ok").GetBoolean(), ok.Json.GetProperty("entries").GetInt32(), ok.Json.GetProperty("first_bad").ValueKind));
        Assert.Equal(7, tampered.ExitCode);
        Assert.Equal((false, 5), (tampered.Json.GetProperty("ok").GetBoolean(), tampered.Json.GetProperty("first_bad").GetInt32()));
        Assert.Equal(7, plain.ExitCode);
        Assert.Equal("graft: the trail does not verify at entry 5: entry 5 does not match its hash: it was changed after it was written", Assert.Single(plain.Err.Trim().Split('\n')));
    }

    [Fact]
    public async Task A_kept_checkpoints_file_names_entries_removed_with_every_checkpoint_in_the_store()
    {
        await ActAsync();
        var checkpoint = await _graft.RunAsync("trail", "checkpoint", "--json");
        Assert.True(checkpoint.ExitCode == 0, checkpoint.ToString());
        Assert.Equal(6, checkpoint.Json.GetProperty("sequence").GetInt32());
        var kept = Path.Combine(_graft.Root, "kept.jsonl");
        File.Copy(Path.Combine(_graft.DataDir, "trail-checkpoints.jsonl"), kept);
        await SqlAsync("DELETE FROM TrailEntries WHERE Sequence > 4; DELETE FROM TrailCheckpoints");
        File.Delete(Path.Combine(_graft.DataDir, "trail-checkpoints.jsonl"));

        var blind = await _graft.RunAsync("trail", "verify");
        var checkedAgainst = await _graft.RunAsync("trail", "verify", "--checkpoints", kept, "--json");

        Assert.True(blind.ExitCode == 0, blind.ToString());
        Assert.Equal(7, checkedAgainst.ExitCode);
        Assert.Equal(5, checkedAgainst.Json.GetProperty("first_bad").GetInt32());
    }

    [Fact]
    public async Task Export_writes_every_entry_as_a_line_whose_hashes_chain_and_recompute()
    {
        await ActAsync();
        var file = Path.Combine(_graft.Root, "trail.jsonl");

        var export = await _graft.RunAsync("trail", "export", "-o", file);
        var toStdout = await _graft.RunAsync("trail", "export", "--usecase", "tickets");

        Assert.True(export.ExitCode == 0, export.ToString());
        var lines = File.ReadAllLines(file).Select(l => JsonDocument.Parse(l).RootElement).ToList();
        Assert.Equal(6, lines.Count);
        var previous = new string('0', 64);
        foreach (var line in lines)
        {
            Assert.Equal(previous, line.GetProperty("previous_hash").GetString());
            Assert.Equal(Recomputed(line), line.GetProperty("hash").GetString());
            previous = line.GetProperty("hash").GetString()!;
        }
        Assert.Equal(5, toStdout.Out.Trim().Split('\n').Length);
        Assert.DoesNotContain("\\u0022", toStdout.Out); // before and after read as they were hashed
    }

    /// <summary>An exported line's hash, recomputed from the documented bytes (docs/trail.md), as an auditor's own tool would.</summary>
    private static string Recomputed(JsonElement line)
    {
        using var bytes = new MemoryStream();
        void Integer(long value)
        {
            var big = BitConverter.GetBytes(value);
            Array.Reverse(big);
            bytes.Write(big);
        }
        void Text(string? text)
        {
            var utf8 = text is null ? [] : System.Text.Encoding.UTF8.GetBytes(text);
            var length = BitConverter.GetBytes(text is null ? uint.MaxValue : (uint)utf8.Length);
            Array.Reverse(length);
            bytes.Write(length);
            bytes.Write(utf8);
        }
        Text("graft.trail.entry.v1");
        Integer(line.GetProperty("sequence").GetInt64());
        var at = DateTimeOffset.Parse(line.GetProperty("at").GetString()!, CultureInfo.InvariantCulture);
        Integer((at.UtcTicks - DateTimeOffset.UnixEpoch.UtcTicks) / 10);
        foreach (var field in new[] { "actor", "role", "act", "use_case", "subject", "reason", "before", "after" })
        {
            Text(line.GetProperty(field).GetString());
        }
        bytes.Write(Convert.FromHexString(line.GetProperty("previous_hash").GetString()!));
        return Convert.ToHexStringLower(SHA256.HashData(bytes.ToArray()));
    }

    [Fact]
    public async Task At_names_the_stage_cohort_and_kill_switch_in_force_each_with_the_entry_that_set_it()
    {
        await ActAsync();
        var killedAt = (await ListAsync())[4].GetProperty("at").GetDateTime().ToUniversalTime();

        var now = await _graft.RunAsync("trail", "at", "tickets", killedAt.ToString("O"), "--json"); // the instant of an entry includes it
        var before = await _graft.RunAsync("trail", "at", "tickets", killedAt.AddTicks(-10).ToString("O"), "--json");
        var table = await _graft.RunAsync("trail", "at", "tickets", killedAt.ToString("O"));

        Assert.True(now.ExitCode == 0, now.ToString());
        Assert.Equal(("off", 4, 100, true, 5), (now.Json.GetProperty("stage").GetProperty("value").GetString(), now.Json.GetProperty("stage").GetProperty("sequence").GetInt32(),
            now.Json.GetProperty("cohort_percent").GetProperty("value").GetInt32(), now.Json.GetProperty("killed").GetProperty("value").GetBoolean(),
            now.Json.GetProperty("killed").GetProperty("sequence").GetInt32()));
        Assert.Equal(JsonValueKind.Null, now.Json.GetProperty("champion").ValueKind);
        Assert.Equal(JsonValueKind.Null, before.Json.GetProperty("killed").ValueKind);
        Assert.Equal("off", before.Json.GetProperty("stage").GetProperty("value").GetString());
        Assert.Contains("set by entry 5 (usecase.killed", table.Out);
    }

    [Theory]
    [InlineData(3, "no use case 'nope'", "trail", "at", "nope", "2026-01-01")]
    [InlineData(2, "'last tuesday' is not a time", "trail", "at", "tickets", "last tuesday")]
    [InlineData(2, "is in the future", "trail", "list", "--since", "2999-01-01")]
    [InlineData(3, "no use case 'nope'", "trail", "export", "--usecase", "nope")]
    [InlineData(2, "line 1, is not a trail checkpoint", "trail", "verify", "--checkpoints", "not-checkpoints.txt")]
    [InlineData(3, "no checkpoints file", "trail", "verify", "--checkpoints", "missing.jsonl")]
    [InlineData(2, "--limit", "trail", "list", "--limit", "0")]
    public async Task Bad_input_fails_with_one_line_naming_the_problem(int exitCode, string named, params string[] args)
    {
        await _graft.RunAsync("usecase", "apply", _graft.Write("s.yaml", Spec));
        _graft.Write("not-checkpoints.txt", "sequence,hash\n1,abc\n");

        var result = await _graft.RunAsync(args);

        Assert.Equal(exitCode, result.ExitCode);
        Assert.Contains(named, Assert.Single(result.Err.Trim().Split('\n')));
    }

    [Fact]
    public async Task Export_to_a_file_that_cannot_be_written_leaves_no_file_behind()
    {
        await ActAsync();
        var folder = Path.Combine(_graft.Root, "no-such-folder", "trail.jsonl");

        var export = await _graft.RunAsync("trail", "export", "-o", folder);

        Assert.NotEqual(0, export.ExitCode);
        Assert.False(Directory.Exists(Path.Combine(_graft.Root, "no-such-folder")));
    }
}
