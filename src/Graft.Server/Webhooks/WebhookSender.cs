using System.Net.Http.Headers;
using System.Text;
using Graft.Storage;
using Graft.Webhooks;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Graft.Server.Webhooks;

/// <summary>
/// Sends the deliveries that are due, one pass at a time: claims a batch (<see cref="DueDeliveries"/>), POSTs each, signed,
/// and saves how it went: any 2xx is delivered; anything else, or no answer within the timeout, is tried again on the
/// <see cref="WebhookSchedule"/> until its retry window ends, then failed. Redirects are not followed.
/// </summary>
public sealed class WebhookSender(GraftHome home, IHttpClientFactory clients, IOptions<WebhookSchedule> options, IServer server, ILogger<WebhookSender> logger)
{
    public const string ClientName = "Graft.Webhooks";

    /// <summary>One pass: sends what is due now (a batch at the most); returns how many deliveries it claimed.</summary>
    public async Task<int> SendDueAsync(CancellationToken cancellationToken)
    {
        var schedule = options.Value;
        var due = new DueDeliveries(home);
        var claimed = await due.ClaimDueAsync(schedule.BatchSize, schedule.Lease, cancellationToken);
        await Task.WhenAll(claimed.Select(c => SendAsync(due, c, schedule, cancellationToken)));
        return claimed.Count;
    }

    private async Task SendAsync(DueDeliveries due, ClaimedDelivery claimed, WebhookSchedule schedule, CancellationToken cancellationToken)
    {
        var (delivery, webhook) = (claimed.Delivery, claimed.Webhook);
        var url = new Uri(webhook.Url);
        Action<WebhookDelivery> outcome;
        if (OwnAddresses.Of(server).FirstOrDefault(own => WebhookUrl.PointsAt(url, own)) is { } self)
        {
            // registered where the server's address was not known (the CLI): sending would call this server
            logger.DeliveryToItself(webhook.Id, self, delivery.Id);
            outcome = d => d.Abandon($"{url.GetLeftPart(UriPartial.Authority)} is this server's own address");
        }
        else
        {
            var (status, error) = await PostAsync(url, delivery, webhook.Secret, schedule, cancellationToken);
            var (now, attempt) = (home.Now, delivery.Attempts + 1);
            if (status is >= 200 and < 300)
            {
                logger.Delivered(delivery.Id, delivery.EventType, webhook.Id, url.Host, status.Value, attempt);
                outcome = d => d.Delivered(status.Value, now);
            }
            else if (schedule.NextAttempt(attempt, delivery.CreatedAt, now, Random.Shared.NextDouble()) is { } next)
            {
                logger.DeliveryAttemptFailed(delivery.Id, delivery.EventType, webhook.Id, url.Host, attempt, error, next);
                outcome = d => d.Missed(status, error, next);
            }
            else
            {
                logger.DeliveryFailed(delivery.Id, delivery.EventType, webhook.Id, url.Host, attempt, error);
                outcome = d => d.Missed(status, error, null);
            }
        }
        if (!await due.SaveAsync(claimed, outcome, cancellationToken))
        {
            logger.OutcomeNotSaved(delivery.Id);
        }
    }

    /// <summary>The receiver's status (null when it gave none) and, for anything but a 2xx, what went wrong in a few words.</summary>
    private async Task<(int? Status, string Error)> PostAsync(Uri url, WebhookDelivery delivery, string secret, WebhookSchedule schedule, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = new ByteArrayContent(Encoding.UTF8.GetBytes(delivery.PayloadJson)) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        request.Headers.Add(WebhookSignature.Header, WebhookSignature.HeaderValue(secret, home.Time.GetUtcNow(), delivery.PayloadJson));
        request.Headers.Add("Graft-Event", delivery.EventType);
        request.Headers.Add("Graft-Delivery", delivery.Id);
        try
        {
            using var response = await clients.CreateClient(ClientName).SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
            var status = (int)response.StatusCode;
            return (status, $"the receiver answered {status} {response.ReasonPhrase}".TrimEnd());
        }
        catch (HttpRequestException e)
        {
            return (null, e.Message);
        }
        catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return (null, $"no answer within {schedule.Timeout.TotalSeconds:0.#} s");
        }
    }
}
