using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace Graft.Server.Tests;

public class OpenInferenceTests(TrainedToyService toy) : IClassFixture<TrainedToyService>
{
    private const string Spec = Graft.Testing.ToyData.Spec + "\nstage: auto\n"; // so answers are the model's

    private const string Inputs = """
        "inputs": [
          {"name": "x", "shape": [2], "datatype": "FP64", "data": [9.5, 0.5]},
          {"name": "colour", "shape": [2], "datatype": "BYTES", "data": ["blue", "red"]}]
        """;

    private static async Task<JsonElement> JsonAsync(HttpResponseMessage response) =>
        JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;

    [Fact]
    public async Task Model_metadata_lists_one_tensor_per_field()
    {
        await using var service = await TestService.StartAsync();
        await service.UseCaseAsync(Spec, train: true);
        var client = service.Client(service.AdminKey);

        var metadata = await JsonAsync(await client.GetAsync("/v2/models/toy"));

        Assert.Equal("toy", metadata.GetProperty("name").GetString());
        var inputs = metadata.GetProperty("inputs").EnumerateArray().ToDictionary(i => i.GetProperty("name").GetString()!, i => i.GetProperty("datatype").GetString());
        Assert.Equal("FP64", inputs["x"]);
        Assert.Equal("BYTES", inputs["colour"]);
        Assert.Equal(["label", "score", "route"], metadata.GetProperty("outputs").EnumerateArray().Select(o => o.GetProperty("name").GetString()));
        Assert.True((await JsonAsync(await client.GetAsync("/v2/models/toy/ready"))).GetProperty("ready").GetBoolean());
        Assert.True((await JsonAsync(await client.GetAsync("/v2/health/ready"))).GetProperty("ready").GetBoolean());
        Assert.Equal("graft", (await JsonAsync(await client.GetAsync("/v2"))).GetProperty("name").GetString());
    }

    [Fact]
    public async Task Infer_answers_a_batch_in_the_protocols_shape_for_the_champion_and_for_a_version()
    {
        await using var service = await TestService.StartAsync();
        await service.UseCaseAsync(Spec, train: true);
        var client = service.Client(service.AdminKey);
        var request = new
        {
            id = "req-1",
            inputs = new object[]
            {
                new { name = "x", shape = new[] { 2 }, datatype = "FP32", data = new[] { 9.5, 0.5 } },
                new { name = "colour", shape = new[] { 2 }, datatype = "BYTES", data = new[] { "blue", "red" } },
            },
        };

        var champion = await JsonAsync(await client.PostAsJsonAsync("/v2/models/toy/infer", request));
        var v2 = await client.PostAsJsonAsync("/v2/models/toy/versions/2/infer", request);

        Assert.Equal("req-1", champion.GetProperty("id").GetString());
        var outputs = champion.GetProperty("outputs").EnumerateArray().ToDictionary(o => o.GetProperty("name").GetString()!);
        Assert.Equal(["yes", "no"], outputs["label"].GetProperty("data").EnumerateArray().Select(v => v.GetString()));
        Assert.Equal([2], outputs["score"].GetProperty("shape").EnumerateArray().Select(v => v.GetInt32()));
        Assert.Equal(HttpStatusCode.OK, v2.StatusCode);
        Assert.Equal("2", (await JsonAsync(v2)).GetProperty("model_version").GetString());
    }

    [Fact]
    public async Task Infer_without_an_id_leaves_id_out_of_the_answer()
    {
        var (status, answer) = await toy.InferAsync("{" + Inputs + "}");

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.False(answer.TryGetProperty("id", out var id), $"the answer has \"id\": {id}");
        Assert.Equal("toy", answer.GetProperty("model_name").GetString());
    }

    [Fact]
    public async Task Infer_answers_only_the_requested_outputs_in_the_requested_order()
    {
        var (status, answer) = await toy.InferAsync("{" + Inputs + """
            , "outputs": [{"name": "score"}, {"name": "label", "parameters": {"note": "ignored"}}]}
            """);
        var (_, everything) = await toy.InferAsync("{" + Inputs + "}");

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(["score", "label"], answer.GetProperty("outputs").EnumerateArray().Select(o => o.GetProperty("name").GetString()));
        Assert.Equal(["yes", "no"], answer.GetProperty("outputs")[1].GetProperty("data").EnumerateArray().Select(v => v.GetString()));
        Assert.Equal(["label", "score", "route"], everything.GetProperty("outputs").EnumerateArray().Select(o => o.GetProperty("name").GetString()));
    }

    [Theory]
    [InlineData("""[{"name": "probability"}]""", "'probability' is not an output of this model (outputs: label, score, route)")]
    [InlineData("""[{"name": "label"}, {"name": "route"}, {"name": "label"}]""", "output 'label' is asked for twice")]
    public async Task Infer_refuses_an_unknown_or_repeated_output_with_400_naming_it(string outputs, string expected)
    {
        var (status, answer) = await toy.InferAsync("{" + Inputs + ", \"outputs\": " + outputs + "}");

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal(expected, answer.GetProperty("error").GetString());
    }

    [Fact]
    public async Task Infer_goes_through_the_kill_switch_and_into_the_prediction_log()
    {
        await using var service = await TestService.StartAsync();
        await service.UseCaseAsync(Spec.Replace("stage: auto", "stage: off"), train: true);
        var request = new
        {
            inputs = new object[]
            {
                new { name = "x", shape = new[] { 2 }, datatype = "FP64", data = new[] { 9.5, 0.5 } },
                new { name = "colour", shape = new[] { 2 }, datatype = "BYTES", data = new[] { "blue", "red" } },
            },
        };

        var response = await JsonAsync(await service.Client(service.AdminKey).PostAsJsonAsync("/v2/models/toy/infer", request));

        var outputs = response.GetProperty("outputs").EnumerateArray().ToDictionary(o => o.GetProperty("name").GetString()!);
        Assert.Equal(["fallback", "fallback"], outputs["route"].GetProperty("data").EnumerateArray().Select(v => v.GetString()));
        Assert.Equal(["no", "yes"], outputs["label"].GetProperty("data").EnumerateArray().Select(v => v.GetString())); // the rule: colour == 'red'
        await service.StopAsync();
        var records = await service.LogAsync();
        Assert.Equal(2, records.Count);
        Assert.All(records, r => Assert.Equal(("fallback", "killed"), (r.Route, r.FallbackReason)));
    }

    [Fact]
    public async Task Unknown_models_and_versions_are_404_with_an_error_body()
    {
        await using var service = await TestService.StartAsync();
        await service.UseCaseAsync(Spec, train: true);
        var client = service.Client(service.AdminKey);

        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/v2/models/nope")).StatusCode);
        var missing = await client.GetAsync("/v2/models/toy/versions/99");
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        Assert.Contains("no version", (await JsonAsync(missing)).GetProperty("error").GetString());
    }
}
