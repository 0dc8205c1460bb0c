using System.Text.Json;
using Graft.Review;
using Graft.Tests.Rollout;
using Graft.Tests.Review;
using Graft.Testing;
using Graft.Webhooks;
using Microsoft.EntityFrameworkCore;

namespace Graft.Tests.Webhooks;

/// <summary>
/// The queue publishes <c>review.created</c> with each item, in the log page's transaction, and <c>review.decided</c>
/// with each decision, in the decision's; a refused decision publishes nothing.
/// </summary>
public class ReviewEventTests
{
    private static async Task<List<WebhookDelivery>> DeliveriesAsync(ReviewScenario s, string type)
    {
        await using var db = s.Home.CreateDb();
        return await db.WebhookDeliveries.AsNoTracking().Where(d => d.EventType == type).OrderBy(d => d.CreatedAt).ToListAsync();
    }

    private static JsonElement Data(WebhookDelivery delivery) => JsonDocument.Parse(delivery.PayloadJson).RootElement.GetProperty("data");

    [Fact]
    public async Task Each_answer_sent_to_review_publishes_one_review_created_naming_its_item_and_prediction()
    {
        await using var s = await ReviewScenario.CreateAsync();
        await new WebhookRegistry(s.Home).AddAsync("toy", "https://app.example.com/x", ["review.created"], [], TestActors.Tester, default);

        var answers = await s.PredictAsync(ChallengerScenario.Requests(5));

        var deliveries = await DeliveriesAsync(s, "review.created");
        Assert.Equal(5, deliveries.Count);
        var published = deliveries.Select(d => (Data(d).GetProperty("review_id").GetString(), Data(d).GetProperty("prediction_id").GetString())).ToHashSet();
        Assert.Equal(answers.Select(a => (a.ReviewId, (string?)a.PredictionId)).ToHashSet(), published);
        var first = Data(deliveries[0]);
        Assert.Equal("band", first.GetProperty("selected_by").GetString());
        Assert.False(first.TryGetProperty("inputs", out _)); // the inputs stay with the app and the queue's routes
    }

    [Fact]
    public async Task Without_a_webhook_for_review_created_items_publish_nothing()
    {
        await using var s = await ReviewScenario.CreateAsync();
        await new WebhookRegistry(s.Home).AddAsync("toy", "https://app.example.com/x", ["stage.changed", "review.decided"], [], TestActors.Tester, default);

        await s.PredictAsync(ChallengerScenario.Requests(3));

        await using var db = s.Home.CreateDb();
        Assert.Equal(0, await db.WebhookDeliveries.CountAsync());
        Assert.Equal(3, await db.ReviewItems.CountAsync());
    }

    [Fact]
    public async Task An_override_publishes_review_decided_with_before_after_and_the_items_state_and_a_refused_one_nothing()
    {
        await using var s = await ReviewScenario.CreateAsync();
        await new WebhookRegistry(s.Home).AddAsync("toy", "https://app.example.com/x", ["review.decided"], [], TestActors.Tester, default);
        var id = await s.ItemAsync();
        var ann = ReviewScenario.Reviewer("ann");
        var claim = await s.Queue.ClaimAsync(id, ann, default);
        var before = (await s.Queue.ShowAsync(id, ann, default)).Item.Label!;
        var other = before == "yes" ? "no" : "yes";

        await Assert.ThrowsAsync<GraftException>(() => s.Queue.DecideAsync(id, new DecisionRequest(ReviewDecisions.Override, Label: other, Reason: "not_a_reason", Token: claim.Token), ann, default));
        Assert.Empty(await DeliveriesAsync(s, "review.decided"));
        var decision = await s.Queue.DecideAsync(id, new DecisionRequest(ReviewDecisions.Override, Label: other, Reason: "wrong_label", Token: claim.Token), ann, default);

        var data = Data(Assert.Single(await DeliveriesAsync(s, "review.decided")));
        Assert.Equal((id, decision.Id, "override", "key:ann"), (data.GetProperty("review_id").GetString(), data.GetProperty("decision_id").GetString(), data.GetProperty("decision").GetString(), data.GetProperty("reviewer").GetString()));
        Assert.Equal((before, other, "wrong_label", "decided"), (data.GetProperty("label_before").GetString(), data.GetProperty("label").GetString(), data.GetProperty("reason").GetString(), data.GetProperty("item_state").GetString()));
    }
}
