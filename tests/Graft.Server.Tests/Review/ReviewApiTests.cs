using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Graft.Governance;

namespace Graft.Server.Tests.Review;

/// <summary>The review queue over HTTP: answers routed to it, a reviewer's claim and decision, and every refusal with its type.</summary>
public class ReviewApiTests
{
    private const string Spec = Graft.Testing.ToyData.Spec + "\n" + """
        stage: auto
        trainers: [linear]
        fields:
          email: { sensitive: true }
          note: { type: text }
        review: { band: [0, 1], reasons: [wrong_label, missing_context] }
        """;

    private static async Task<JsonElement> JsonAsync(HttpResponseMessage response) =>
        JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;

    /// <summary>A prediction the policy sends to review, and its item once the log's writer has stored it.</summary>
    private static async Task<(string ReviewId, JsonElement Answer)> ReviewedAsync(TestService service, HttpClient app, string entity = "e1")
    {
        var answer = await JsonAsync(await app.PostAsJsonAsync("/v1/usecases/toy/predict", new
        {
            entity_id = entity, inputs = new { x = 5.5, colour = "blue", email = "jane.doe@example.com", note = "call me on +1-555-0134-221" },
        }));
        var id = answer.GetProperty("review_id").GetString()!;
        var admin = service.Client(service.AdminKey);
        for (var i = 0; i < 100 && (await admin.GetAsync($"/v1/review/items/{id}")).StatusCode == HttpStatusCode.NotFound; i++)
        {
            await Task.Delay(50); // buffered: the writer stores the item within its flush interval
        }
        return (id, answer);
    }

    [Fact]
    public async Task An_answer_routed_to_review_is_claimed_and_overridden_by_a_reviewer_who_sees_the_inputs_masked()
    {
        await using var service = await TestService.StartAsync();
        await service.UseCaseAsync(Spec, train: true, withContact: true);
        var app = service.Client(await service.KeyAsync(Role.App, "toy"));
        var reviewer = service.Client(await service.KeyAsync(Role.Reviewer));
        var (id, answer) = await ReviewedAsync(service, app);
        Assert.Equal("review", answer.GetProperty("route").GetString());

        var listed = await JsonAsync(await reviewer.GetAsync("/v1/review/items?usecase=toy&state=pending"));
        var item = Assert.Single(listed.GetProperty("items").EnumerateArray());
        Assert.Equal((id, "toy", answer.GetProperty("prediction_id").GetString(), "pending"),
            (item.GetProperty("id").GetString(), item.GetProperty("use_case").GetString(), item.GetProperty("prediction_id").GetString(), item.GetProperty("state").GetString()));
        var detail = await JsonAsync(await reviewer.GetAsync($"/v1/review/items/{id}"));
        Assert.Equal("••••••", detail.GetProperty("inputs").GetProperty("email").GetString());
        Assert.Equal("call me on <PHONE>", detail.GetProperty("inputs").GetProperty("note").GetString());
        Assert.True(detail.GetProperty("answer").GetProperty("explanation").EnumerateObject().Any());

        var claim = await JsonAsync(await reviewer.PostAsync($"/v1/review/items/{id}/claim", null));
        var token = claim.GetProperty("token").GetInt64();
        var other = answer.GetProperty("label").GetString() == "yes" ? "no" : "yes";
        var decided = await reviewer.PostAsJsonAsync($"/v1/review/items/{id}/decisions", new { decision = "override", token, label = other, reason = "wrong_label", note = "customer called" });
        Assert.Equal(HttpStatusCode.OK, decided.StatusCode);
        Assert.Equal(other, (await JsonAsync(decided)).GetProperty("label").GetString());
        Assert.Equal("decided", (await JsonAsync(await reviewer.GetAsync($"/v1/review/items/{id}"))).GetProperty("item").GetProperty("state").GetString());
        var explained = await JsonAsync(await reviewer.GetAsync($"/v1/usecases/toy/predictions/{answer.GetProperty("prediction_id").GetString()}"));
        var review = Assert.Single(explained.GetProperty("reviews").EnumerateArray());
        Assert.Equal(("override", other, "wrong_label"), (review.GetProperty("decision").GetString(), review.GetProperty("label").GetString(), review.GetProperty("reason").GetString()));
    }

    [Fact]
    public async Task Every_bad_review_request_is_a_4xx_with_its_type_and_records_nothing()
    {
        await using var service = await TestService.StartAsync();
        await service.UseCaseAsync(Spec, train: true, withContact: true);
        await service.UseCaseAsync(Spec.Replace("id: toy", "id: other"), train: false);
        var app = service.Client(await service.KeyAsync(Role.App, "toy"));
        var reviewer = service.Client(await service.KeyAsync(Role.Reviewer));
        var second = service.Client(await service.KeyAsync(Role.Reviewer));
        var elsewhere = service.Client(await service.KeyAsync(Role.Reviewer, "other"));
        var (id, answer) = await ReviewedAsync(service, app);
        var token = (await JsonAsync(await reviewer.PostAsync($"/v1/review/items/{id}/claim", null))).GetProperty("token").GetInt64();
        var label = answer.GetProperty("label").GetString();

        var refusals = new (HttpClient Client, string Path, object? Body, HttpStatusCode Status, string Type)[]
        {
            (reviewer, $"/v1/review/items/{id}/decisions", new { decision = "accept" }, HttpStatusCode.BadRequest, "invalid"),
            (reviewer, $"/v1/review/items/{id}/decisions", new { decision = "override", token, label }, HttpStatusCode.BadRequest, "invalid"),
            (reviewer, $"/v1/review/items/{id}/decisions", new { decision = "override", token, label = "maybe", reason = "wrong_label" }, HttpStatusCode.BadRequest, "invalid"),
            (reviewer, $"/v1/review/items/{id}/decisions", new { decision = "override", token, label, reason = "gut feeling" }, HttpStatusCode.BadRequest, "invalid"),
            (reviewer, $"/v1/review/items/{id}/decisions", new { decision = "escalate", token, reason = "unsure", escalate_to = "ceo" }, HttpStatusCode.BadRequest, "invalid"),
            (second, $"/v1/review/items/{id}/decisions", new { decision = "accept", token }, HttpStatusCode.Conflict, "conflict"),
            (second, $"/v1/review/items/{id}/claim", null, HttpStatusCode.Conflict, "conflict"),
            (elsewhere, $"/v1/review/items/{id}/decisions", new { decision = "accept", token }, HttpStatusCode.Forbidden, "out-of-scope"),
            (elsewhere, $"/v1/review/items/{id}/claim", null, HttpStatusCode.Forbidden, "out-of-scope"),
            (reviewer, "/v1/review/items/nope/claim", null, HttpStatusCode.NotFound, "not-found"),
            (reviewer, $"/v1/review/items/{id}/release", new { }, HttpStatusCode.BadRequest, "invalid"),
        };
        foreach (var (client, path, body, status, type) in refusals)
        {
            var response = body is null ? await client.PostAsync(path, null) : await client.PostAsJsonAsync(path, body);
            Assert.True(status == response.StatusCode, $"{path} {JsonSerializer.Serialize(body)}: {response.StatusCode} {await response.Content.ReadAsStringAsync()}");
            Assert.Equal($"https://graft.dev/problems/{type}", (await JsonAsync(response)).GetProperty("type").GetString());
        }
        Assert.Equal(HttpStatusCode.Forbidden, (await app.GetAsync("/v1/review/items")).StatusCode); // an app key predicts; it does not review
        Assert.Equal(HttpStatusCode.Forbidden, (await elsewhere.GetAsync("/v1/review/items?usecase=toy")).StatusCode);
        Assert.Empty((await JsonAsync(await elsewhere.GetAsync("/v1/review/items"))).GetProperty("items").EnumerateArray()); // its scope only
        Assert.Equal(HttpStatusCode.BadRequest, (await reviewer.GetAsync("/v1/review/items?state=lost")).StatusCode);
        await using (var db = service.Home.CreateDb())
        {
            Assert.Equal(0, db.ReviewDecisions.Count());
        }

        Assert.Equal(HttpStatusCode.OK, (await reviewer.PostAsJsonAsync($"/v1/review/items/{id}/decisions", new { decision = "accept", token })).StatusCode);
        var twice = await reviewer.PostAsJsonAsync($"/v1/review/items/{id}/decisions", new { decision = "accept", token });
        Assert.Equal(HttpStatusCode.Conflict, twice.StatusCode);
    }
}
