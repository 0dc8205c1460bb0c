using Graft.Governance;
using Graft.Registry;
using Graft.Rollout;
using Graft.Serving;
using Graft.Testing;
using Graft.Tests.Training;

namespace Graft.Tests.Governance;

/// <summary>What was in force at an instant, reduced from the trail alone, on a store whose clock the test moves.</summary>
public class TrailAtTests
{
    [Fact]
    public async Task The_state_at_an_instant_between_changes_is_what_the_last_entry_before_it_left()
    {
        // 09:00 the spec (stage shadow, cohort 100) and data; 10:00 the first run crowns v1; 11:00 another version is
        // promoted; 12:00 the stage goes down to off; 13:00 killed; 14:00 revived.
        await using var temp = await TrainingScenario.CreateAsync(ToyData.Spec + "\n", ToyData.Csv(300));
        var start = temp.Home.Now;
        temp.Time.Advance(TimeSpan.FromHours(1));
        var v1 = (await TrainingScenario.TrainAsync(temp, "toy")).Champion!;
        var registry = new ModelRegistry(temp.Home);
        var v2 = (await registry.ListAsync("toy", default)).Select(v => v.Id).First(v => v != v1);
        temp.Time.Advance(TimeSpan.FromHours(1));
        await registry.PromoteAsync(v2, TestActors.Tester, "better", (v, ct) => LoadedModel.LoadAsync(temp.Home, v, ct), default);
        var rollout = new RolloutControl(temp.Home);
        temp.Time.Advance(TimeSpan.FromHours(1));
        await rollout.ChangeStageAsync("toy", new StageChange(Stage.Off, null, "pausing for the quarter's close"), TestActors.Tester, default);
        temp.Time.Advance(TimeSpan.FromHours(1));
        await rollout.KillAsync("toy", "drill", TestActors.Tester, default);
        temp.Time.Advance(TimeSpan.FromHours(1));
        await rollout.ReviveAsync("toy", "drill over", TestActors.Tester, default);

        async Task<string> AtAsync(double hours)
        {
            var state = TrailStateView.Of(await new TrailReader(temp.Home).AtAsync("toy", start.AddHours(hours), default));
            return string.Join(", ", state.Values().Select(v => $"{v.Key}={v.Value?.Value.GetRawText() ?? "-"}@{v.Value?.Act ?? "-"}"));
        }

        Assert.Equal("champion=-@-, stage=\"shadow\"@usecase.applied, cohort_percent=100@usecase.applied, killed=-@-, challenger=-@-", await AtAsync(0.5));
        Assert.Equal($"champion=\"{v1}\"@training.run, stage=\"shadow\"@usecase.applied, cohort_percent=100@usecase.applied, killed=-@-, challenger=-@-", await AtAsync(1.5));
        Assert.Equal($"champion=\"{v2}\"@model.promoted, stage=\"shadow\"@usecase.applied, cohort_percent=100@usecase.applied, killed=-@-, challenger=-@-", await AtAsync(2.5));
        Assert.Equal($"champion=\"{v2}\"@model.promoted, stage=\"off\"@stage.changed, cohort_percent=100@stage.changed, killed=-@-, challenger=-@-", await AtAsync(3.5));
        Assert.Equal($"champion=\"{v2}\"@model.promoted, stage=\"off\"@stage.changed, cohort_percent=100@stage.changed, killed=true@usecase.killed, challenger=-@-", await AtAsync(4.5));
        Assert.Equal($"champion=\"{v2}\"@model.promoted, stage=\"off\"@stage.changed, cohort_percent=100@stage.changed, killed=false@usecase.revived, challenger=-@-", await AtAsync(5));
        Assert.Equal("champion=-@-, stage=-@-, cohort_percent=-@-, killed=-@-, challenger=-@-", await AtAsync(-0.5)); // before the use case
    }

    [Fact]
    public async Task The_state_at_the_instant_of_an_entry_includes_it()
    {
        await using var temp = await TrainingScenario.CreateAsync(ToyData.Spec + "\n", ToyData.Csv(50));
        var applied = (await TrailTestData.EntriesAsync(temp.Home))[0];

        var state = TrailStateView.Of(await new TrailReader(temp.Home).AtAsync("toy", applied.At, default));

        Assert.Equal((1L, "shadow"), (state.Stage!.Sequence, state.Stage.Value.GetString()));
    }

    [Fact]
    public async Task An_unknown_use_case_is_not_found_naming_those_there_are()
    {
        await using var temp = await TrainingScenario.CreateAsync(ToyData.Spec + "\n", ToyData.Csv(50));

        var error = await Assert.ThrowsAsync<GraftException>(() => new TrailReader(temp.Home).AtAsync("nope", temp.Home.Now, default));

        Assert.Equal(FailureKind.NotFound, error.Kind);
        Assert.Contains("known: toy", error.Message);
    }
}
