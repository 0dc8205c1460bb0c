using System.Net.Http.Json;
using System.Text.Json;
using Graft.Governance;
using Graft.Rollout;
using Graft.Storage;
using Microsoft.Extensions.Time.Testing;

namespace Graft.Server.Tests.Rollout;

/// <summary>
/// What the app gets in each stage, and how fast a change made by another process (the CLI, on the same store)
/// reaches the service: within one freshness period (one second), by the service's clock.
/// </summary>
public class RolloutServingTests
{
    private const string Spec = Graft.Testing.ToyData.Spec + "\nstage: shadow\n";

    // x = 9 and a blue colour: the model says yes, the rule (colour == 'red') says no.
    private static object Body(string? entity) => new { entity_id = entity, inputs = new { x = 9, colour = "blue" } };

    private static readonly Actor Operator = Actor.Operator("ops");

    private static async Task<(TestService Service, FakeTimeProvider Time, GraftHome Cli)> StartAsync()
    {
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var service = await TestService.StartAsync(time: time);
        await service.UseCaseAsync(Spec, train: true);
        return (service, time, await GraftHome.OpenAsync(service.Root, time)); // the CLI: another process on the same store
    }

    private static async Task<JsonElement> PredictAsync(HttpClient client, string? entity = "e-1")
    {
        using var response = await client.PostAsJsonAsync("/v1/usecases/toy/predict", Body(entity));
        response.EnsureSuccessStatusCode();
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone();
    }

    private static Task<RolloutChange> ChangeAsync(GraftHome cli, Stage stage, int? cohort = null) =>
        new RolloutControl(cli).ChangeStageAsync("toy", new StageChange(stage, cohort, "test", OverrideGates: true), Operator, default);

    [Fact]
    public async Task In_shadow_the_app_gets_the_rules_answer_and_the_log_keeps_the_models()
    {
        var (service, _, _) = await StartAsync();
        await using var _s = service;

        var answer = await PredictAsync(service.Client(service.AdminKey));
        await service.StopAsync();
        var logged = Assert.Single(await service.LogAsync());

        Assert.Equal(("shadow", "shadow", "no"), (answer.GetProperty("stage").GetString(), answer.GetProperty("route").GetString(), answer.GetProperty("label").GetString()));
        Assert.Equal(JsonValueKind.Null, answer.GetProperty("model_version").ValueKind);
        Assert.Equal(JsonValueKind.Null, answer.GetProperty("cohort").ValueKind);
        Assert.StartsWith("toy-v", logged.ModelVersion);
        using var output = JsonDocument.Parse(logged.OutputJson);
        Assert.Equal("yes", output.RootElement.GetProperty("label").GetString());
        Assert.Equal("no", output.RootElement.GetProperty("rule").GetProperty("label").GetString());
    }

    [Fact]
    public async Task In_assist_entities_in_the_cohort_get_the_model_and_the_others_the_rule_sticky_by_entity()
    {
        var (service, time, cli) = await StartAsync();
        await using var _s = service;
        var client = service.Client(service.AdminKey);
        await ChangeAsync(cli, Stage.Assist, cohort: 30);
        time.Advance(GraftHome.Freshness);

        var answers = new List<(string Entity, JsonElement Answer)>();
        for (var i = 0; i < 120; i++)
        {
            answers.Add(($"customer-{i}", await PredictAsync(client, $"customer-{i}")));
        }

        foreach (var (entity, answer) in answers)
        {
            var inCohort = Cohorts.Contains(30, "toy", entity);
            Assert.Equal(inCohort ? "in" : "out", answer.GetProperty("cohort").GetString());
            Assert.Equal(inCohort ? "review" : "fallback", answer.GetProperty("route").GetString());
            Assert.Equal(inCohort ? null : "out_of_cohort", answer.GetProperty("fallback_reason").GetString());
            Assert.Equal(inCohort ? "yes" : "no", answer.GetProperty("label").GetString());
        }
        Assert.InRange(answers.Count(a => a.Answer.GetProperty("cohort").GetString() == "in"), 20, 52);
        var again = await PredictAsync(client, answers[0].Entity);
        Assert.Equal(answers[0].Answer.GetProperty("cohort").GetString(), again.GetProperty("cohort").GetString());
    }

    [Fact]
    public async Task A_kill_from_another_process_turns_every_answer_into_the_rules_within_a_second_and_revive_undoes_it()
    {
        var (service, time, cli) = await StartAsync();
        await using var _s = service;
        var client = service.Client(service.AdminKey);
        await ChangeAsync(cli, Stage.Assist, cohort: 100);
        time.Advance(GraftHome.Freshness);
        Assert.Equal("review", (await PredictAsync(client)).GetProperty("route").GetString());

        await new RolloutControl(cli).KillAsync("toy", "drill", Operator, default);
        time.Advance(GraftHome.Freshness);
        var killed = new[] { await PredictAsync(client, "e-1"), await PredictAsync(client, "e-2"), await PredictAsync(client, null) };
        await new RolloutControl(cli).ReviveAsync("toy", "drill over", Operator, default);
        time.Advance(GraftHome.Freshness);
        var revived = await PredictAsync(client);

        Assert.All(killed, a => Assert.Equal(("fallback", "killed", "no"),
            (a.GetProperty("route").GetString(), a.GetProperty("fallback_reason").GetString(), a.GetProperty("label").GetString())));
        Assert.Equal("review", revived.GetProperty("route").GetString());
    }

    [Fact]
    public async Task Off_answers_with_the_rule_as_killed_and_auto_answers_with_the_model()
    {
        var (service, time, cli) = await StartAsync();
        await using var _s = service;
        var client = service.Client(service.AdminKey);

        await ChangeAsync(cli, Stage.Off);
        time.Advance(GraftHome.Freshness);
        var off = await PredictAsync(client);
        await ChangeAsync(cli, Stage.Shadow);
        await ChangeAsync(cli, Stage.Assist, cohort: 100);
        await ChangeAsync(cli, Stage.Auto);
        time.Advance(GraftHome.Freshness);
        var auto = await PredictAsync(client);

        Assert.Equal(("fallback", "killed"), (off.GetProperty("route").GetString(), off.GetProperty("fallback_reason").GetString()));
        Assert.Equal(("auto", "in", "yes"), (auto.GetProperty("route").GetString(), auto.GetProperty("cohort").GetString(), auto.GetProperty("label").GetString()));
    }

    [Fact]
    public async Task The_stage_route_answers_with_the_gates_and_refuses_an_override_by_a_maintainer()
    {
        var (service, _, _) = await StartAsync();
        await using var _s = service;
        var maintainer = service.Client(await service.KeyAsync(Role.Maintainer));
        var admin = service.Client(service.AdminKey);

        using var blocked = await maintainer.PutAsJsonAsync("/v1/usecases/toy/stage", new { stage = "assist", cohort_percent = 10, reason = "pilot" });
        using var forbidden = await maintainer.PutAsJsonAsync("/v1/usecases/toy/stage", new { stage = "assist", cohort_percent = 10, reason = "pilot", override_gates = true });
        using var overridden = await admin.PutAsJsonAsync("/v1/usecases/toy/stage", new { stage = "assist", cohort_percent = 10, reason = "pilot", override_gates = true });
        var status = JsonDocument.Parse(await admin.GetStringAsync("/v1/usecases/toy/status")).RootElement;

        Assert.Equal(409, (int)blocked.StatusCode);
        Assert.Equal("https://graft.dev/problems/blocked", JsonDocument.Parse(await blocked.Content.ReadAsStringAsync()).RootElement.GetProperty("type").GetString());
        Assert.Equal(403, (int)forbidden.StatusCode);
        Assert.Equal("https://graft.dev/problems/forbidden", JsonDocument.Parse(await forbidden.Content.ReadAsStringAsync()).RootElement.GetProperty("type").GetString());
        Assert.Equal(200, (int)overridden.StatusCode);
        Assert.Equal(("assist", 10, false), (status.GetProperty("stage").GetString(), status.GetProperty("cohort_percent").GetInt32(), status.GetProperty("killed").GetBoolean()));
        Assert.Equal(JsonValueKind.Null, status.GetProperty("challenger").ValueKind);
        var results = status.GetProperty("gates").EnumerateArray().Select(g => g.GetProperty("result").GetString()).ToHashSet();
        Assert.Subset(new HashSet<string?> { "successful", "failed", "inconclusive", "overridden" }, results);
        Assert.Contains("overridden", results);
        Assert.All(status.GetProperty("gates").EnumerateArray(), g => Assert.False(string.IsNullOrEmpty(g.GetProperty("evidence").GetString())));
        Assert.Equal(5, status.GetProperty("scorecard").GetArrayLength());
        Assert.All(status.GetProperty("scorecard").EnumerateArray(), s => Assert.Contains(s.GetProperty("color").GetString(), new[] { "green", "yellow", "red" }));
    }

    [Fact]
    public async Task Explaining_a_shadow_answer_shows_the_rule_decided_and_what_the_model_said()
    {
        var (service, _, _) = await StartAsync();
        await using var _s = service;
        var client = service.Client(service.AdminKey);
        var id = (await PredictAsync(client, "e-7")).GetProperty("prediction_id").GetString()!;
        await service.StopAsync(); // the log writes what is queued

        var record = await Graft.Governance.DecisionRecord.FindAsync(service.Home, id, null, default);

        Assert.Equal((id, "toy", "shadow", "shadow", "e-7"), (record.PredictionId, record.UseCase, record.Stage, record.Route, record.EntityId));
        Assert.StartsWith("toy-v", record.ModelVersion);
        Assert.Equal("yes", record.Output.GetProperty("label").GetString());
        Assert.Equal("no", record.Output.GetProperty("rule").GetProperty("label").GetString());
        Assert.Equal(9, record.Inputs.GetProperty("x").GetInt32());
        Assert.Empty(record.Reviews);
        var missing = await Assert.ThrowsAsync<GraftException>(() => Graft.Governance.DecisionRecord.FindAsync(service.Home, "0000000000000000000000000000abcd", "toy", default));
        Assert.Equal(FailureKind.NotFound, missing.Kind);
    }
}
