using System.Globalization;
using Graft.Registry;
using Graft.Training;

namespace Graft.Tests.Training;

/// <summary>What a trained model records of each input: missing share, range and known categories, by hand-counted answers.</summary>
public class InputDomainTests
{
    private const string Spec = """
        id: domains
        title: Domains
        task: binary
        target: { column: label, positive: "yes" }
        trainers: [linear]
        fields:
          forced: { required: true }
        """;

    /// <summary>
    /// 600 rows: n from 0 to 59.9 (never missing), plan one of three (never missing), sometimes missing in every
    /// fourth row, forced missing in every fifth row but declared required.
    /// </summary>
    private static string Csv()
    {
        var lines = new List<string> { "n,plan,sometimes,forced,label" };
        for (var i = 0; i < 600; i++)
        {
            var plan = new[] { "Basic", "Plus", "Pro" }[i % 3];
            lines.Add(string.Create(CultureInfo.InvariantCulture,
                $"{i / 10.0},{plan},{(i % 4 == 0 ? "" : (i % 7).ToString(CultureInfo.InvariantCulture))},{(i % 5 == 0 ? "" : "1")},{(i % 10 < 4 ? "yes" : "no")}"));
        }
        return string.Join('\n', lines) + "\n";
    }

    [Fact]
    public async Task Training_records_each_inputs_missing_share_range_and_categories()
    {
        await using var temp = await TrainingScenario.CreateAsync(Spec, Csv());
        var result = await TrainingScenario.TrainAsync(temp, "domains");

        var card = await new ModelRegistry(temp.Home).CardAsync(result.Candidates.Single(c => c.Version is not null).Version!, default);
        var domain = card.Inputs.ToDictionary(i => i.Field, i => i.Domain!);

        Assert.True(domain["n"].Required);
        Assert.Equal(0, domain["n"].MissingShare);
        Assert.InRange(domain["n"].Min!.Value, 0, 1); // the fitted rows are a sample of the 600: close to the full range
        Assert.InRange(domain["n"].Max!.Value, 58.9, 59.9 + 1e-5); // read as a float
        Assert.True(domain["plan"].Required);
        Assert.Equal(["Basic", "Plus", "Pro"], domain["plan"].Categories!.Order());
        Assert.False(domain["sometimes"].Required);
        Assert.InRange(domain["sometimes"].MissingShare, 0.2, 0.3); // a quarter of all rows
        Assert.True(domain["forced"].Required); // the spec says so, though a fifth of its values are missing
        Assert.InRange(domain["forced"].MissingShare, 0.15, 0.25);
    }

    [Fact]
    public void A_share_of_missing_values_below_a_thousandth_makes_an_input_required() =>
        Assert.Equal(0.001, InputDomain.RequiredBelow);
}
