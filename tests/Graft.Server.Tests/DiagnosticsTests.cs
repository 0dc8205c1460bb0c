using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Graft.Server.Tests;

/// <summary>Failures the service answers around are reported through its logging, with stable event ids, and no input value in them.</summary>
public class DiagnosticsTests
{
    // "no" is the positive class here, so the warm-up row (x = 0) is labelled positive and only a negative answer needs the card's classes.
    private const string Spec = Graft.Testing.ToyData.Spec + "\nstage: auto\n";

    [Fact]
    public async Task A_scoring_failure_is_one_warning_with_its_event_id_and_the_rule_answers()
    {
        await using var service = await TestService.StartAsync(configure: b => b.Services.AddFakeLogging());
        await service.UseCaseAsync(Spec.Replace("positive: \"yes\"", "positive: \"no\""), train: true);
        var (useCase, _) = await new Graft.UseCases.UseCaseCatalog(service.Home).GetAsync("toy", default);
        await DamageCardClassesAsync(service, useCase.ChampionVersion!); // a card edited on disk, so labelling a negative row fails
        var secret = "jane.doe@example.com";

        var response = await service.Client(service.AdminKey).PostAsJsonAsync("/v1/usecases/toy/predict",
            new { entity_id = secret, inputs = new { x = 9.5, colour = "blue" } });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("\"fallback_reason\":\"model_error\"", await response.Content.ReadAsStringAsync());
        var logs = service.Services.GetFakeLogCollector().GetSnapshot();
        var warning = Assert.Single(logs, l => l.Level >= LogLevel.Warning);
        Assert.Equal(1001, warning.Id.Id);
        Assert.Equal("ScoringFailed", warning.Id.Name);
        Assert.StartsWith("Graft.Serving", warning.Category);
        Assert.Contains("toy-v", warning.Message);
        Assert.All(logs, l => Assert.DoesNotContain(secret, l.Message));
        Assert.All(logs, l => Assert.DoesNotContain(service.AdminKey, l.Message));
    }

    private static async Task DamageCardClassesAsync(TestService service, string version)
    {
        var path = Path.Combine(service.Root, "artifacts", "models", version, "card.json");
        var card = JsonNode.Parse(await File.ReadAllTextAsync(path))!;
        card["classes"] = new JsonArray();
        await File.WriteAllTextAsync(path, card.ToJsonString());
    }
}
