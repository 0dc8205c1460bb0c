namespace Graft.Cli.Tests;

public sealed class PredictCommandTests : IDisposable
{
    // The demo's required inputs (never missing in its data); nps_score and last_ticket_text are optional.
    private const string Header = "customer_id,plan,contract,payment_method,region,tenure_months,monthly_charges,total_charges,support_tickets_90d,logins_30d,late_payments_12m";
    private readonly GraftProcess _graft = new();

    public void Dispose() => _graft.Dispose();

    [Fact]
    public async Task Predict_writes_the_input_columns_plus_the_prediction_of_the_champion_and_refuses_a_file_without_its_inputs()
    {
        var demo = await _graft.RunAsync("demo", "--no-serve", "--rows", "1000", "--json");
        Assert.True(demo.ExitCode == 0, demo.ToString());
        var champion = demo.Json.GetProperty("training").GetProperty("champion").GetString()!;
        var input = _graft.Write("new.csv", Header + "\n" +
            "X-1,Basic,Month-to-month,Card,Central,7,99.5,700,5,3,3\n" +
            "X-2,Premium,\"Two year\",Card,Central,48,20,960,0,40,0\n");
        var output = Path.Combine(_graft.Root, "scored.csv");

        var predict = await _graft.RunAsync("predict", "--usecase", "churn-risk", input, "-o", output);

        Assert.True(predict.ExitCode == 0, predict.ToString());
        var lines = File.ReadAllLines(output);
        Assert.Equal(Header + ",prediction,prediction_score,model_version", lines[0]);
        Assert.Equal(3, lines.Length);
        var risky = double.Parse(lines[1].Split(',')[^2], System.Globalization.CultureInfo.InvariantCulture);
        var loyal = double.Parse(lines[2].Split(',')[^2], System.Globalization.CultureInfo.InvariantCulture);
        Assert.True(risky > loyal, $"{risky} vs {loyal}");
        Assert.EndsWith(champion, lines[1]);
        Assert.Contains("2 of " + champion + "'s 12 input fields are not in new.csv and are scored as missing: nps_score, last_ticket_text", predict.Err); // both optional

        var partial = _graft.Write("partial.csv", "customer_id,contract,tenure_months,monthly_charges\nX-1,Month-to-month,1,99.5\n");
        var byRule = await _graft.RunAsync("predict", "--usecase", "churn-risk", partial, "-o", Path.Combine(_graft.Root, "partial-scored.csv"));
        Assert.True(byRule.ExitCode == 0, byRule.ToString());
        Assert.EndsWith(",Yes,1,rule (missing_inputs)", File.ReadAllLines(Path.Combine(_graft.Root, "partial-scored.csv"))[1]); // the rule: month-to-month, under 12 months
        Assert.Contains("which " + champion + " requires: the rule answers every row", byRule.Err.Replace("\n", "", StringComparison.Ordinal)); // notes wrap at the width of a terminal

        var wrong = _graft.Write("wrong.csv", "id,when\n1,2024-01-01\n");
        var refused = await _graft.RunAsync("predict", "--usecase", "churn-risk", wrong, "-o", Path.Combine(_graft.Root, "wrong-scored.csv"));

        Assert.Equal(2, refused.ExitCode);
        Assert.Contains("wrong.csv has none of " + champion + "'s input fields", refused.Err);
        Assert.Contains("its columns are id, when", refused.Err);
        Assert.False(File.Exists(Path.Combine(_graft.Root, "wrong-scored.csv")));
    }

    [Fact]
    public async Task Predict_without_a_champion_or_model_says_what_to_do()
    {
        await _graft.RunAsync("usecase", "apply", _graft.Write("s.yaml", "id: ab\ntitle: x\ntask: binary\ntarget: {column: y}\n"));
        var input = _graft.Write("in.csv", "a,b\n1,2\n");

        var predict = await _graft.RunAsync("predict", "--usecase", "ab", input, "-o", Path.Combine(_graft.Root, "out.csv"));

        Assert.Equal(2, predict.ExitCode);
        Assert.Contains("has no champion yet", predict.Err);
        Assert.False(File.Exists(Path.Combine(_graft.Root, "out.csv")));
    }
}
