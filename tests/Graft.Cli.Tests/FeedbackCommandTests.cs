using System.Net.Http.Json;
using System.Text.Json;

namespace Graft.Cli.Tests;

/// <summary>
/// graft feedback export and graft train on several dataset versions, on the demo's use case: the loop from answers
/// served by another process to a model that learned from them, and the mistakes each command refuses in one line.
/// </summary>
public sealed class FeedbackCommandTests : IDisposable
{
    private const string AdminKey = "cli-test-admin-key-0123456789abcdefghij";
    private const int Served = 30;
    private readonly GraftProcess _graft = new();

    public void Dispose() => _graft.Dispose();

    private async Task<string> DemoAsync()
    {
        var demo = await _graft.RunAsync("demo", "--no-serve", "--rows", "800", "--json");
        Assert.True(demo.ExitCode == 0, demo.ToString());
        return demo.Json.GetProperty("dataset").GetString()!;
    }

    private async Task<string> AddAsync(string useCase, string csv)
    {
        var added = await _graft.RunAsync("data", "add", "--usecase", useCase, _graft.Write($"{Guid.NewGuid():N}.csv", csv));
        Assert.True(added.ExitCode == 0, added.ToString());
        return added.Out.Trim();
    }

    [Fact]
    public async Task Served_answers_with_their_outcomes_are_exported_and_trained_on_with_the_demo_data()
    {
        var original = await DemoAsync();
        var predictions = await ServeAsync();
        var outcomes = _graft.Write("outcomes.csv", "prediction_id,label\n" + string.Concat(predictions.Select((id, i) => $"{id},{(i % 3 == 0 ? "Yes" : "No")}\n")));
        Assert.Equal(0, (await _graft.RunAsync("outcomes", "import", "churn-risk", outcomes)).ExitCode);

        var export = await _graft.RunAsync("feedback", "export", "churn-risk", "--json");
        Assert.True(export.ExitCode == 0, export.ToString());
        var dataset = export.Json.GetProperty("dataset").GetString()!;
        Assert.Equal((Served, Served, 0), (export.Json.GetProperty("rows").GetInt32(), export.Json.GetProperty("from_outcomes").GetInt32(), export.Json.GetProperty("from_reviews").GetInt32()));
        var listed = await _graft.RunAsync("data", "list", "churn-risk");
        Assert.True(listed.Out.Contains($"{Served} outcomes, 0 reviews", StringComparison.Ordinal), listed.Out);
        var lineage = (await _graft.RunAsync("data", "list", "churn-risk", "--json")).Json.EnumerateArray().Single(v => v.GetProperty("version").GetString() == dataset).GetProperty("lineage");
        Assert.Equal(predictions.Order(StringComparer.Ordinal).First(), lineage.GetProperty("first_prediction_id").GetString());

        var trained = await _graft.RunAsync("train", "--usecase", "churn-risk", "--dataset", original, "--dataset", dataset, "--json");
        Assert.True(trained.ExitCode == 0, trained.ToString());
        Assert.Equal([original, dataset], trained.Json.GetProperty("datasets").EnumerateArray().Select(d => d.GetString()));
        var split = trained.Json.GetProperty("split");
        Assert.Equal(800 + Served, split.GetProperty("train_rows").GetInt32() + split.GetProperty("validation_rows").GetInt32() + split.GetProperty("test_rows").GetInt32());
        var best = trained.Json.GetProperty("best").GetString()!;
        var shown = await _graft.RunAsync("models", "show", best, "--json");
        Assert.Equal([(original, 800), (dataset, Served)],
            shown.Json.GetProperty("datasets").EnumerateArray().Select(d => (d.GetProperty("id").GetString(), d.GetProperty("rows").GetInt32())));
        var table = await _graft.RunAsync("models", "show", best);
        Assert.Contains(original, table.Out);
        Assert.Contains($"{dataset} (sha256 {export.Json.GetProperty("sha256").GetString()}, {Served} rows)", table.Out);
    }

    /// <summary>Answers <see cref="Served"/> requests from another process, as an app would get them; their prediction ids.</summary>
    private async Task<List<string>> ServeAsync()
    {
        var port = ServeCommandTests.FreePort();
        using var server = _graft.Start(["serve", "--urls", $"http://127.0.0.1:{port}"],
            new Dictionary<string, string> { ["GRAFT_BOOTSTRAP_ADMIN_KEY"] = AdminKey, ["Graft__PredictionLog__Durable"] = "true" });
        try
        {
            await ServeCommandTests.WaitUntilLiveAsync(port);
            using var client = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}") };
            client.DefaultRequestHeaders.Authorization = new("Bearer", AdminKey);
            var ids = new List<string>();
            for (var i = 0; i < Served; i++)
            {
                using var response = await client.PostAsJsonAsync("/v1/usecases/churn-risk/predict", ReviewCommandTests.Row($"C-{i}", i));
                ids.Add(JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("prediction_id").GetString()!);
            }
            return ids; // a durable log: every answer given is written
        }
        finally
        {
            server.Kill(entireProcessTree: true);
            await server.WaitForExitAsync();
        }
    }

    [Fact]
    public async Task An_export_without_labels_and_training_on_data_that_does_not_fit_or_is_another_use_cases_fail_in_one_line()
    {
        (await _graft.RunAsync("feedback", "export", "nope")).AssertOneLineFailure(3, "no use case 'nope'");
        var original = await DemoAsync();
        (await _graft.RunAsync("feedback", "export", "churn-risk")).AssertOneLineFailure(3, "nothing was exported");
        (await _graft.RunAsync("feedback", "export", "churn-risk", "--as-of", "last week")).AssertOneLineFailure(2, "--as-of 'last week' is not a time");
        Assert.Equal(1, (await _graft.RunAsync("data", "list", "churn-risk", "--json")).Json.GetArrayLength());

        var unfit = await AddAsync("churn-risk", "customer_id,plan\nC-1,Standard\nC-2,Premium\n");
        (await _graft.RunAsync("train", "--usecase", "churn-risk", "--dataset", original, "--dataset", unfit))
            .AssertOneLineFailure(2, $"{unfit} does not fit the spec of churn-risk");
        var spec = _graft.Write("other.yaml", "id: other\ntitle: Other\ntask: binary\ntarget: {column: y}\n");
        Assert.Equal(0, (await _graft.RunAsync("usecase", "apply", spec)).ExitCode);
        var others = await AddAsync("other", "a,y\n1,yes\n2,no\n");
        (await _graft.RunAsync("train", "--usecase", "churn-risk", "--dataset", original, "--dataset", others))
            .AssertOneLineFailure(3, $"use case 'churn-risk' has no dataset version '{others}'");
        Assert.Equal(2, (await _graft.RunAsync("models", "list", "churn-risk", "--json")).Json.GetArrayLength()); // the demo's, and no more
    }
}
