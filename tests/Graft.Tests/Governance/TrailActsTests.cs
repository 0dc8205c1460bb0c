using System.Text.Json;
using Graft.Data;
using Graft.Governance;
using Graft.Registry;
using Graft.Serving;
using Graft.Testing;
using Graft.Tests.Storage;
using Graft.Tests.Training;
using Graft.UseCases;

namespace Graft.Tests.Governance;

/// <summary>Each act appends exactly one entry, by its actor, with what it changed before and after; a change that fails or changes nothing appends none.</summary>
public class TrailActsTests
{
    private const string Spec = ToyData.Spec + "\n";

    private const string Acknowledged = Spec + """
        acknowledge:
          - code: leakage_suspect
            field: x
            by: ana@example.com
            reason: x is known when the decision is made
        """ + "\n";

    private static Task<List<TrailEntry>> EntriesAsync(TempHome temp) => TrailTestData.EntriesAsync(temp.Home);

    private static string Sha256(string text) => Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(text)));

    [Fact]
    public async Task A_first_apply_records_the_revision_and_the_rollout_it_starts_with_and_the_same_spec_again_records_nothing()
    {
        await using var temp = await TempHome.CreateAsync();
        var catalog = new UseCaseCatalog(temp.Home);

        await catalog.ApplyAsync(Spec, "toy.yaml", TestActors.Tester, default);
        await catalog.ApplyAsync(Spec, "toy.yaml", Actor.Operator("someone-else"), default);

        var entry = Assert.Single(await EntriesAsync(temp));
        Assert.Equal((TrailActs.UseCaseApplied, "cli:test", Actor.OperatorRole, "toy", "toy@1"), (entry.Act, entry.ActorId, entry.ActorRole, entry.UseCaseId, entry.Subject));
        Assert.Null(entry.Before);
        Assert.Equal($$"""{"revision":1,"sha256":"{{Sha256(Spec)}}","stage":"shadow","cohort_percent":100}""", entry.After);
    }

    [Fact]
    public async Task A_changed_spec_records_the_revision_it_replaced()
    {
        await using var temp = await TempHome.CreateAsync();
        var catalog = new UseCaseCatalog(temp.Home);
        await catalog.ApplyAsync(Spec, "toy.yaml", TestActors.Tester, default);
        var changed = Spec.Replace("title: Toy", "title: Toy, renamed");

        await catalog.ApplyAsync(changed, "toy.yaml", Actor.Key("key_abc", "maintainer"), default);

        var entry = (await EntriesAsync(temp))[^1];
        Assert.Equal((2L, "key:key_abc", "maintainer", "toy@2"), (entry.Sequence, entry.ActorId, entry.ActorRole, entry.Subject));
        Assert.Equal($$"""{"revision":1,"sha256":"{{Sha256(Spec)}}"}""", entry.Before);
        Assert.Equal($$"""{"revision":2,"sha256":"{{Sha256(changed)}}"}""", entry.After);
    }

    [Fact]
    public async Task An_acknowledgement_is_recorded_once_by_the_revision_that_adds_it_with_its_persons_reason()
    {
        await using var temp = await TempHome.CreateAsync();
        var catalog = new UseCaseCatalog(temp.Home);
        await catalog.ApplyAsync(Spec, "toy.yaml", TestActors.Tester, default);

        await catalog.ApplyAsync(Acknowledged, "toy.yaml", TestActors.Tester, default);
        await catalog.ApplyAsync(Acknowledged.Replace("title: Toy", "title: Toy 2"), "toy.yaml", TestActors.Tester, default); // keeps it

        var entries = await EntriesAsync(temp);
        Assert.Equal([TrailActs.UseCaseApplied, TrailActs.UseCaseApplied, TrailActs.AuditAcknowledged, TrailActs.UseCaseApplied], entries.Select(e => e.Act));
        var acknowledged = entries[2];
        Assert.Equal(("toy", "leakage_suspect:x", "x is known when the decision is made"), (acknowledged.UseCaseId, acknowledged.Subject, acknowledged.Reason));
        Assert.Equal("""{"code":"leakage_suspect","field":"x","by":"ana@example.com"}""", acknowledged.After);
    }

    [Fact]
    public async Task A_spec_that_does_not_parse_records_nothing()
    {
        await using var temp = await TempHome.CreateAsync();

        await Assert.ThrowsAsync<SpecException>(() => new UseCaseCatalog(temp.Home).ApplyAsync("id: toy\ntask: sideways\n", "toy.yaml", TestActors.Tester, default));

        Assert.Empty(await EntriesAsync(temp));
    }

    [Fact]
    public async Task An_import_records_the_version_and_the_latest_it_replaced_and_a_malformed_file_records_nothing()
    {
        await using var temp = await TempHome.CreateAsync();
        await new UseCaseCatalog(temp.Home).ApplyAsync(Spec, "toy.yaml", TestActors.Tester, default);
        var data = new DatasetCatalog(temp.Home);

        var first = await data.ImportAsync("toy", temp.File("first.csv", ToyData.Csv(50)), TestActors.Tester, default);
        temp.Time.Advance(TimeSpan.FromMinutes(1)); // the latest is the last added
        var second = await data.ImportAsync("toy", temp.File("second.csv", ToyData.Csv(60, seed: 2)), TestActors.Tester, default);
        temp.Time.Advance(TimeSpan.FromMinutes(1));
        await data.ImportAsync("toy", temp.File("first-again.csv", ToyData.Csv(50)), TestActors.Tester, default);
        await Assert.ThrowsAsync<DataFormatException>(() => data.ImportAsync("toy", temp.File("broken.csv", "id,x\n1,2\n3\n"), TestActors.Tester, default));

        var imports = (await EntriesAsync(temp)).Where(e => e.Act == TrailActs.DataImported).ToList();
        Assert.Equal([first.Version.Id, second.Version.Id, first.Version.Id], imports.Select(e => e.Subject));
        Assert.Null(imports[0].Before);
        Assert.Equal($$"""{"dataset":"{{first.Version.Id}}","sha256":"{{first.Version.Sha256}}","source":"first.csv","rows":50,"columns":4,"new_version":true}""", imports[0].After);
        Assert.Equal($$"""{"dataset":"{{first.Version.Id}}"}""", imports[1].Before);
        Assert.Equal($$"""{"dataset":"{{second.Version.Id}}"}""", imports[2].Before);
        Assert.Contains("\"new_version\":false", imports[2].After);
        Assert.Equal(new[] { first.Version.Sha256, second.Version.Sha256 }.Order(), // the malformed file's bytes were never stored
            Directory.EnumerateFiles(Path.Combine(temp.Root, "artifacts", "datasets")).Select(Path.GetFileNameWithoutExtension).Order());
    }

    [Fact]
    public async Task A_training_run_records_its_versions_and_the_first_champion_it_crowned()
    {
        await using var temp = await TrainingScenario.CreateAsync(Spec, ToyData.Csv(300));

        var first = await TrainingScenario.TrainAsync(temp, "toy");
        var second = await TrainingScenario.TrainAsync(temp, "toy");

        var runs = (await EntriesAsync(temp)).Where(e => e.Act == TrailActs.TrainingRun).ToList();
        Assert.Equal([first.Run, second.Run], runs.Select(e => e.Subject));
        Assert.Equal("""{"champion":null}""", runs[0].Before);
        using var crowned = JsonDocument.Parse(runs[0].After!);
        Assert.Equal(first.Champion, crowned.RootElement.GetProperty("champion").GetString());
        Assert.Equal(first.Candidates.Where(c => c.Version is not null).Select(c => c.Version),
            crowned.RootElement.GetProperty("versions").EnumerateArray().Select(v => v.GetString()));
        Assert.True(crowned.RootElement.GetProperty("gate_passed").GetBoolean());
        Assert.Null(runs[1].Before);
        Assert.DoesNotContain("champion", runs[1].After); // the champion stays; the run only adds versions
    }

    [Fact]
    public async Task Promotion_and_rollback_record_the_champion_before_and_after_and_those_that_fail_record_nothing()
    {
        await using var temp = await TrainingScenario.CreateAsync(Spec, ToyData.Csv(300));
        var v1 = (await TrainingScenario.TrainAsync(temp, "toy")).Champion!;
        await TrainingScenario.TrainAsync(temp, "toy"); // more versions to promote
        var registry = new ModelRegistry(temp.Home);
        var others = (await registry.ListAsync("toy", default)).Select(v => v.Id).Where(v => v != v1).ToList();
        Task Load(string version, CancellationToken ct) => LoadedModel.LoadAsync(temp.Home, version, ct);
        File.WriteAllBytes(Path.Combine(temp.Root, "artifacts", ModelRegistry.ArtifactKey(others[1])), [1, 2, 3]);
        var before = (await EntriesAsync(temp)).Count;

        await registry.PromoteAsync(others[0], Actor.Key("key_abc", "maintainer"), "better on last week's data", Load, default);
        await registry.PromoteAsync(others[0], TestActors.Tester, null, Load, default); // already the champion
        await Assert.ThrowsAsync<GraftException>(() => registry.PromoteAsync(others[1], TestActors.Tester, null, Load, default)); // cannot be loaded
        await registry.RollbackAsync("toy", TestActors.Tester, "complaints", default);
        await Assert.ThrowsAsync<GraftException>(() => registry.RollbackAsync("toy", TestActors.Tester, null, default)); // v1 was the first

        var entries = (await EntriesAsync(temp)).Skip(before).ToList();
        Assert.Equal(2, entries.Count);
        Assert.Equal((TrailActs.ModelPromoted, "key:key_abc", others[0], "better on last week's data"), (entries[0].Act, entries[0].ActorId, entries[0].Subject, entries[0].Reason));
        Assert.Equal(($$"""{"champion":"{{v1}}"}""", $$"""{"champion":"{{others[0]}}"}"""), (entries[0].Before, entries[0].After));
        Assert.Equal((TrailActs.ModelRolledBack, others[0], "complaints"), (entries[1].Act, entries[1].Subject, entries[1].Reason));
        Assert.Equal(($$"""{"champion":"{{others[0]}}"}""", $$"""{"champion":"{{v1}}"}"""), (entries[1].Before, entries[1].After));
    }

    [Fact]
    public async Task A_rollback_without_a_champion_records_nothing()
    {
        await using var temp = await TempHome.CreateAsync();
        await new UseCaseCatalog(temp.Home).ApplyAsync(Spec, "toy.yaml", TestActors.Tester, default);

        var error = await Assert.ThrowsAsync<GraftException>(() => new ModelRegistry(temp.Home).RollbackAsync("toy", TestActors.Tester, null, default));

        Assert.Contains("no champion", error.Message);
        Assert.Single(await EntriesAsync(temp));
    }

    [Fact]
    public async Task Keys_made_and_revoked_are_recorded_without_their_secrets()
    {
        await using var temp = await TempHome.CreateAsync();
        await new UseCaseCatalog(temp.Home).ApplyAsync(Spec, "toy.yaml", TestActors.Tester, default);
        var keys = new KeyStore(temp.Home);

        var created = await keys.CreateAsync(Role.App, "toy", null, "crm backend", Actor.Key("key_admin", "admin"), default);
        await keys.RevokeAsync(created.Key.Id, TestActors.Tester, default);
        await keys.RevokeAsync(created.Key.Id, TestActors.Tester, default); // revoked already
        await Assert.ThrowsAsync<GraftException>(() => keys.CreateAsync(Role.Viewer, "nope", null, null, TestActors.Tester, default));

        var entries = (await EntriesAsync(temp)).Skip(1).ToList();
        Assert.Equal([TrailActs.KeyCreated, TrailActs.KeyRevoked], entries.Select(e => e.Act));
        Assert.All(entries, e => Assert.Equal((created.Key.Id, "toy"), (e.Subject, e.UseCaseId)));
        Assert.Equal("""{"role":"app","use_case":"toy","name":"crm backend","expires_at":null}""", entries[0].After);
        Assert.Equal(("""{"revoked":false}""", """{"revoked":true}"""), (entries[1].Before, entries[1].After));
        var written = string.Concat(entries.Select(e => e.Before + e.After + e.Reason));
        Assert.DoesNotContain(created.Secret!, written);
        Assert.DoesNotContain(created.Key.SecretSha256, written);
    }

    [Fact]
    public async Task Two_processes_acting_at_once_leave_one_chain_without_gaps()
    {
        await using var temp = await TempHome.CreateAsync();
        await new UseCaseCatalog(temp.Home).ApplyAsync(Spec, "toy.yaml", TestActors.Tester, default);
        var other = await Graft.Storage.GraftHome.OpenAsync(temp.Root, temp.Time); // a second process's view of the same store
        const int Each = 25;

        static async Task ActAsync(Graft.Storage.GraftHome home, string who)
        {
            var keys = new KeyStore(home);
            for (var i = 0; i < Each; i++)
            {
                var key = await keys.CreateAsync(Role.Viewer, "toy", null, $"{who} {i}", Actor.Operator(who), default);
                await keys.RevokeAsync(key.Key.Id, Actor.Operator(who), default);
            }
        }

        await Task.WhenAll(Task.Run(() => ActAsync(temp.Home, "first")), Task.Run(() => ActAsync(other, "second")));

        var entries = await EntriesAsync(temp);
        Assert.Equal(Enumerable.Range(1, 1 + 4 * Each).Select(i => (long)i), entries.Select(e => e.Sequence));
        Assert.Equal(2 * Each, entries.Count(e => e.ActorId == "cli:first"));
        Assert.Equal(2 * Each, entries.Count(e => e.ActorId == "cli:second"));
        await using var db = temp.Home.CreateDb();
        Assert.Equal(2 * Each, db.ApiKeys.Count(k => k.RevokedAt != null)); // every entry's change is there, and no change without its entry
        var verified = await TrailTestData.VerifyAsync(temp.Home);
        Assert.True(verified.Ok, verified.Problem);
    }
}
