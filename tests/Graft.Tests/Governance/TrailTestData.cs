using Graft.Governance;
using Graft.Storage;
using Graft.Tests.Storage;
using Microsoft.EntityFrameworkCore;

namespace Graft.Tests.Governance;

/// <summary>Trails written for the tests, and reading them back as stored.</summary>
internal static class TrailTestData
{
    /// <summary>Appends <paramref name="count"/> entries, a minute apart, each recording a made-up champion change of use case toy.</summary>
    public static async Task AppendAsync(TempHome temp, int count, int checkpointEvery = AuditTrail.DefaultCheckpointEvery)
    {
        var trail = new AuditTrail(temp.Home, checkpointEvery);
        for (var i = 0; i < count; i++)
        {
            temp.Time.Advance(TimeSpan.FromMinutes(1));
            await trail.CommitAsync(Testing.TestActors.Tester, (_, _) => Task.FromResult((i, (TrailRecord?)Record(i))), default);
        }
    }

    public static TrailRecord Record(int i) =>
        new(TrailActs.ModelPromoted, "toy", $"toy-v{i + 2}", new { champion = $"toy-v{i + 1}" }, new { champion = $"toy-v{i + 2}" }, i % 3 == 0 ? "better" : null);

    public static async Task<List<TrailEntry>> EntriesAsync(GraftHome home)
    {
        await using var db = home.CreateDb();
        return await db.TrailEntries.AsNoTracking().OrderBy(e => e.Sequence).ToListAsync();
    }

    public static async Task SqlAsync(GraftHome home, string sql)
    {
        await using var db = home.CreateDb();
        await db.Database.ExecuteSqlRawAsync(sql);
    }

    public static Task<TrailVerification> VerifyAsync(GraftHome home, string? checkpoints = null) =>
        new TrailVerifier(home).VerifyAsync(checkpoints, default);
}
