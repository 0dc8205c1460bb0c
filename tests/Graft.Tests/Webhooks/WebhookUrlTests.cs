using Graft.Webhooks;

namespace Graft.Tests.Webhooks;

public class WebhookUrlTests
{
    private static readonly string[] Listening = ["http://127.0.0.1:5080"];

    [Theory]
    [InlineData("https://app.example.com/graft-events")]
    [InlineData("http://127.0.0.1:5081/hook")] // another port of the same machine: a receiver beside the server
    [InlineData("http://localhost:9000/hook")]
    public void Http_and_https_urls_elsewhere_are_taken(string url) =>
        Assert.Equal(new Uri(url), WebhookUrl.Check(url, Listening));

    [Theory]
    [InlineData("ftp://app.example.com/x", "not an http or https URL")]
    [InlineData("/relative/path", "not an http or https URL")]
    [InlineData("app.example.com/hook", "not an http or https URL")]
    [InlineData("file:///etc/passwd", "not an http or https URL")]
    [InlineData("", "needs a url")]
    [InlineData("https://user:pass@app.example.com/x", "no user or password")]
    [InlineData("http://127.0.0.1:5080/v1/usecases", "own address")]
    [InlineData("https://localhost:5080/x", "own address")]
    [InlineData("http://[::1]:5080/x", "own address")]
    public void Other_urls_are_refused_naming_why(string url, string why)
    {
        var error = Assert.Throws<GraftException>(() => WebhookUrl.Check(url, Listening));
        Assert.Equal(FailureKind.Invalid, error.Kind);
        Assert.Contains(why, error.Message);
    }

    [Theory]
    [InlineData("http://localhost/hook", "localhost", true)] // a request's own host, no port: the scheme's
    [InlineData("http://localhost:80/hook", "localhost", true)]
    [InlineData("https://localhost/hook", "http://localhost", false)] // 443 is another port than the request's 80
    [InlineData("http://graft.internal:8080/x", "GRAFT.internal:8080", true)]
    [InlineData("http://127.0.0.1:5080/x", "http://[::]:5080", true)] // a wildcard listener answers on loopback too
    [InlineData("http://127.0.0.1:5080/x", "http://+:5080", true)]
    [InlineData("http://127.0.0.1:5080/x", "http://0.0.0.0:5081", false)]
    [InlineData("http://app.example.com:5080/x", "http://0.0.0.0:5080", false)]
    public void A_url_points_at_an_own_address_with_the_same_host_and_port(string url, string own, bool expected) =>
        Assert.Equal(expected, WebhookUrl.PointsAt(new Uri(url), own));

    [Fact]
    public void The_trail_and_logs_see_the_url_without_its_query() =>
        Assert.Equal("https://app.example.com/hook", WebhookUrl.Shown(new Uri("https://app.example.com/hook?token=s3cret")));
}
