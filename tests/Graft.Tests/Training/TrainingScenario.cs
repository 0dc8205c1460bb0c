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

    /// <summary>A binary table where x decides the label except for a little noise, a little noise (not so little that x alone looks like leakage).</summary>
    public static string Separable(int rows, int seed = 1)
    {
        var random = new Random(seed);
        var lines = new List<string> { "id,x,colour,label" };
        for (var i = 0; i < rows; i++)
        {
            var x = random.NextDouble() * 10;
            var positive = x > 6 ^ random.NextDouble() < 0.12;
            lines.Add(string.Create(System.Globalization.CultureInfo.InvariantCulture,
                $"r{i},{x:0.###},{(i % 3 == 0 ? "red" : "blue")},{(positive ? "yes" : "no")}"));
        }
        return string.Join('\n', lines) + "\n";
    }
}
