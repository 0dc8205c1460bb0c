using Graft.Governance;
using Graft.Tests.Storage;
using Microsoft.EntityFrameworkCore;

namespace Graft.Tests.Governance;

/// <summary>
/// Someone with write access to the database changes the trail behind Graft's back (raw SQL, as they would); verifying
/// names the first entry that no longer holds. Twelve entries, checkpoints at 5 and 10.
/// </summary>
public class TrailTamperTests
{
    private static async Task<TempHome> TrailAsync()
    {
        var temp = await TempHome.CreateAsync();
        await TrailTestData.AppendAsync(temp, 12, checkpointEvery: 5);
        Assert.True((await TrailTestData.VerifyAsync(temp.Home)).Ok);
        return temp;
    }

    /// <summary>The same first bad entry walking the trail in one stretch as in several at once (each starting mid-trail).</summary>
    private static async Task AssertFirstBadAsync(TempHome temp, long sequence, string problem, string? checkpoints = null)
    {
        foreach (var stretches in new int?[] { null, 1, 3, 5 })
        {
            var verified = await new TrailVerifier(temp.Home, stretches).VerifyAsync(checkpoints, default);
            Assert.False(verified.Ok);
            Assert.True(sequence == verified.FirstBad, $"in {stretches} stretches, first bad {verified.FirstBad}: {verified.Problem}");
            Assert.Contains(problem, verified.Problem);
        }
    }

    [Theory]
    [InlineData("Subject = 'toy-v1'")]
    [InlineData("Reason = 'nobody asked'")]
    [InlineData("Reason = NULL")]
    [InlineData("After = '{{\"champion\":\"toy-v9\"}}'")] // braces doubled: raw SQL is a format string
    [InlineData("ActorId = 'cli:someone-else'")]
    [InlineData("At = '2025-01-01 00:00:00'")]
    public async Task An_edited_field_is_named_at_its_entry(string edit)
    {
        await using var temp = await TrailAsync();
        await TrailTestData.SqlAsync(temp.Home, $"UPDATE TrailEntries SET {edit} WHERE Sequence = 7");
        await AssertFirstBadAsync(temp, 7, "entry 7 does not match its hash: it was changed after it was written");
    }

    [Fact]
    public async Task A_deleted_entry_is_named_as_missing()
    {
        await using var temp = await TrailAsync();
        await TrailTestData.SqlAsync(temp.Home, "DELETE FROM TrailEntries WHERE Sequence = 4");
        await AssertFirstBadAsync(temp, 4, "entry 4 is missing: the entry after 3 is 5");
    }

    [Fact]
    public async Task A_deleted_entry_with_the_rest_renumbered_is_named()
    {
        await using var temp = await TrailAsync();
        await TrailTestData.SqlAsync(temp.Home, "DELETE FROM TrailEntries WHERE Sequence = 4; UPDATE TrailEntries SET Sequence = -(Sequence - 1) WHERE Sequence > 4; UPDATE TrailEntries SET Sequence = -Sequence WHERE Sequence < 0");
        await AssertFirstBadAsync(temp, 4, "entry 4 does not match its hash");
    }

    [Fact]
    public async Task An_inserted_entry_is_named_even_when_its_own_hash_is_right()
    {
        await using var temp = await TrailAsync();
        var entries = await TrailTestData.EntriesAsync(temp.Home);
        // a well-formed entry 13 after 12, then moved in at 3 with the rest renumbered
        var forged = new TrailEntry(3, temp.Home.Now, Actor.Operator("intruder"), TrailTestData.Record(99), null, null, entries[1].Hash);
        await TrailTestData.SqlAsync(temp.Home, "UPDATE TrailEntries SET Sequence = -(Sequence + 1) WHERE Sequence >= 3; UPDATE TrailEntries SET Sequence = -Sequence WHERE Sequence < 0");
        await using (var db = temp.Home.CreateDb())
        {
            db.TrailEntries.Add(forged);
            await db.SaveChangesAsync();
        }
        // entry 3 is self-consistent and follows 2; the entry after it, once 3, no longer matches its number
        await AssertFirstBadAsync(temp, 4, "entry 4 does not match its hash");
    }

    [Fact]
    public async Task An_entry_appended_without_its_hash_chain_is_named()
    {
        await using var temp = await TrailAsync();
        var entries = await TrailTestData.EntriesAsync(temp.Home);
        var forged = new TrailEntry(13, temp.Home.Now, Actor.Operator("intruder"), TrailTestData.Record(99), null, null, entries[5].Hash); // links to 6, not 12
        await using (var db = temp.Home.CreateDb())
        {
            db.TrailEntries.Add(forged);
            await db.SaveChangesAsync();
        }
        await AssertFirstBadAsync(temp, 13, "entry 13 does not follow entry 12");
    }

    [Fact]
    public async Task Two_swapped_entries_are_named_at_the_first()
    {
        await using var temp = await TrailAsync();
        await TrailTestData.SqlAsync(temp.Home, "UPDATE TrailEntries SET Sequence = -1 WHERE Sequence = 8; UPDATE TrailEntries SET Sequence = 8 WHERE Sequence = 9; UPDATE TrailEntries SET Sequence = 9 WHERE Sequence = -1");
        await AssertFirstBadAsync(temp, 8, "entry 8 does not match its hash");
    }

    [Fact]
    public async Task A_truncated_tail_is_named_by_the_checkpoint_past_it()
    {
        await using var temp = await TrailAsync();
        await TrailTestData.SqlAsync(temp.Home, "DELETE FROM TrailEntries WHERE Sequence > 7");
        await AssertFirstBadAsync(temp, 8, "the trail ends at entry 7, but checkpoint 10 was signed: entries 8 to 10 at least were removed");
    }

    [Fact]
    public async Task A_truncated_tail_with_its_checkpoints_deleted_is_named_by_the_checkpoints_file()
    {
        await using var temp = await TrailAsync();
        await TrailTestData.SqlAsync(temp.Home, "DELETE FROM TrailEntries WHERE Sequence > 7; DELETE FROM TrailCheckpoints WHERE Sequence > 7");
        await AssertFirstBadAsync(temp, 8, "entries 8 to 10 at least were removed");
    }

    [Fact]
    public async Task With_the_stores_file_gone_too_only_the_file_an_auditor_kept_names_the_truncation()
    {
        await using var temp = await TrailAsync();
        var kept = Path.Combine(temp.Root, "auditor-copy.jsonl");
        File.Copy(TrailCheckpointFile.PathIn(temp.Root), kept);
        await TrailTestData.SqlAsync(temp.Home, "DELETE FROM TrailEntries WHERE Sequence > 7; DELETE FROM TrailCheckpoints WHERE Sequence > 7");
        File.Delete(TrailCheckpointFile.PathIn(temp.Root));

        Assert.True((await TrailTestData.VerifyAsync(temp.Home)).Ok); // what cannot be seen without a copy kept elsewhere
        await AssertFirstBadAsync(temp, 8, "entries 8 to 10 at least were removed", kept);
    }

    [Fact]
    public async Task Checkpoints_deleted_from_the_database_are_named_by_the_file()
    {
        await using var temp = await TrailAsync();
        await TrailTestData.SqlAsync(temp.Home, "DELETE FROM TrailCheckpoints WHERE Sequence = 5");
        await AssertFirstBadAsync(temp, 5, "checkpoint 5 is in a checkpoints file but not in the database");
    }

    [Fact]
    public async Task A_chain_rewritten_with_recomputed_hashes_is_named_by_the_first_checkpoint_it_no_longer_matches()
    {
        await using var temp = await TrailAsync();
        var entries = await TrailTestData.EntriesAsync(temp.Home);
        var previous = new byte[32];
        var rewritten = new List<TrailEntry>();
        foreach (var e in entries)
        {
            var record = new TrailRecord(e.Act, e.UseCaseId, e.Sequence == 7 ? "toy-v1" : e.Subject, Reason: e.Reason);
            var entry = new TrailEntry(e.Sequence, e.At, new Actor(e.ActorId, e.ActorRole), record, e.Before, e.After, previous);
            rewritten.Add(entry);
            previous = entry.Hash;
        }
        await using (var db = temp.Home.CreateDb())
        {
            await db.TrailEntries.ExecuteDeleteAsync();
            db.TrailEntries.AddRange(rewritten);
            await db.SaveChangesAsync();
        }

        // the chain holds on its own; the signature over entry 10's old hash does not
        await AssertFirstBadAsync(temp, 10, "entry 10 is not the one its checkpoint signed: the trail was rewritten after entry 5");
    }

    [Fact]
    public async Task A_forged_checkpoint_is_named()
    {
        await using var temp = await TrailAsync();
        await using (var db = temp.Home.CreateDb())
        {
            var checkpoint = await db.TrailCheckpoints.SingleAsync(c => c.Sequence == 10);
            var signature = checkpoint.Signature.ToArray();
            signature[0] ^= 1;
            await db.TrailCheckpoints.Where(c => c.Sequence == 10).ExecuteUpdateAsync(s => s.SetProperty(c => c.Signature, signature));
        }
        File.Delete(TrailCheckpointFile.PathIn(temp.Root)); // else the file's true copy is checked too (and passes)
        await AssertFirstBadAsync(temp, 10, "checkpoint 10 is not signed by this store's trail key");
    }

    [Fact]
    public async Task A_checkpoint_signed_with_another_key_is_named()
    {
        await using var temp = await TrailAsync();
        var entries = await TrailTestData.EntriesAsync(temp.Home);
        var stranger = TrailKey.FromSecret(Convert.ToBase64String(new byte[32]));
        await File.AppendAllTextAsync(Path.Combine(temp.Root, "theirs.jsonl"),
            System.Text.Json.JsonSerializer.Serialize(TrailCheckpointView.Of(TrailCheckpoint.Sign(entries[10], temp.Home.Now, stranger)), Graft.Registry.ModelRegistry.Json) + "\n");
        await AssertFirstBadAsync(temp, 11, "checkpoint 11 is", Path.Combine(temp.Root, "theirs.jsonl"));
    }
}
