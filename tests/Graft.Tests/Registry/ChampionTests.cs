using Graft.Testing;
using Graft.Registry;
using Graft.Tests.Training;

namespace Graft.Tests.Registry;

public class ChampionTests
{
    private const string Spec = ToyData.Spec;

    [Fact]
    public async Task Promotions_and_rollbacks_walk_the_champion_history_back()
    {
        await using var temp = await TrainingScenario.CreateAsync(Spec, ToyData.Csv(300));
        var first = await TrainingScenario.TrainAsync(temp, "toy");
        await TrainingScenario.TrainAsync(temp, "toy");
        var registry = new ModelRegistry(temp.Home);
        var v1 = first.Champion!;
        var others = (await registry.ListAsync("toy", default)).Select(v => v.Id).Where(v => v != v1).ToList();

        await registry.PromoteAsync(others[0], Testing.TestActors.Tester, "better on last week's data", Load(temp), default);
        await registry.PromoteAsync(others[1], Testing.TestActors.Tester, null, Load(temp), default);
        var back = await registry.RollbackAsync("toy", Testing.TestActors.Tester, "complaints", default);
        var backAgain = await registry.RollbackAsync("toy", Testing.TestActors.Tester, null, default);

        Assert.Equal((others[0], others[1]), (back.Champion, back.Previous));
        Assert.Equal((v1, others[0]), (backAgain.Champion, backAgain.Previous));
        var error = await Assert.ThrowsAsync<GraftException>(() => registry.RollbackAsync("toy", Testing.TestActors.Tester, null, default));
        Assert.Equal(FailureKind.Conflict, error.Kind);
        Assert.Contains("first champion", error.Message);
        var history = await registry.HistoryAsync("toy", default);
        Assert.Equal(
            [ChampionChangeKind.FirstTraining, ChampionChangeKind.Promotion, ChampionChangeKind.Promotion, ChampionChangeKind.Rollback, ChampionChangeKind.Rollback],
            history.Select(h => h.Kind));
        Assert.Equal("better on last week's data", history[1].Reason);
    }

    [Fact]
    public async Task Promoting_the_champion_again_changes_nothing()
    {
        await using var temp = await TrainingScenario.CreateAsync(Spec, ToyData.Csv(300));
        var result = await TrainingScenario.TrainAsync(temp, "toy");

        var again = await new ModelRegistry(temp.Home).PromoteAsync(result.Champion!, Testing.TestActors.Tester, null, Load(temp), default);

        Assert.False(again.Changed);
        Assert.Single(await new ModelRegistry(temp.Home).HistoryAsync("toy", default));
    }

    [Fact]
    public async Task A_version_that_cannot_be_served_is_refused_as_a_conflict_and_the_champion_stays()
    {
        await using var temp = await TrainingScenario.CreateAsync(Spec, ToyData.Csv(300));
        var result = await TrainingScenario.TrainAsync(temp, "toy");
        var registry = new ModelRegistry(temp.Home);
        var other = (await registry.ListAsync("toy", default)).Select(v => v.Id).First(v => v != result.Champion);
        File.WriteAllBytes(Path.Combine(temp.Root, "artifacts", (await registry.GetAsync(other, default)).ArtifactKey), [1, 2, 3]);

        var error = await Assert.ThrowsAsync<GraftException>(() => registry.PromoteAsync(other, Testing.TestActors.Tester, null, Load(temp), default));

        Assert.Equal(FailureKind.Conflict, error.Kind);
        Assert.Contains($"{other} cannot be served", error.Message);
        Assert.Single(await registry.HistoryAsync("toy", default));
    }

    [Fact]
    public async Task A_champion_promoted_while_a_run_trains_is_not_replaced_by_the_runs_first_crowning()
    {
        // The first run's gate cannot pass (a margin no model reaches), so the use case has no champion when the
        // second run starts; one is promoted while the second run trains.
        await using var temp = await TrainingScenario.CreateAsync(Spec + "\ngates: { baseline_margin: 1000 }\n", ToyData.Csv(300));
        var first = await TrainingScenario.TrainAsync(temp, "toy");
        Assert.Null(first.Champion);
        await new Graft.UseCases.UseCaseCatalog(temp.Home).ApplyAsync(Spec, "spec.yaml", Testing.TestActors.Tester, default);
        var registry = new ModelRegistry(temp.Home);
        var promoted = first.Best!;
        var promoting = new PromoteOnRegistering(() => registry.PromoteAsync(promoted, Testing.TestActors.Tester, "chosen by hand", Load(temp), default).GetAwaiter().GetResult());

        var second = await new Graft.Training.TrainingRunner(temp.Home).RunAsync(new Graft.Training.TrainingRequest("toy"), Testing.TestActors.Tester, promoting, default);

        Assert.True(promoting.Promoted);
        Assert.True(second.Gate.Passed);
        Assert.Equal(promoted, second.Champion);
        Assert.Equal([ChampionChangeKind.Promotion], (await registry.HistoryAsync("toy", default)).Select(h => h.Kind));
    }

    /// <summary>Promotes a version at the moment a training run starts registering its models.</summary>
    private sealed class PromoteOnRegistering(Action promote) : IProgress<Graft.Training.TrainingProgress>
    {
        public bool Promoted { get; private set; }

        public void Report(Graft.Training.TrainingProgress value)
        {
            if (value.Step == "registering")
            {
                promote();
                Promoted = true;
            }
        }
    }

    [Fact]
    public async Task A_versions_card_reads_without_the_model_and_an_unknown_version_is_not_found()
    {
        await using var temp = await TrainingScenario.CreateAsync(Spec, ToyData.Csv(300));
        var result = await TrainingScenario.TrainAsync(temp, "toy");
        var registry = new ModelRegistry(temp.Home);
        var version = result.Champion!;
        File.WriteAllBytes(Path.Combine(temp.Root, "artifacts", (await registry.GetAsync(version, default)).ArtifactKey), [1, 2, 3]); // the model itself is unreadable

        var card = await registry.CardAsync(version, default);

        Assert.Equal((version, "toy"), (card.Version, card.UseCase));
        Assert.Equal(["colour", "x"], card.Inputs.Select(i => i.Field).Order());
        Assert.Equal(FailureKind.NotFound, (await Assert.ThrowsAsync<GraftException>(() => registry.CardAsync("toy-v99", default))).Kind);
    }

    private static Func<string, CancellationToken, Task> Load(Graft.Tests.Storage.TempHome temp) =>
        (version, cancellationToken) => Graft.Serving.LoadedModel.LoadAsync(temp.Home, version, cancellationToken);

    [Fact]
    public void Champion_change_kinds_are_frozen()
    {
        Assert.Equal([1, 2, 3], Enum.GetValues<ChampionChangeKind>().Select(v => (int)v));
    }
}
