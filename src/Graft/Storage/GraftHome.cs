using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace Graft.Storage;

/// <summary>
/// One Graft store: the SQLite database (WAL) and the artifact folder under a root directory, chosen by
/// <c>--data-dir</c>, else <c>GRAFT_HOME</c>, else <c>.graft</c> in the current directory.
/// </summary>
public sealed class GraftHome
{
    public const string EnvironmentVariable = "GRAFT_HOME";

    private readonly DbContextOptions<GraftDb> _options;

    private GraftHome(string root, TimeProvider time)
    {
        Root = root;
        Time = time;
        Artifacts = new LocalArtifactStore(Path.Combine(root, "artifacts"));
        var connection = new SqliteConnectionStringBuilder { DataSource = Path.Combine(root, "graft.db"), Pooling = true };
        _options = new DbContextOptionsBuilder<GraftDb>().UseSqlite(connection.ToString()).Options;
    }

    public string Root { get; }

    /// <summary>
    /// How long a server may answer from what it read from the store (use cases, their champion and rollout: stage,
    /// cohort, kill switch; keys) before reading again: the bound on how soon a change made by another process applies.
    /// </summary>
    public static readonly TimeSpan Freshness = TimeSpan.FromSeconds(1);

    public TimeProvider Time { get; }

    public IArtifactStore Artifacts { get; }

    public DateTime Now => Time.GetUtcNow().UtcDateTime;

    public static string ResolveRoot(string? dataDir) =>
        Path.GetFullPath(dataDir ?? Environment.GetEnvironmentVariable(EnvironmentVariable) ?? ".graft");

    /// <summary>
    /// The page size of a new store. The prediction log appends hundreds of bytes a prediction; with SQLite's
    /// 4 KB pages a quarter of its writer's time went to the system calls that write, read back and checkpoint
    /// the pages. 16 KB pages need a quarter as many (the log bench: about 3.0 to 2.6 µs a record). A store made
    /// with other pages keeps them: the size can only be set before the first table.
    /// </summary>
    public const int PageSize = 16_384;

    /// <summary>Opens (creating if needed) the store and brings its schema up to date.</summary>
    public static async Task<GraftHome> OpenAsync(string root, TimeProvider? time = null, CancellationToken cancellationToken = default)
    {
        Directory.CreateDirectory(root);
        var home = new GraftHome(root, time ?? TimeProvider.System);
        await using var db = home.CreateDb();
        await db.Database.OpenConnectionAsync(cancellationToken); // one connection, so the page size holds for the tables the migration makes
        await db.Database.ExecuteSqlRawAsync($"PRAGMA page_size = {PageSize};", cancellationToken); // ignored once the store has tables
        await db.Database.MigrateAsync(cancellationToken);
        await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", cancellationToken);
        return home;
    }

    public GraftDb CreateDb() => new(_options);
}
