using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Graft.Governance;

namespace Graft.Server.Tests.Feedback;

/// <summary>Outcomes over HTTP: by id and by entity, and the refusals the contract names, each recording nothing.</summary>
public class OutcomeApiTests
{
    private const string Spec = Graft.Testing.ToyData.Spec + "\nstage: auto\ntrainers: [linear]\n";

    private static async Task<JsonElement> JsonAsync(HttpResponseMessage response) =>
        JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;

    [Fact]
    public async Task Outcomes_by_prediction_id_and_by_entity_join_and_bad_ones_are_4xx_with_their_type()
    {
        await using var service = await TestService.StartAsync(new Dictionary<string, string?> { ["Graft:PredictionLog:Durable"] = "true" });
        await service.UseCaseAsync(Spec, train: true);
        await service.UseCaseAsync(Spec.Replace("id: toy", "id: other"), train: true);
        var app = service.Client(await service.KeyAsync(Role.App, "toy"));
        var otherApp = service.Client(await service.KeyAsync(Role.App, "other"));
        var answer = await JsonAsync(await app.PostAsJsonAsync("/v1/usecases/toy/predict", new { entity_id = "cust-7", inputs = new { x = 7.5, colour = "blue" } }));
        var elsewhere = await JsonAsync(await otherApp.PostAsJsonAsync("/v1/usecases/other/predict", new { entity_id = "cust-7", inputs = new { x = 1, colour = "red" } }));
        var id = answer.GetProperty("prediction_id").GetString();
        var later = DateTime.UtcNow.AddSeconds(1).ToString("O");

        var recorded = await app.PostAsJsonAsync("/v1/usecases/toy/outcomes", new
        {
            outcomes = new object[] { new { prediction_id = id, label = "yes" }, new { entity_id = "cust-7", observed_at = later, label = "no" } },
        });
        Assert.Equal(HttpStatusCode.OK, recorded.StatusCode);
        var result = await JsonAsync(recorded);
        Assert.Equal((2, 1), (result.GetProperty("recorded").GetInt32(), result.GetProperty("superseded").GetInt32())); // the second is the same prediction's
        Assert.All(result.GetProperty("outcomes").EnumerateArray(), o => Assert.Equal(id, o.GetProperty("prediction_id").GetString()));

        var refusals = new (object Body, HttpStatusCode Status, string Type)[]
        {
            (new { outcomes = new[] { new { prediction_id = id, label = "maybe" } } }, HttpStatusCode.BadRequest, "invalid"),
            (new { outcomes = new[] { new { prediction_id = elsewhere.GetProperty("prediction_id").GetString(), label = "yes" } } }, HttpStatusCode.BadRequest, "invalid"),
            (new { outcomes = new[] { new { prediction_id = "019b0000000070008000000000000000", label = "yes" } } }, HttpStatusCode.NotFound, "not-found"),
            (new { outcomes = new[] { new { entity_id = "cust-8", observed_at = later, label = "yes" } } }, HttpStatusCode.NotFound, "not-found"),
            (new { outcomes = new[] { new { entity_id = "cust-7", label = "yes" } } }, HttpStatusCode.BadRequest, "invalid"),
        };
        foreach (var (body, status, type) in refusals)
        {
            var response = await app.PostAsJsonAsync("/v1/usecases/toy/outcomes", body);
            Assert.True(status == response.StatusCode, $"{JsonSerializer.Serialize(body)}: {response.StatusCode} {await response.Content.ReadAsStringAsync()}");
            Assert.Equal($"https://graft.dev/problems/{type}", (await JsonAsync(response)).GetProperty("type").GetString());
        }
        Assert.Equal(HttpStatusCode.Forbidden, (await otherApp.PostAsJsonAsync("/v1/usecases/toy/outcomes", new { outcomes = new[] { new { prediction_id = id, label = "yes" } } })).StatusCode);
        await using var db = service.Home.CreateDb();
        Assert.Equal(2, db.Outcomes.Count());
        var explained = await JsonAsync(await service.Client(service.AdminKey).GetAsync($"/v1/usecases/toy/predictions/{id}"));
        Assert.Equal(["yes", "no"], explained.GetProperty("outcomes").EnumerateArray().Select(o => o.GetProperty("label").GetString()));
    }
}
