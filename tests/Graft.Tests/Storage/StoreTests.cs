using Graft.Data;
using Graft.Storage;
using Graft.UseCases;
using Microsoft.EntityFrameworkCore;

namespace Graft.Tests.Storage;

public class StoreTests
{
    private const string Spec = "id: demo-case\ntitle: Demo\ntask: binary\ntarget: {column: y, positive: 'yes'}\n";

    [Fact]
    public async Task Applying_a_spec_creates_then_revises_only_when_it_changed()
    {
        await using var temp = await TempHome.CreateAsync();
        var catalog = new UseCaseCatalog(temp.Home);

        var first = await catalog.ApplyAsync(Spec, "a.yaml", Testing.TestActors.Tester, default);
        var again = await catalog.ApplyAsync(Spec, "a.yaml", Testing.TestActors.Tester, default);
        var changed = await catalog.ApplyAsync(Spec.Replace("title: Demo", "title: Demo two"), "a.yaml", Testing.TestActors.Tester, default);

        Assert.Equal((ApplyOutcome.Created, 1), (first.Outcome, first.Revision));
        Assert.Equal((ApplyOutcome.Unchanged, 1), (again.Outcome, again.Revision));
        Assert.Equal((ApplyOutcome.Updated, 2), (changed.Outcome, changed.Revision));
        var (useCase, revision) = await catalog.GetAsync("demo-case", default);
        Assert.Equal("Demo two", useCase.Title);
        Assert.Equal("Demo two", revision.Spec().Title);
    }

    [Fact]
    public async Task The_same_bytes_imported_twice_are_the_same_version()
    {
        await using var temp = await TempHome.CreateAsync();
        await new UseCaseCatalog(temp.Home).ApplyAsync(Spec, "a.yaml", Testing.TestActors.Tester, default);
        var path = temp.File("d.csv", "x,y\n1,yes\n2,no\n");
        var datasets = new DatasetCatalog(temp.Home);

        var first = await datasets.ImportAsync("demo-case", path, Testing.TestActors.Tester, default);
        var second = await datasets.ImportAsync("demo-case", path, Testing.TestActors.Tester, default);

        Assert.True(first.Created);
        Assert.False(second.Created);
        Assert.Equal(first.Version.Id, second.Version.Id);
        Assert.StartsWith("ds-", first.Version.Id);
        Assert.Equal(2, first.Version.Rows);
        var loaded = await datasets.LoadAsync(await datasets.FindAsync(first.Version.Id, default), default);
        Assert.Equal(new string?[] { "1", "2" }, loaded.Column("x"));
    }

    [Fact]
    public async Task Adding_data_again_makes_it_the_latest_again()
    {
        await using var temp = await TempHome.CreateAsync();
        await new UseCaseCatalog(temp.Home).ApplyAsync(Spec, "a.yaml", Testing.TestActors.Tester, default);
        var datasets = new DatasetCatalog(temp.Home);
        var a = temp.File("a.csv", "x,y\n1,yes\n2,no\n");

        var first = await datasets.ImportAsync("demo-case", a, Testing.TestActors.Tester, default);
        temp.Time.Advance(TimeSpan.FromMinutes(1));
        await datasets.ImportAsync("demo-case", temp.File("b.csv", "x,y\n3,yes\n4,no\n"), Testing.TestActors.Tester, default);
        temp.Time.Advance(TimeSpan.FromMinutes(1));
        await datasets.ImportAsync("demo-case", a, Testing.TestActors.Tester, default);

        Assert.Equal(first.Version.Id, (await datasets.LatestForAsync("demo-case", default)).Id);
    }

    [Fact]
    public async Task A_failed_import_registers_nothing_and_writes_no_file()
    {
        await using var temp = await TempHome.CreateAsync();
        await new UseCaseCatalog(temp.Home).ApplyAsync(Spec, "a.yaml", Testing.TestActors.Tester, default);
        var path = temp.File("bad.csv", "x,y\n1,yes\n2\n");

        await Assert.ThrowsAsync<DataFormatException>(() => new DatasetCatalog(temp.Home).ImportAsync("demo-case", path, Testing.TestActors.Tester, default));

        await using var db = temp.Home.CreateDb();
        Assert.Equal(0, await db.DatasetVersions.CountAsync());
        Assert.False(Directory.Exists(Path.Combine(temp.Root, "artifacts", "datasets")) && Directory.EnumerateFiles(Path.Combine(temp.Root, "artifacts", "datasets")).Any());
    }

    [Fact]
    public async Task Importing_for_an_unknown_use_case_is_not_found()
    {
        await using var temp = await TempHome.CreateAsync();
        var path = temp.File("d.csv", "x\n1\n");
        var error = await Assert.ThrowsAsync<GraftException>(() => new DatasetCatalog(temp.Home).ImportAsync("nope", path, Testing.TestActors.Tester, default));
        Assert.Equal(FailureKind.NotFound, error.Kind);
    }

    [Fact]
    public async Task The_store_schema_matches_the_model()
    {
        await using var temp = await TempHome.CreateAsync();
        await using var db = temp.Home.CreateDb();
        Assert.False(db.Database.HasPendingModelChanges(), "the EF model changed without a migration: dotnet ef migrations add <Name>");
    }

    [Fact]
    public async Task A_new_store_has_the_larger_pages_and_write_ahead_logging_and_an_old_one_keeps_its_pages()
    {
        await using var temp = await TempHome.CreateAsync();
        Assert.Equal((long)GraftHome.PageSize, await PragmaAsync(temp.Home, "page_size"));
        Assert.Equal("wal", await PragmaAsync(temp.Home, "journal_mode"));

        var old = Path.Combine(temp.Root, "old");
        Directory.CreateDirectory(old);
        await using (var connection = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={Path.Combine(old, "graft.db")};Pooling=false"))
        {
            await connection.OpenAsync();
            await using var table = connection.CreateCommand();
            table.CommandText = "CREATE TABLE Before (Id INTEGER PRIMARY KEY)"; // made with SQLite's 4 KB pages
            await table.ExecuteNonQueryAsync();
        }
        var reopened = await GraftHome.OpenAsync(old);

        Assert.Equal(4096L, await PragmaAsync(reopened, "page_size"));
        await new UseCaseCatalog(reopened).ApplyAsync(Graft.Testing.ToyData.Spec, "toy.yaml", Testing.TestActors.Tester, default); // and it works
    }

    private static async Task<object?> PragmaAsync(GraftHome home, string name)
    {
        await using var db = home.CreateDb();
        var connection = db.Database.GetDbConnection();
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = $"PRAGMA {name}";
        return await command.ExecuteScalarAsync();
    }

    [Fact]
    public void Persisted_enum_values_are_frozen()
    {
        Assert.Equal([1, 2, 3, 4, 5], Enum.GetValues<FieldType>().Select(v => (int)v));
        Assert.Equal([1, 2, 3], Enum.GetValues<Graft.Training.InputKind>().Select(v => (int)v));
        Assert.Equal([1, 2, 3, 4, 5], Enum.GetValues<Graft.Governance.Role>().Select(v => (int)v)); // ApiKeys.Role is an INTEGER column
        Assert.Equal([1, 2, 3, 4], Enum.GetValues<Graft.Rollout.Stage>().Select(v => (int)v)); // and RolloutStates.Stage, TrafficWindows.Stage
        Assert.Equal([1, 2], Enum.GetValues<Graft.Rollout.ChallengerMode>().Select(v => (int)v));
        Assert.Equal([1, 2, 3], Enum.GetValues<Graft.Webhooks.DeliveryStatus>().Select(v => (int)v)); // WebhookDeliveries.Status
    }
}
