using Graft.Data;
using Graft.Registry;
using Graft.Testing;
using Graft.Tests.Storage;
using Graft.Training;
using Graft.UseCases;

namespace Graft.Tests.Training;

/// <summary>Training on several dataset versions: their rows together, and the versions that cannot be trained on together.</summary>
public class TrainingDataTests
{
    private const string Spec = ToyData.Spec + "\ntrainers: [linear]\n";

    private static async Task<(TempHome Temp, string First)> ToyAsync()
    {
        var temp = await TrainingScenario.CreateAsync(Spec, ToyData.Csv(300));
        return (temp, (await new DatasetCatalog(temp.Home).LatestForAsync("toy", default)).Id);
    }

    private static async Task<string> AddAsync(TempHome temp, string csv, string useCase = "toy") =>
        (await new DatasetCatalog(temp.Home).ImportAsync(useCase, temp.File($"{Guid.NewGuid():N}.csv", csv), TestActors.Tester, default)).Version.Id;

    private static Task<TrainingResult> TrainAsync(TempHome temp, params string[] datasets) =>
        new TrainingRunner(temp.Home).RunAsync(new TrainingRequest("toy", datasets), TestActors.Tester, null, default);

    [Fact]
    public async Task Two_versions_train_as_their_rows_together_and_every_model_names_both()
    {
        var (temp, first) = await ToyAsync();
        await using var _ = temp;
        var second = await AddAsync(temp, ToyData.Csv(200, seed: 2));

        var result = await TrainAsync(temp, first, second);

        Assert.Equal([first, second], result.Datasets);
        Assert.Equal(first, result.Dataset);
        Assert.Equal(500, result.Split.TrainRows + result.Split.ValidationRows + result.Split.TestRows);
        var versions = await new ModelRegistry(temp.Home).ListAsync("toy", default);
        Assert.All(versions, v => Assert.Equal([first, second], v.Datasets().Select(d => d.Id)));
        Assert.All(versions, v => Assert.Equal([300, 200], v.Datasets().Select(d => d.Rows ?? 0)));
    }

    [Fact]
    public async Task Versions_that_cannot_be_trained_on_together_are_refused_naming_why_and_nothing_is_registered()
    {
        var (temp, first) = await ToyAsync();
        await using var _ = temp;
        var noTarget = await AddAsync(temp, "id,x,colour\nr1,1.5,red\nr2,7.25,blue\n");
        var textX = await AddAsync(temp, "id,x,colour,label\nr1,low,red,no\nr2,high,blue,yes\nr3,high,red,yes\n");
        await new UseCaseCatalog(temp.Home).ApplyAsync(Spec.Replace("id: toy", "id: other"), "other.yaml", TestActors.Tester, default);
        var others = await AddAsync(temp, ToyData.Csv(50, seed: 3), "other");

        async Task<GraftException> RefusedAsync(params string[] datasets) => await Assert.ThrowsAsync<GraftException>(() => TrainAsync(temp, datasets));
        var lacking = await RefusedAsync(first, noTarget);
        var typed = await RefusedAsync(first, textX);
        var foreign = await RefusedAsync(first, others);
        var twice = await RefusedAsync(first, first);

        Assert.Equal(FailureKind.Invalid, lacking.Kind);
        Assert.Contains($"{noTarget} does not fit the spec of toy", lacking.Message, StringComparison.Ordinal);
        Assert.Contains("no field 'label'", lacking.Message, StringComparison.Ordinal);
        Assert.Equal(FailureKind.Invalid, typed.Kind);
        Assert.Equal($"field 'x' is a number in {first} but text in {textX}, so they cannot be trained on together", typed.Message);
        Assert.Equal(FailureKind.NotFound, foreign.Kind);
        Assert.Contains($"use case 'toy' has no dataset version '{others}'", foreign.Message, StringComparison.Ordinal);
        Assert.Equal(FailureKind.Invalid, twice.Kind);
        Assert.Empty(await new ModelRegistry(temp.Home).ListAsync("toy", default));
    }
}
