using Graft.Data;
using Graft.Data.Demo;
using Graft.Governance;
using Graft.Storage;
using Graft.Training;
using Graft.UseCases;

namespace Graft.Bench;

/// <summary>The demo's churn-risk use case in a store: its spec applied, <c>rows</c> rows of its data imported and trained.</summary>
internal static class DemoStore
{
    public static readonly Actor Bench = Actor.Operator("bench");

    /// <summary>Trains the demo in <paramref name="home"/>; its data file is kept at <paramref name="path"/> for requests.</summary>
    public static async Task<TrainingResult> CreateAsync(GraftHome home, string path, int rows, int seed)
    {
        await new UseCaseCatalog(home).ApplyAsync(ChurnDemoData.SpecYaml, "churn-risk.yaml", Bench, default);
        await using (var writer = new StreamWriter(path))
        {
            ChurnDemoData.Write(writer, rows, seed);
        }
        await new DatasetCatalog(home).ImportAsync("churn-risk", path, Bench, default);
        return await new TrainingRunner(home).RunAsync(new TrainingRequest("churn-risk"), Bench, null, default);
    }
}
