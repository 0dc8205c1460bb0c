using Graft.Webhooks;

namespace Graft.Tests.Webhooks;

public class WebhookSignatureTests
{
    private const string Secret = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
    private const string Body = """{"id":"evt_1","type":"stage.changed"}""";
    private static readonly DateTimeOffset At = new(2026, 1, 1, 9, 0, 0, TimeSpan.Zero); // 1767258000

    // printf '%s' '1767258000.{"id":"evt_1","type":"stage.changed"}' | openssl dgst -sha256 -hmac 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw'
    private const string Expected = "f74814f67e1463ff5e395694b0d897b9a36143dc096cddb0db2ca28832f67bae";

    [Fact]
    public void The_signature_is_the_hmac_sha256_of_the_time_a_dot_and_the_body_keyed_with_the_whole_secret()
    {
        Assert.Equal(Expected, WebhookSignature.Compute(Secret, 1767258000, Body));
        Assert.Equal($"t=1767258000,v1={Expected}", WebhookSignature.HeaderValue(Secret, At, Body));
    }

    [Fact]
    public void A_signed_body_verifies_and_a_tampered_one_or_another_secret_does_not()
    {
        var header = WebhookSignature.HeaderValue(Secret, At, Body);

        Assert.True(WebhookSignature.Verify(header, Secret, Body, At.AddSeconds(30), WebhookSignature.DefaultTolerance));
        Assert.False(WebhookSignature.Verify(header, Secret, Body.Replace("stage.changed", "stage.changeD"), At, WebhookSignature.DefaultTolerance));
        Assert.False(WebhookSignature.Verify(header, Secret + "x", Body, At, WebhookSignature.DefaultTolerance));
        Assert.False(WebhookSignature.Verify(header.Replace("t=1767258000", "t=1767258001"), Secret, Body, At, WebhookSignature.DefaultTolerance));
    }

    [Fact]
    public void A_signature_older_or_newer_than_the_tolerance_is_refused_as_a_replay()
    {
        var header = WebhookSignature.HeaderValue(Secret, At, Body);

        Assert.True(WebhookSignature.Verify(header, Secret, Body, At.AddMinutes(5), TimeSpan.FromMinutes(5)));
        Assert.False(WebhookSignature.Verify(header, Secret, Body, At.AddMinutes(5).AddSeconds(1), TimeSpan.FromMinutes(5)));
        Assert.False(WebhookSignature.Verify(header, Secret, Body, At.AddMinutes(-6), TimeSpan.FromMinutes(5)));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("v1=" + Expected)]
    [InlineData("t=abc,v1=" + Expected)]
    [InlineData("t=1767258000")]
    public void A_header_without_a_time_or_a_signature_does_not_verify(string? header) =>
        Assert.False(WebhookSignature.Verify(header, Secret, Body, At, WebhookSignature.DefaultTolerance));

    [Fact]
    public void Any_of_several_signatures_may_match() =>
        Assert.True(WebhookSignature.Verify($"t=1767258000,v1=00ff,v1={Expected}", Secret, Body, At, WebhookSignature.DefaultTolerance));
}
