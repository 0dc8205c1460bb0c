using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;

namespace Graft.Server.Tests;

public class PredictEndpointTests
{
    private const string Spec = Graft.Testing.ToyData.Spec + "\n" + """
        stage: auto
        fields:
          x: { min: -100, max: 100 }
        """;

    private static readonly object HighX = new { entity_id = "r1", inputs = new { x = 9.5, colour = "blue" } };

    private static async Task<JsonElement> JsonAsync(HttpResponseMessage response) =>
        JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;

    [Fact]
    public async Task The_champion_answers_with_label_score_threshold_confidence_and_explanation()
    {
        await using var service = await TestService.StartAsync();
        await service.UseCaseAsync(Spec, train: true);

        var response = await service.Client(service.AdminKey).PostAsJsonAsync("/v1/usecases/toy/predict", HighX);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await JsonAsync(response);
        Assert.Equal("auto", body.GetProperty("route").GetString());
        Assert.Equal("yes", body.GetProperty("label").GetString());
        Assert.True(body.GetProperty("score").GetDouble() > body.GetProperty("threshold").GetDouble());
        Assert.InRange(body.GetProperty("score").GetRawText().TrimStart('0', '.').Length, 1, 7); // the float's digits, not 0.6137000322341919
        Assert.InRange(body.GetProperty("threshold").GetRawText().TrimStart('0', '.').Length, 1, 7); // the same digits as the score it is compared with
        Assert.StartsWith("toy-v", body.GetProperty("model_version").GetString());
        Assert.Equal("x", body.GetProperty("explanation")[0].GetProperty("field").GetString());
        Assert.Equal(32, body.GetProperty("prediction_id").GetString()!.Length);
        Assert.Equal(JsonValueKind.Null, body.GetProperty("fallback_reason").ValueKind);
    }

    [Fact]
    public async Task Without_a_model_the_rule_answers_with_the_reason_no_model()
    {
        await using var service = await TestService.StartAsync();
        await service.UseCaseAsync(Spec, train: false);

        var body = await JsonAsync(await service.Client(service.AdminKey).PostAsJsonAsync("/v1/usecases/toy/predict",
            new { inputs = new { x = 9.5, colour = "red" } }));

        Assert.Equal("fallback", body.GetProperty("route").GetString());
        Assert.Equal("no_model", body.GetProperty("fallback_reason").GetString());
        Assert.Equal("yes", body.GetProperty("label").GetString());
        Assert.Equal(1, body.GetProperty("score").GetDouble());
    }

    [Fact]
    public async Task A_use_case_switched_off_is_answered_by_the_rule_as_killed()
    {
        await using var service = await TestService.StartAsync();
        await service.UseCaseAsync(Spec.Replace("stage: auto", "stage: off"), train: true);

        var body = await JsonAsync(await service.Client(service.AdminKey).PostAsJsonAsync("/v1/usecases/toy/predict", HighX));

        Assert.Equal("killed", body.GetProperty("fallback_reason").GetString());
        Assert.Equal("no", body.GetProperty("label").GetString()); // blue is not red
    }

    [Fact]
    public async Task A_corrupt_champion_artifact_falls_back_with_model_error()
    {
        await using var service = await TestService.StartAsync();
        await service.UseCaseAsync(Spec, train: true);
        foreach (var file in Directory.EnumerateFiles(Path.Combine(service.Root, "artifacts", "models"), "model.zip", SearchOption.AllDirectories))
        {
            await File.WriteAllBytesAsync(file, [1, 2, 3]);
        }

        var response = await service.Client(service.AdminKey).PostAsJsonAsync("/v1/usecases/toy/predict", HighX);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("model_error", (await JsonAsync(response)).GetProperty("fallback_reason").GetString());
    }

    [Fact]
    public async Task Bad_inputs_get_a_400_listing_each_bad_field()
    {
        await using var service = await TestService.StartAsync();
        await service.UseCaseAsync(Spec, train: true);

        var response = await service.Client(service.AdminKey).PostAsJsonAsync("/v1/usecases/toy/predict",
            new { inputs = new { x = "lots", colour = new[] { "a" }, colur = "red" } });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType!.MediaType);
        var errors = (await JsonAsync(response)).GetProperty("errors");
        Assert.Contains("must be a number", errors.GetProperty("x")[0].GetString());
        Assert.Contains("single value", errors.GetProperty("colour")[0].GetString());
        Assert.Contains("did you mean 'colour'", errors.GetProperty("colur")[0].GetString());
    }

    [Fact]
    public async Task Out_of_range_values_are_refused()
    {
        await using var service = await TestService.StartAsync();
        await service.UseCaseAsync(Spec, train: true);

        var response = await service.Client(service.AdminKey).PostAsJsonAsync("/v1/usecases/toy/predict", new { inputs = new { x = 1e9 } });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("between -100 and 100", (await JsonAsync(response)).GetProperty("errors").GetProperty("x")[0].GetString());
    }

    [Theory]
    [InlineData("{\"inputs\":", "application/json", HttpStatusCode.BadRequest)]
    [InlineData("{\"inputs\": {\"x\": NaN}}", "application/json", HttpStatusCode.BadRequest)]
    [InlineData("x=1", "application/x-www-form-urlencoded", HttpStatusCode.UnsupportedMediaType)]
    [InlineData("{}", "application/json", HttpStatusCode.BadRequest)]
    public async Task Malformed_requests_get_a_problem_response_not_a_5xx(string body, string contentType, HttpStatusCode expected)
    {
        await using var service = await TestService.StartAsync();
        await service.UseCaseAsync(Spec, train: false);

        var response = await service.Client(service.AdminKey).PostAsync("/v1/usecases/toy/predict", new StringContent(body, Encoding.UTF8, contentType));

        Assert.Equal(expected, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task An_unknown_use_case_is_404()
    {
        await using var service = await TestService.StartAsync();

        var response = await service.Client(service.AdminKey).PostAsJsonAsync("/v1/usecases/nope/predict", HighX);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }
}
