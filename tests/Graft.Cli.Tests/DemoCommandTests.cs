namespace Graft.Cli.Tests;

public sealed class DemoCommandTests : IDisposable
{
    private readonly GraftProcess _graft = new();

    public void Dispose() => _graft.Dispose();

    [Fact]
    public async Task A_second_demo_run_trains_on_the_data_it_generated_not_on_an_earlier_run_s()
    {
        Assert.Equal(0, (await _graft.RunAsync("demo", "--no-serve", "--rows", "600")).ExitCode);
        Assert.Equal(0, (await _graft.RunAsync("demo", "--no-serve", "--rows", "800")).ExitCode);
        var again = await _graft.RunAsync("demo", "--no-serve", "--rows", "600", "--json"); // the same bytes as the first run: the same version, linked earlier

        Assert.True(again.ExitCode == 0, again.ToString());
        Assert.Equal(again.Json.GetProperty("dataset").GetString(), again.Json.GetProperty("training").GetProperty("dataset").GetString());
    }

    [Fact]
    public async Task The_demo_audits_trains_compares_and_registers_in_a_local_store()
    {
        var demo = await _graft.RunAsync("demo", "--no-serve", "--rows", "2000", "--json");
        Assert.True(demo.ExitCode == 0, demo.ToString());

        var training = demo.Json.GetProperty("training");
        var candidates = training.GetProperty("candidates").EnumerateArray().ToList();
        Assert.Equal("rule", candidates[0].GetProperty("kind").GetString());
        Assert.All(candidates.Skip(1), c => Assert.Equal("model", c.GetProperty("kind").GetString()));
        var rule = candidates[0].GetProperty("metrics").GetProperty("roc_auc").GetDouble();
        var best = candidates.Single(c => c.GetProperty("version").GetString() == training.GetProperty("best").GetString());
        Assert.True(best.GetProperty("metrics").GetProperty("roc_auc").GetDouble() > rule + 0.1, demo.Out);
        Assert.True(training.GetProperty("gate").GetProperty("passed").GetBoolean());
        Assert.Equal("excluded by the spec", training.GetProperty("left_out").GetProperty("cancellation_reason").GetString());
        Assert.Contains("sensitive", training.GetProperty("left_out").GetProperty("email").GetString());
        Assert.False(training.GetProperty("left_out").TryGetProperty("last_ticket_text", out _)); // its stock phrases repeat: an input as a category

        var audit = File.ReadAllText(demo.Json.GetProperty("audit").GetString()!);
        Assert.Contains("\"leakage_suspect\"", audit);
        Assert.True(File.Exists(Path.ChangeExtension(demo.Json.GetProperty("audit").GetString()!, ".html")));

        var models = await _graft.RunAsync("models", "list", "churn-risk", "--json");
        Assert.Equal(candidates.Count - 1, models.Json.GetArrayLength());
        var show = await _graft.RunAsync("models", "show", best.GetProperty("version").GetString()!, "--json");
        Assert.Equal(demo.Json.GetProperty("dataset").GetString(), show.Json.GetProperty("dataset").GetString());
        Assert.Equal(64, show.Json.GetProperty("dataset_sha256").GetString()!.Length);

        var brief = await _graft.RunAsync("brief", "churn-risk");
        Assert.Contains("# Churn risk for subscription customers", brief.Out);
        Assert.Contains("| **Fallback** |", brief.Out);
    }

    [Fact]
    public async Task Human_output_puts_the_comparison_on_stdout_and_progress_on_stderr()
    {
        var demo = await _graft.RunAsync("demo", "--no-serve", "--rows", "1000");

        Assert.True(demo.ExitCode == 0, demo.ToString());
        Assert.Contains("baseline gate:", demo.Out);
        Assert.Contains("roc_auc", demo.Out);
        Assert.Contains("1. generated 1,000 customers", demo.Err);
        Assert.DoesNotContain("[LightGBM]", demo.Out);
    }
}
