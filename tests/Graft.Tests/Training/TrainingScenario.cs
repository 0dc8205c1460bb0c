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
        var applied = await new UseCaseCatalog(temp.Home).ApplyAsync(spec, "spec.yaml", Testing.TestActors.Tester, default);
        await new DatasetCatalog(temp.Home).ImportAsync(applied.UseCaseId, temp.File("data.csv", csv), Testing.TestActors.Tester, default);
        return temp;
    }

    /// <summary>A temporary store with the demo's churn-risk use case and <paramref name="rows"/> rows of its data, and those rows.</summary>
    public static async Task<(TempHome Temp, Frame Frame)> DemoAsync(int rows, int seed)
    {
        var temp = await TempHome.CreateAsync();
        await new UseCaseCatalog(temp.Home).ApplyAsync(Graft.Data.Demo.ChurnDemoData.SpecYaml, "churn.yaml", Testing.TestActors.Tester, default);
        var path = Path.Combine(temp.Root, "customers.csv");
        await using (var writer = new StreamWriter(path))
        {
            Graft.Data.Demo.ChurnDemoData.Write(writer, rows, seed);
        }
        await new DatasetCatalog(temp.Home).ImportAsync("churn-risk", path, Testing.TestActors.Tester, default);
        return (temp, DelimitedFile.Read(await File.ReadAllBytesAsync(path), "customers.csv"));
    }

    /// <summary>A registered version's ML.NET model as stored, for comparing Graft's scoring with ML.NET's own.</summary>
    public static async Task<Microsoft.ML.ITransformer> LoadTransformerAsync(TempHome temp, string version)
    {
        using var buffer = new MemoryStream(await ArtifactAsync(temp, version));
        return new Microsoft.ML.MLContext().Model.Load(buffer, out _);
    }

    /// <summary>A registered version's model file (ML.NET's zip) as stored.</summary>
    public static async Task<byte[]> ArtifactAsync(TempHome temp, string version)
    {
        var registered = await new Graft.Registry.ModelRegistry(temp.Home).GetAsync(version, default);
        using var buffer = new MemoryStream();
        await using (var stream = await temp.Home.Artifacts.OpenReadAsync(registered.ArtifactKey, default))
        {
            await stream.CopyToAsync(buffer);
        }
        return buffer.ToArray();
    }

    public static Task<TrainingResult> TrainAsync(TempHome temp, string useCase, string? testFile = null) =>
        new TrainingRunner(temp.Home).RunAsync(new TrainingRequest(useCase, TestFile: testFile), Testing.TestActors.Tester, null, default);
}
