using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;
using Graft.Governance;
using Graft.Storage;
using Graft.Tests.Storage;
using Graft.UseCases;
using Microsoft.EntityFrameworkCore;

namespace Graft.Tests.Governance;

public class AuditTrailTests
{
    [Fact]
    public async Task Entries_are_numbered_without_gaps_each_holding_the_hash_of_the_one_before()
    {
        await using var temp = await TempHome.CreateAsync();

        await TrailTestData.AppendAsync(temp, 25);

        var entries = await TrailTestData.EntriesAsync(temp.Home);
        Assert.Equal(Enumerable.Range(1, 25).Select(i => (long)i), entries.Select(e => e.Sequence));
        Assert.Equal(new byte[32], entries[0].PreviousHash);
        for (var i = 1; i < entries.Count; i++)
        {
            Assert.Equal(entries[i - 1].Hash, entries[i].PreviousHash);
        }
        Assert.Equal(25, entries.Select(e => Convert.ToHexString(e.Hash)).Distinct().Count());
        var verified = await TrailTestData.VerifyAsync(temp.Home);
        Assert.Equal((true, 25L, (long?)null, (string?)null), (verified.Ok, verified.Entries, verified.FirstBad, verified.Problem));
        Assert.Equal(Convert.ToHexStringLower(entries[^1].Hash), verified.LastHash);
    }

    [Theory]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(7)]
    [InlineData(25)]
    public async Task A_trail_walked_in_stretches_at_once_verifies_as_one_walk_does(int stretches)
    {
        await using var temp = await TempHome.CreateAsync();
        await TrailTestData.AppendAsync(temp, 25, checkpointEvery: 4);

        var whole = await TrailTestData.VerifyAsync(temp.Home);
        var stretched = await new TrailVerifier(temp.Home, stretches).VerifyAsync(null, default);

        Assert.Equal((true, 25L, 6, whole.LastHash), (stretched.Ok, stretched.Entries, stretched.Checkpoints, stretched.LastHash));
        Assert.Equal(Convert.ToHexStringLower((await TrailTestData.EntriesAsync(temp.Home))[^1].Hash), stretched.LastHash);
    }

    [Fact]
    public async Task An_empty_trail_verifies_with_no_entries()
    {
        await using var temp = await TempHome.CreateAsync();

        var verified = await TrailTestData.VerifyAsync(temp.Home);

        Assert.Equal((true, 0L, (long?)null, (string?)null), (verified.Ok, verified.Entries, verified.FirstBad, verified.LastHash));
    }

    [Fact]
    public async Task An_entry_hashes_the_documented_bytes()
    {
        await using var temp = await TempHome.CreateAsync();
        temp.Time.SetUtcNow(new DateTimeOffset(2026, 12, 6, 14, 30, 0, TimeSpan.Zero).AddTicks(1_234_567)); // 0.1234567 s: kept to the microsecond
        await new AuditTrail(temp.Home).CommitAsync(Actor.Key("key_abc", "admin"), (_, _) =>
            Task.FromResult((0, (TrailRecord?)new TrailRecord(TrailActs.KeyRevoked, null, "key_xyz", null, new { revoked = true }))), default);

        var entry = (await TrailTestData.EntriesAsync(temp.Home)).Single();

        // docs/trail.md, written out again here as another tool would
        var bytes = new List<byte>();
        void Text(string? s)
        {
            var utf8 = s is null ? [] : Encoding.UTF8.GetBytes(s);
            bytes.AddRange(BigEndian(s is null ? uint.MaxValue : (uint)utf8.Length));
            bytes.AddRange(utf8);
        }
        Text("graft.trail.entry.v1");
        bytes.AddRange(BigEndian(1UL));
        bytes.AddRange(BigEndian((ulong)(new DateTimeOffset(2026, 12, 6, 14, 30, 0, TimeSpan.Zero).ToUnixTimeMilliseconds() * 1000 + 123_456)));
        foreach (var text in new[] { "key:key_abc", "admin", "key.revoked", null, "key_xyz", null, null, """{"revoked":true}""" })
        {
            Text(text);
        }
        bytes.AddRange(new byte[32]);
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData([.. bytes])), Convert.ToHexStringLower(entry.Hash));
    }

    private static byte[] BigEndian(uint value)
    {
        var bytes = new byte[4];
        BinaryPrimitives.WriteUInt32BigEndian(bytes, value);
        return bytes;
    }

    private static byte[] BigEndian(ulong value)
    {
        var bytes = new byte[8];
        BinaryPrimitives.WriteUInt64BigEndian(bytes, value);
        return bytes;
    }

    [Fact]
    public async Task A_change_that_fails_leaves_neither_its_state_nor_an_entry()
    {
        await using var temp = await TempHome.CreateAsync();

        await Assert.ThrowsAsync<InvalidOperationException>(() => new AuditTrail(temp.Home).CommitAsync<int>(Testing.TestActors.Tester, async (db, ct) =>
        {
            db.UseCases.Add(new UseCase("half-done", "Half done", TaskKind.Binary, temp.Home.Now));
            await db.SaveChangesAsync(ct); // written inside the transaction, then the change fails
            throw new InvalidOperationException("the change failed");
        }, default));

        await using var db = temp.Home.CreateDb();
        Assert.Equal((0, 0), (await db.UseCases.CountAsync(), await db.TrailEntries.CountAsync()));
    }

    [Fact]
    public async Task A_change_that_records_nothing_appends_nothing()
    {
        await using var temp = await TempHome.CreateAsync();

        var result = await new AuditTrail(temp.Home).CommitAsync(Testing.TestActors.Tester, (_, _) => Task.FromResult(("unchanged", (TrailRecord?)null)), default);

        Assert.Equal("unchanged", result);
        Assert.Empty(await TrailTestData.EntriesAsync(temp.Home));
    }

    [Fact]
    public async Task Two_processes_appending_at_once_leave_one_chain_without_gaps_or_duplicates()
    {
        await using var temp = await TempHome.CreateAsync();
        var other = await GraftHome.OpenAsync(temp.Root, temp.Time); // a second process's view of the same store
        const int Each = 60;

        async Task AppendAsync(GraftHome home, string who)
        {
            var trail = new AuditTrail(home, checkpointEvery: 25);
            for (var i = 0; i < Each; i++)
            {
                await trail.CommitAsync(Actor.Operator(who), (_, _) => Task.FromResult((i, (TrailRecord?)TrailTestData.Record(i))), default);
            }
        }

        await Task.WhenAll(Task.Run(() => AppendAsync(temp.Home, "first")), Task.Run(() => AppendAsync(other, "second")));

        var entries = await TrailTestData.EntriesAsync(temp.Home);
        Assert.Equal(Enumerable.Range(1, 2 * Each).Select(i => (long)i), entries.Select(e => e.Sequence));
        Assert.Equal(Each, entries.Count(e => e.ActorId == "cli:first"));
        Assert.Equal(Each, entries.Count(e => e.ActorId == "cli:second"));
        var verified = await TrailTestData.VerifyAsync(temp.Home);
        Assert.True(verified.Ok, verified.Problem);
        Assert.Equal(4, verified.Checkpoints); // 25, 50, 75, 100
    }

    [Fact]
    public async Task Every_nth_entry_is_checkpointed_in_the_database_and_in_the_file_beside_it()
    {
        await using var temp = await TempHome.CreateAsync();

        await TrailTestData.AppendAsync(temp, 12, checkpointEvery: 5);

        await using var db = temp.Home.CreateDb();
        Assert.Equal([5L, 10L], await db.TrailCheckpoints.OrderBy(c => c.Sequence).Select(c => c.Sequence).ToListAsync());
        var filed = await TrailCheckpointFile.ReadAsync(TrailCheckpointFile.PathIn(temp.Root), required: true, default);
        Assert.Equal([5L, 10L], filed.Select(c => c.Sequence));
        var key = TrailKey.OpenExisting(temp.Root)!;
        Assert.All(filed, c => Assert.True(c.IsSignedBy(key)));
        var entries = await TrailTestData.EntriesAsync(temp.Home);
        Assert.Equal(entries[9].Hash, filed[1].Hash);
        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(Path.Combine(temp.Root, TrailKey.FileName)));
        }
    }

    [Fact]
    public async Task A_checkpoint_on_demand_signs_the_last_entry_once()
    {
        await using var temp = await TempHome.CreateAsync();
        Assert.Null(await new AuditTrail(temp.Home).CheckpointAsync(default)); // nothing to sign yet
        await TrailTestData.AppendAsync(temp, 3);

        var first = await new AuditTrail(temp.Home).CheckpointAsync(default);
        var again = await new AuditTrail(temp.Home).CheckpointAsync(default);

        Assert.Equal(3, first!.Sequence);
        Assert.Equal(first.Signature, again!.Signature);
        Assert.Single(await TrailCheckpointFile.ReadAsync(TrailCheckpointFile.PathIn(temp.Root), required: true, default));
    }
}
