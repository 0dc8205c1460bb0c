using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace Graft.Server.Tests;

/// <summary>
/// Inputs the model did not see in training: a required input left out is answered by the rule (or refused), never
/// by the model, and every answer says what else it rests on that training did not show (warnings).
/// </summary>
public class MissingInputTests
{
    private const string Spec = Graft.Testing.ToyData.Spec + "\nstage: auto\n";

    /// <summary>The toy data plus <c>z</c>, missing in about a third of the rows, so it is optional.</summary>
    private static string DataWithOptionalZ()
    {
        var lines = Graft.Testing.ToyData.Csv(400).TrimEnd('\n').Split('\n');
        return string.Join('\n', lines.Select((line, i) => line + (i == 0 ? ",z" : i % 3 == 0 ? "," : string.Create(CultureInfo.InvariantCulture, $",{i % 7}")))) + "\n";
    }

    private static async Task<(HttpStatusCode Status, JsonElement Body)> PredictAsync(TestService service, object inputs, string path = "/v1/usecases/toy/predict")
    {
        var response = await service.Client(service.AdminKey).PostAsJsonAsync(path, new { inputs });
        return (response.StatusCode, JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement);
    }

    private static List<(string Field, string Code)> Warnings(JsonElement body) =>
        [.. body.GetProperty("warnings").EnumerateArray().Select(w => (w.GetProperty("field").GetString()!, w.GetProperty("code").GetString()!))];

    [Fact]
    public async Task A_request_with_most_inputs_missing_gets_the_rules_answer_not_a_confident_model_answer()
    {
        await using var service = await TestService.StartAsync();
        await service.UseCaseAsync(Spec, train: true); // x and colour were never missing in training: both required

        var (status, body) = await PredictAsync(service, new { x = 9.5 });

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("fallback", body.GetProperty("route").GetString());
        Assert.Equal("missing_inputs", body.GetProperty("fallback_reason").GetString());
        Assert.Equal(JsonValueKind.Null, body.GetProperty("model_version").ValueKind);
        Assert.Equal(JsonValueKind.Null, body.GetProperty("confidence").ValueKind);
        Assert.Equal("no", body.GetProperty("label").GetString()); // the rule: colour == 'red', and colour is missing
        Assert.Empty(body.GetProperty("explanation").EnumerateArray());
        Assert.Equal([("colour", "missing_required")], Warnings(body));
    }

    [Fact]
    public async Task The_open_inference_route_answers_a_row_missing_a_required_input_with_the_rule()
    {
        await using var service = await TestService.StartAsync();
        await service.UseCaseAsync(Spec, train: true);

        var response = await service.Client(service.AdminKey).PostAsJsonAsync("/v2/models/toy/infer", new
        {
            inputs = new[] { new { name = "x", shape = new[] { 1 }, datatype = "FP64", data = new[] { 9.5 } } },
        });

        var outputs = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("outputs").EnumerateArray()
            .ToDictionary(o => o.GetProperty("name").GetString()!, o => o.GetProperty("data")[0]);
        Assert.Equal("fallback", outputs["route"].GetString());
        Assert.Equal("no", outputs["label"].GetString());
    }

    [Fact]
    public async Task Model_metadata_and_models_show_list_the_required_inputs()
    {
        await using var service = await TestService.StartAsync();
        await service.UseCaseAsync(Spec, DataWithOptionalZ(), train: true);
        var client = service.Client(service.AdminKey);

        var metadata = JsonDocument.Parse(await client.GetStringAsync("/v2/models/toy")).RootElement;
        var model = JsonDocument.Parse(await client.GetStringAsync("/v1/models/toy-v1")).RootElement;

        Assert.Equal(["x", "colour"], metadata.GetProperty("parameters").GetProperty("required_inputs").EnumerateArray().Select(e => e.GetString()));
        var inputs = model.GetProperty("inputs").EnumerateArray().ToDictionary(i => i.GetProperty("field").GetString()!);
        Assert.True(inputs["x"].GetProperty("required").GetBoolean());
        Assert.False(inputs["z"].GetProperty("required").GetBoolean());
        Assert.InRange(inputs["z"].GetProperty("missing_share").GetDouble(), 0.25, 0.42);
        Assert.Equal(2, inputs["colour"].GetProperty("categories").GetInt32());
    }

    [Fact]
    public async Task With_on_missing_inputs_reject_every_missing_field_is_named_in_a_400()
    {
        await using var service = await TestService.StartAsync();
        await service.UseCaseAsync(Spec + "on_missing_inputs: reject\n", train: true);

        var (status, body) = await PredictAsync(service, new { });

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal("https://graft.dev/problems/invalid-inputs", body.GetProperty("type").GetString());
        var errors = body.GetProperty("errors").EnumerateObject().Select(e => e.Name).Order().ToList();
        Assert.Equal(["colour", "x"], errors);
        Assert.Empty(await service.LogAsync()); // refused, so nothing was answered or logged
    }

    [Fact]
    public async Task Without_a_rule_a_missing_required_input_is_refused_by_default()
    {
        await using var service = await TestService.StartAsync();
        await service.UseCaseAsync(Spec.Replace("rule: \"colour == 'red'\"\n", ""), train: true);

        var (status, body) = await PredictAsync(service, new { colour = "red" });

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.True(body.GetProperty("errors").TryGetProperty("x", out _));
    }

    [Theory]
    [InlineData("")]
    [InlineData("NA")]
    [InlineData(null)]
    public async Task An_empty_or_missing_marker_for_a_required_category_is_missing(string? colour)
    {
        await using var service = await TestService.StartAsync();
        await service.UseCaseAsync(Spec, train: true);

        var (status, body) = await PredictAsync(service, new Dictionary<string, object?> { ["x"] = 9.5, ["colour"] = colour });

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("missing_inputs", body.GetProperty("fallback_reason").GetString());
    }

    [Fact]
    public async Task A_category_the_model_never_saw_warns_and_is_never_high_confidence()
    {
        await using var service = await TestService.StartAsync();
        await service.UseCaseAsync(Spec, train: true);

        var (_, typo) = await PredictAsync(service, new { x = 9.9, colour = "Red" }); // the data says "red"
        var (_, clean) = await PredictAsync(service, new { x = 9.9, colour = "red" });

        Assert.Equal("auto", typo.GetProperty("route").GetString()); // the model answers, as it reads the value as missing
        var warning = Assert.Single(typo.GetProperty("warnings").EnumerateArray());
        Assert.Equal("colour", warning.GetProperty("field").GetString());
        Assert.Equal("unseen_category", warning.GetProperty("code").GetString());
        Assert.Contains("did you mean 'red'?", warning.GetProperty("message").GetString());
        Assert.NotEqual("high", typo.GetProperty("confidence").GetString());
        Assert.Empty(clean.GetProperty("warnings").EnumerateArray());
        Assert.Equal("high", clean.GetProperty("confidence").GetString()); // the same row with a known value is sure
    }

    [Theory]
    [InlineData(100, true)]
    [InlineData(10.9, false)] // within a tenth of the 0-10 range
    [InlineData(-1.5, true)]
    public async Task A_number_far_outside_the_training_range_warns(double x, bool warns)
    {
        await using var service = await TestService.StartAsync();
        await service.UseCaseAsync(Spec, train: true);

        var (_, body) = await PredictAsync(service, new { x, colour = "blue" });

        Assert.Equal(warns ? [("x", "out_of_range")] : [], Warnings(body));
    }

    [Fact]
    public async Task The_spec_sets_the_range_tolerance_per_field()
    {
        await using var service = await TestService.StartAsync();
        await service.UseCaseAsync(Spec + "fields:\n  x: { range_tolerance: 0 }\n", train: true);

        var (_, body) = await PredictAsync(service, new { x = 10.9, colour = "blue" });

        Assert.Equal([("x", "out_of_range")], Warnings(body));
    }

    [Fact]
    public async Task An_optional_input_left_out_is_answered_by_the_model_with_a_warning()
    {
        await using var service = await TestService.StartAsync();
        await service.UseCaseAsync(Spec, DataWithOptionalZ(), train: true);

        var (_, body) = await PredictAsync(service, new { x = 9.5, colour = "blue" });
        var (_, sent) = await PredictAsync(service, new { x = 9.5, colour = "blue", z = 3 });

        Assert.Equal("auto", body.GetProperty("route").GetString());
        Assert.Equal([("z", "missing_optional")], Warnings(body));
        Assert.Empty(Warnings(sent));
    }

    [Fact]
    public async Task The_spec_can_make_an_input_optional_or_required()
    {
        await using var service = await TestService.StartAsync();
        await service.UseCaseAsync(Spec + "fields:\n  colour: { required: false }\n  z: { required: true }\n", DataWithOptionalZ(), train: true);

        var (_, withoutColour) = await PredictAsync(service, new { x = 9.5, z = 1 });
        var (_, withoutZ) = await PredictAsync(service, new { x = 9.5, colour = "blue" });

        Assert.Equal("auto", withoutColour.GetProperty("route").GetString());
        Assert.Equal([("colour", "missing_optional")], Warnings(withoutColour));
        Assert.Equal("missing_inputs", withoutZ.GetProperty("fallback_reason").GetString());
    }

    [Fact]
    public async Task A_number_sent_as_a_string_is_read_as_the_number()
    {
        await using var service = await TestService.StartAsync();
        await service.UseCaseAsync(Spec, train: true);

        var (_, text) = await PredictAsync(service, new { x = "9.5", colour = "blue" });
        var (_, number) = await PredictAsync(service, new { x = 9.5, colour = "blue" });

        Assert.Equal(number.GetProperty("score").GetDouble(), text.GetProperty("score").GetDouble());
        Assert.Empty(Warnings(text));
    }

    [Fact]
    public async Task Warnings_are_logged_and_counted_by_field_and_code()
    {
        await using var service = await TestService.StartAsync();
        await service.UseCaseAsync(Spec, train: true);
        await PredictAsync(service, new { x = 100, colour = "Blue" });
        await PredictAsync(service, new { x = 5, colour = "Blue" });

        var metrics = await service.Client(service.AdminKey).GetStringAsync("/metrics");
        await service.StopAsync();

        Assert.Contains("graft_prediction_warnings_total{use_case=\"toy\",field=\"colour\",code=\"unseen_category\"} 2", metrics);
        Assert.Contains("graft_prediction_warnings_total{use_case=\"toy\",field=\"x\",code=\"out_of_range\"} 1", metrics);
        var logged = (await service.LogAsync()).Select(r => JsonDocument.Parse(r.OutputJson).RootElement.GetProperty("warnings").GetRawText()).Order().ToList();
        Assert.Equal(["{\"colour\":\"unseen_category\"}", "{\"x\":\"out_of_range\",\"colour\":\"unseen_category\"}"], logged);
    }
}
