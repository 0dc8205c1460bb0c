using Graft.Data;
using Graft.Tests.Storage;
using Graft.Training;
using Graft.UseCases;

namespace Graft.Tests.Training;

/// <summary>A temporary store with one use case and one dataset version, ready to train.</summary>
internal static class TrainingScenario
{
    public static async Task<TempHome> CreateAsync(string spec, string csv)
    {
        var temp = await TempHome.CreateAsync();
        var applied = await new UseCaseCatalog(temp.Home).ApplyAsync(spec, "spec.yaml", default);
        await new DatasetCatalog(temp.Home).ImportAsync(applied.UseCaseId, temp.File("data.csv", csv), default);
        return temp;
    }

    public static Task<TrainingResult> TrainAsync(TempHome temp, string useCase, string? testFile = null) =>
        new TrainingRunner(temp.Home).RunAsync(new TrainingRequest(useCase, TestFile: testFile), null, default);
}
