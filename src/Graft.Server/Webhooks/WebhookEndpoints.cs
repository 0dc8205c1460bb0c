using System.Globalization;
using System.Security.Claims;
using Graft.Server.Governance;
using Graft.Server.Problems;
using Graft.Storage;
using Graft.Webhooks;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Graft.Server.Webhooks;

/// <summary>
/// Routes (docs/webhooks.md):
/// <list type="bullet">
/// <item><c>POST /v1/usecases/{id}/webhooks</c>: register a URL for some of the use case's events; the secret is in this answer only.</item>
/// <item><c>GET /v1/usecases/{id}/webhooks</c>: the use case's webhooks, without their secrets.</item>
/// <item><c>DELETE /v1/usecases/{id}/webhooks/{webhookId}</c>: remove one, with a reason.</item>
/// <item><c>GET /v1/usecases/{id}/webhooks/deliveries?status=&amp;event=&amp;limit=</c>: the delivery log, newest first.</item>
/// <item><c>POST /v1/webhooks/deliveries/{deliveryId}/redeliver</c>: queue a delivery's event again for its webhook.</item>
/// </list>
/// Registering and removing are acts in the audit trail, by the calling key; <c>graft serve</c> sends the deliveries.
/// </summary>
public static class WebhookEndpoints
{
    public const int DefaultLimit = 100;

    public static IEndpointRouteBuilder MapWebhooks(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/v1").WithTags("Webhooks");
        var useCase = group.MapGroup("/usecases/{id}/webhooks").RequireScope(UseCaseScope.Route("id"));
        useCase.MapPost("", AddAsync).RequireRole(AuthenticationSetup.Maintain).ProducesJsonBodyProblems().WithName("AddWebhook");
        useCase.MapGet("", ListAsync).RequireRole(AuthenticationSetup.Read).WithName("ListWebhooks");
        useCase.MapDelete("/{webhookId}", RemoveAsync).RequireRole(AuthenticationSetup.Maintain).ProducesJsonBodyProblems().WithName("RemoveWebhook");
        useCase.MapGet("/deliveries", DeliveriesAsync).RequireRole(AuthenticationSetup.Read).WithName("ListWebhookDeliveries");
        group.MapPost("/webhooks/deliveries/{deliveryId}/redeliver", RedeliverAsync).RequireRole(AuthenticationSetup.Maintain).RequireScope(DeliveryScope)
            .WithName("RedeliverWebhook");
        return routes;
    }

    // A delivery's use case as the log has it.
    private static readonly UseCaseScope DeliveryScope = UseCaseScope.Lookup("deliveryId", "delivery",
        (delivery, http) => new DeliveryLog(http.RequestServices.GetRequiredService<GraftHome>()).UseCaseOfAsync(delivery, http.RequestAborted));

    /// <summary>Where to POST the events, and which: any of review.created, review.decided, stage.changed, alert.firing, alert.resolved.</summary>
    public sealed record WebhookRequest(string? Url, string[]? Events);

    /// <summary>
    /// 400 for a URL that is not http(s) or is this server's own, no event or one that is not one; 404 for an unknown use
    /// case. Nothing is recorded when refused.
    /// </summary>
    private static async Task<Results<Created<WebhookView>, InvalidProblem, NotFoundProblem>> AddAsync(
        string id, WebhookRequest request, GraftHome home, IServer server, HttpRequest http, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var (webhook, failure) = await ExpectedFailure.CatchAsync(
            new WebhookRegistry(home).AddAsync(id, request.Url, request.Events, OwnAddresses.Of(server, http), user.Actor(), cancellationToken));
        return failure switch
        {
            null => TypedResults.Created((string?)null, webhook),
            { Kind: FailureKind.NotFound } => failure.NotFound(),
            _ => failure.Invalid(),
        };
    }

    /// <summary>404 for an unknown use case.</summary>
    private static async Task<Results<Ok<IReadOnlyList<WebhookView>>, NotFoundProblem>> ListAsync(string id, GraftHome home, CancellationToken cancellationToken)
    {
        var (webhooks, failure) = await ExpectedFailure.CatchAsync(new WebhookRegistry(home).ListAsync(id, cancellationToken));
        return failure is null ? TypedResults.Ok(webhooks) : failure.NotFound();
    }

    /// <summary>400 without a reason; 404 for a webhook that is not one of the use case's, or was removed.</summary>
    private static async Task<Results<Ok<WebhookView>, InvalidProblem, NotFoundProblem>> RemoveAsync(
        string id, string webhookId, [FromBody] Rollout.RolloutEndpoints.ReasonRequest? request, GraftHome home, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var (webhook, failure) = await ExpectedFailure.CatchAsync(new WebhookRegistry(home).RemoveAsync(id, webhookId, request?.Reason, user.Actor(), cancellationToken));
        return failure switch
        {
            null => TypedResults.Ok(webhook),
            { Kind: FailureKind.NotFound } => failure.NotFound(),
            _ => failure.Invalid(),
        };
    }

    /// <summary>400 for a status or event that is not one, or a limit outside 1–1,000; 404 for an unknown use case.</summary>
    private static async Task<Results<Ok<IReadOnlyList<DeliveryView>>, InvalidProblem, NotFoundProblem>> DeliveriesAsync(
        string id, string? status, string? @event, string? limit, GraftHome home, CancellationToken cancellationToken)
    {
        var (deliveries, failure) = await ExpectedFailure.CatchAsync(DeliveriesOfAsync(id, status, @event, limit, home, cancellationToken));
        return failure switch
        {
            null => TypedResults.Ok(deliveries),
            { Kind: FailureKind.NotFound } => failure.NotFound(),
            _ => failure.Invalid(),
        };
    }

    /// <summary>202 with the new pending delivery; 404 for an unknown delivery; 409 when its webhook was removed.</summary>
    private static async Task<Results<Accepted<DeliveryView>, NotFoundProblem, ConflictProblem>> RedeliverAsync(
        string deliveryId, GraftHome home, CancellationToken cancellationToken)
    {
        var (again, failure) = await ExpectedFailure.CatchAsync(new DeliveryLog(home).RedeliverAsync(deliveryId, cancellationToken));
        return failure switch
        {
            null => TypedResults.Accepted((string?)null, again),
            { Kind: FailureKind.NotFound } => failure.NotFound(),
            _ => failure.Conflict(),
        };
    }

    private static async Task<IReadOnlyList<DeliveryView>> DeliveriesOfAsync(string id, string? status, string? @event, string? limit, GraftHome home,
        CancellationToken cancellationToken)
    {
        var latest = DefaultLimit;
        if (limit is not null && (!int.TryParse(limit, NumberStyles.None, CultureInfo.InvariantCulture, out latest) || latest is < 1 or > DeliveryLog.MaxLimit))
        {
            throw GraftException.Invalid($"limit is how many of the latest deliveries to return, 1 to {DeliveryLog.MaxLimit:N0}; got '{limit}'");
        }
        return await new DeliveryLog(home).ListAsync(id, DeliveryStatuses.Parse(status), string.IsNullOrEmpty(@event) ? null : @event, latest, cancellationToken);
    }
}
