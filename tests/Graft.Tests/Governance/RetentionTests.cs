using System.Text.Json;
using Graft.Governance;
using Graft.Serving;
using Graft.Storage;
using Graft.Testing;
using Graft.Tests.Storage;
using Graft.UseCases;
using Microsoft.EntityFrameworkCore;

namespace Graft.Tests.Governance;

/// <summary>Retention against the store's fake clock: what goes when, what stays, and what the trail counts.</summary>
public class RetentionTests
{
    private const string Spec = Graft.Testing.ToyData.Spec + "\nretention: { predictions: 90d, inputs: 30d }\n";

    /// <summary>The toy use case with a retention policy and another without, each with predictions made 100, 40 and 5 days ago.</summary>
    private static async Task<(TempHome Temp, Dictionary<(string UseCase, int Age), string> Ids)> LoggedAsync()
    {
        var temp = await TempHome.CreateAsync();
        await new UseCaseCatalog(temp.Home).ApplyAsync(Spec, "toy.yaml", TestActors.Tester, default);
        await new UseCaseCatalog(temp.Home).ApplyAsync(Graft.Testing.ToyData.Spec.Replace("id: toy", "id: keeper"), "keeper.yaml", TestActors.Tester, default);
        var ids = new Dictionary<(string, int), string>();
        var records = new List<PredictionRecord>();
        foreach (var useCase in new[] { "toy", "keeper" })
        {
            foreach (var age in new[] { 100, 40, 5 })
            {
                for (var i = 0; i < 3; i++)
                {
                    var at = temp.Home.Now.AddDays(-age).AddSeconds(i);
                    var id = PredictionIds.Next(at);
                    ids.TryAdd((useCase, age), id);
                    records.Add(new PredictionRecord(id, useCase, at, "toy-v1", "auto", "auto", null, $"entity-{age}-{i}",
                        $$"""{"x":{{age}},"colour":"red"}""", """{"label":"yes","score":0.9}""", 0.5, "key_a"));
                }
            }
        }
        var log = new PredictionLog(temp.Home, new PredictionLogOptions { Durable = true });
        using var stop = new CancellationTokenSource();
        var writer = log.RunAsync(stop.Token);
        await log.RecordAllAsync(records, default);
        await stop.CancelAsync();
        await writer;
        return (temp, ids);
    }

    [Fact]
    public async Task Predictions_past_their_time_are_deleted_inputs_past_theirs_dropped_and_the_run_counted_in_the_trail()
    {
        var (temp, ids) = await LoggedAsync();
        await using var _t = temp;
        var reader = new PredictionLogReader(temp.Home);

        var results = await new Retention(temp.Home).RunAsync(TestActors.Tester, default);

        var toy = Assert.Single(results); // keeper has no policy
        Assert.Equal(("toy", 3L, 3L), (toy.UseCase, toy.PredictionsDeleted, toy.InputsDropped));
        Assert.Null(await reader.FindAsync("toy", ids[("toy", 100)]));
        var dropped = (await reader.FindAsync("toy", ids[("toy", 40)]))!;
        Assert.Equal("{}", dropped.InputsJson);
        Assert.Equal(("entity-40-0", "toy-v1"), (dropped.EntityId, dropped.ModelVersion));
        Assert.Contains("\"score\":0.9", dropped.OutputJson);
        Assert.Contains("\"x\":5", (await reader.FindAsync("toy", ids[("toy", 5)]))!.InputsJson);
        foreach (var age in new[] { 100, 40, 5 })
        {
            Assert.Contains($"\"x\":{age}", (await reader.FindAsync("keeper", ids[("keeper", age)]))!.InputsJson);
        }
        await using var db = temp.Home.CreateDb();
        var entry = await db.TrailEntries.AsNoTracking().SingleAsync(e => e.Act == TrailActs.RetentionRun);
        Assert.Equal("toy", entry.UseCaseId);
        using var after = JsonDocument.Parse(entry.After!);
        Assert.Equal(3, after.RootElement.GetProperty("predictions_deleted").GetInt32());
        Assert.Equal(3, after.RootElement.GetProperty("inputs_dropped").GetInt32());
        Assert.True((await new TrailVerifier(temp.Home).VerifyAsync(null, default)).Ok);
    }

    [Fact]
    public async Task A_second_run_removes_nothing_more_and_time_passing_brings_the_next_records_due()
    {
        var (temp, ids) = await LoggedAsync();
        await using var _t = temp;
        var retention = new Retention(temp.Home);
        await retention.RunAsync(TestActors.Tester, default);

        var again = Assert.Single(await retention.RunAsync(TestActors.Tester, default));
        temp.Time.Advance(TimeSpan.FromDays(26)); // the 5-day-old records are now 31 days old, the 40-day-old 66
        var later = Assert.Single(await retention.RunAsync(TestActors.Tester, default));
        temp.Time.Advance(TimeSpan.FromDays(25)); // and now 91
        var last = Assert.Single(await retention.RunAsync(TestActors.Tester, default));

        Assert.Equal((0L, 0L), (again.PredictionsDeleted, again.InputsDropped));
        Assert.Equal((0L, 3L), (later.PredictionsDeleted, later.InputsDropped));
        Assert.Equal((3L, 0L), (last.PredictionsDeleted, last.InputsDropped));
        Assert.Equal("{}", (await new PredictionLogReader(temp.Home).FindAsync("toy", ids[("toy", 5)]))!.InputsJson);
        Assert.True((await new TrailVerifier(temp.Home).VerifyAsync(null, default)).Ok);
    }

    [Fact]
    public async Task Of_two_processes_sharing_the_store_one_runs_the_days_retention_and_the_next_day_runs_again()
    {
        var (temp, _) = await LoggedAsync();
        await using var _t = temp;
        var other = await GraftHome.OpenAsync(temp.Root, temp.Time);

        var first = await Task.WhenAll(new ScheduledRuns(temp.Home).RunRetentionIfDueAsync(default), new ScheduledRuns(other).RunRetentionIfDueAsync(default));
        var sameDay = await new ScheduledRuns(other).RunRetentionIfDueAsync(default);
        temp.Time.Advance(TimeSpan.FromDays(1));
        var nextDay = await new ScheduledRuns(other).RunRetentionIfDueAsync(default);
        var manual = await new ScheduledRuns(temp.Home).RunRetentionNowAsync(TestActors.Tester, default);

        var ran = Assert.Single(first, r => r is not null)!;
        Assert.Equal(ScheduledRun.Succeeded, ran.Status);
        Assert.Contains("\"predictions_deleted\":3", ran.ResultJson);
        Assert.Null(sameDay);
        Assert.Equal(ScheduledRun.Succeeded, nextDay!.Status);
        Assert.StartsWith("manual ", manual.Slot);
        Assert.Equal(3, (await new ScheduledRuns(temp.Home).ListAsync(ScheduledRuns.RetentionKind, 10, default)).Count);
        await using var db = temp.Home.CreateDb();
        Assert.Equal(3, await db.TrailEntries.CountAsync(e => e.Act == TrailActs.RetentionRun)); // one a run of toy's policy
    }

    [Theory]
    [InlineData("retention: { predictions: 3 weeks }", "retention.predictions")]
    [InlineData("retention: { inputs: -5d }", "retention.inputs")]
    [InlineData("retention: { logs: 90d }", "logs")]
    public void A_retention_that_is_not_a_duration_is_a_spec_error(string yaml, string names)
    {
        var error = Assert.Throws<SpecException>(() => SpecReader.Parse(Graft.Testing.ToyData.Spec + "\n" + yaml + "\n"));

        Assert.Contains(names, error.Message);
    }

    [Theory]
    [InlineData("90d", 90 * 24)]
    [InlineData("36h", 36)]
    [InlineData("30", 30 * 24)]
    public void Durations_are_days_or_hours(string text, int hours) =>
        Assert.Equal(TimeSpan.FromHours(hours), RetentionPolicy.ParseDuration(text));
}
