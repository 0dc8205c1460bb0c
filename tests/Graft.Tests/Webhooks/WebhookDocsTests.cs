using Graft.Webhooks;

namespace Graft.Tests.Webhooks;

public class WebhookDocsTests
{
    private static readonly string Docs = File.ReadAllText(Path.Combine(TestData.RepoRoot(), "docs", "webhooks.md"));

    [Fact]
    public void Every_event_is_explained_in_docs_webhooks_md() =>
        Assert.All(WebhookEventTypes.All, type => Assert.Contains($"| `{type}` |", Docs));

    [Fact]
    public void The_worked_example_in_the_docs_is_what_graft_signs()
    {
        var signature = WebhookSignature.Compute("whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw", 1767258000, """{"id":"evt_1","type":"stage.changed"}""");

        Assert.Contains($"v1={signature}", Docs);
        Assert.Contains($"SHA2-256(stdin)= {signature}", Docs);
    }
}
