using System.Net;
using System.Text;
using System.Text.Json;
using Graft.Governance;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Routing;

namespace Graft.Server.Tests;

/// <summary>
/// Every route against every role and scope: allowed, or 401 without a key, 403 with a role that may not use it, and 403
/// out of scope with a key limited to another use case than the one the route touches.
/// </summary>
public class RoleMatrixTests
{
    private const string Spec = Graft.Testing.ToyData.Spec + "\n";
    private const string OutOfScope = "https://graft.dev/problems/out-of-scope";

    private static readonly string[] Staff = ["admin", "maintainer", "reviewer", "viewer"];
    private static readonly string[] Maintainers = ["admin", "maintainer"];
    private static readonly string[] Predictors = ["admin", "maintainer", "app"];
    private static readonly string[] Everyone = ["admin", "maintainer", "reviewer", "viewer", "app"];
    private static readonly string[] Admins = ["admin"];
    private static readonly string[] Reviewers = ["admin", "maintainer", "reviewer"];

    /// <summary>What a key limited to one use case may do with a route.</summary>
    public enum Scope
    {
        /// <summary>The route touches the use case toy (by its id, a model version, a job, a key): keys for other use cases are refused.</summary>
        Toy,

        /// <summary>The route lists, and shows a key with a use case only that use case's part.</summary>
        Filtered,

        /// <summary>The route touches no use case (the OpenAPI document, the server's protocol metadata).</summary>
        Any,

        /// <summary>The route spans every use case and cannot be narrowed: keys without a use case only.</summary>
        Unlimited,
    }

    /// <summary>The documented access of each named route (docs/api.md): roles (null: no key needed) and scope. A new route must be added here.</summary>
    private static readonly Dictionary<string, (string[]? Roles, Scope Scope)> Access = new()
    {
        ["Live"] = (null, Scope.Any), ["Ready"] = (null, Scope.Any), ["OipLive"] = (null, Scope.Any), ["OipReady"] = (null, Scope.Any),
        ["Metrics"] = (Everyone, Scope.Unlimited), ["OpenApi"] = (Everyone, Scope.Any), ["OipServer"] = (Everyone, Scope.Any),
        ["Predict"] = (Predictors, Scope.Toy), ["OipInfer"] = (Predictors, Scope.Toy), ["OipInferVersion"] = (Predictors, Scope.Toy),
        ["OipModel"] = (Everyone, Scope.Toy), ["OipModelVersion"] = (Everyone, Scope.Toy),
        ["OipModelReady"] = (Everyone, Scope.Toy), ["OipModelVersionReady"] = (Everyone, Scope.Toy),
        ["ListUseCases"] = (Staff, Scope.Filtered), ["GetUseCase"] = (Staff, Scope.Toy), ["ApplySpec"] = (Maintainers, Scope.Toy),
        ["ListModels"] = (Staff, Scope.Toy), ["GetModel"] = (Staff, Scope.Toy),
        ["PromoteModel"] = (Maintainers, Scope.Toy), ["RollbackModel"] = (Maintainers, Scope.Toy),
        ["ListDatasets"] = (Staff, Scope.Toy), ["UploadDataset"] = (Maintainers, Scope.Toy), ["AuditDataset"] = (Maintainers, Scope.Toy),
        ["Train"] = (Maintainers, Scope.Toy), ["GetJob"] = (Staff, Scope.Toy),
        ["ExplainPrediction"] = (Staff, Scope.Toy), ["GetStatus"] = (Staff, Scope.Toy), ["ChangeStage"] = (Maintainers, Scope.Toy), ["Kill"] = (Maintainers, Scope.Toy), ["Revive"] = (Maintainers, Scope.Toy),
        ["SetChallenger"] = (Maintainers, Scope.Toy), ["ClearChallenger"] = (Maintainers, Scope.Toy), ["GetChallengerReport"] = (Staff, Scope.Toy),
        ["PromoteChallenger"] = (Maintainers, Scope.Toy),
        ["ListKeys"] = (Admins, Scope.Filtered), ["CreateKey"] = (Admins, Scope.Toy), ["RevokeKey"] = (Admins, Scope.Toy),
        ["ListTrail"] = (Admins, Scope.Filtered), ["VerifyTrail"] = (Admins, Scope.Unlimited),
        ["GetUseCaseTrail"] = (Staff, Scope.Toy), ["GetTrailStateAt"] = (Staff, Scope.Toy),
        ["AddWebhook"] = (Maintainers, Scope.Toy), ["ListWebhooks"] = (Staff, Scope.Toy), ["RemoveWebhook"] = (Maintainers, Scope.Toy),
        ["ListWebhookDeliveries"] = (Staff, Scope.Toy), ["RedeliverWebhook"] = (Maintainers, Scope.Toy),
        ["ListReviewItems"] = (Reviewers, Scope.Filtered), ["GetReviewItem"] = (Reviewers, Scope.Toy), ["ClaimReviewItem"] = (Reviewers, Scope.Toy),
        ["ReleaseReviewItem"] = (Reviewers, Scope.Toy), ["DecideReviewItem"] = (Reviewers, Scope.Toy), ["GetQuality"] = (Staff, Scope.Toy),
        ["RecordOutcomes"] = (Predictors, Scope.Toy), ["GetMonitoring"] = (Staff, Scope.Toy),
    };

    [Fact]
    public async Task Every_route_is_named_and_listed_with_its_access()
    {
        await using var service = await TestService.StartAsync();

        var names = service.Endpoints.Select(e => e.Metadata.GetMetadata<IEndpointNameMetadata>()?.EndpointName).ToList();

        Assert.DoesNotContain(null, names);
        Assert.Equal(Access.Keys.Order(), names.OfType<string>().Order());
        foreach (var endpoint in service.Endpoints)
        {
            var anonymous = endpoint.Metadata.GetMetadata<IAllowAnonymous>() is not null;
            var authorized = endpoint.Metadata.GetOrderedMetadata<IAuthorizeData>().Count > 0;
            Assert.True(anonymous ^ authorized, $"{endpoint.DisplayName} must either need a key or be explicitly open");
        }
    }

    [Fact]
    public async Task Each_role_and_scope_gets_exactly_the_routes_it_is_documented_to_get()
    {
        await using var service = await TestService.StartAsync();
        await service.UseCaseAsync(Spec, train: true);
        await service.UseCaseAsync(Spec.Replace("id: toy", "id: other"), train: false);
        var toy = await ToyThingsAsync(service);
        var keys = new List<(string Role, string? Scope, string Key)> { ("admin", null, service.AdminKey) };
        foreach (var role in Everyone)
        {
            foreach (var scope in new[] { null, "toy", "other" })
            {
                if ((role, scope) is not ("admin", null) and not ("app", null)) // an app key always has a use case
                {
                    keys.Add((role, scope, await service.KeyAsync(Enum.Parse<Role>(role, ignoreCase: true), scope)));
                }
            }
        }
        var failures = new List<string>();
        foreach (var endpoint in service.Endpoints)
        {
            var name = endpoint.Metadata.GetMetadata<IEndpointNameMetadata>()!.EndpointName;
            var method = endpoint.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods[0] ?? "GET";
            var path = toy.PathOf(endpoint.RoutePattern.RawText!);
            var (roles, scope) = Access[name];
            var (none, _) = await SendAsync(service, null, method, path, name);
            if (roles is null ? none is HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden : none != HttpStatusCode.Unauthorized)
            {
                failures.Add($"{method} {path} without a key: {(int)none}");
            }
            foreach (var (role, keyScope, key) in roles is null ? [] : keys)
            {
                var (status, body) = await SendAsync(service, key, method, path, name);
                var who = $"{method} {path} as {role} {(keyScope is null ? "without a use case" : $"for {keyScope}")}";
                var outOfScope = roles!.Contains(role) && (scope, keyScope) is (Scope.Toy, "other") or (Scope.Unlimited, not null);
                if (outOfScope)
                {
                    if (status != HttpStatusCode.Forbidden || !NamesScope(body, path, keyScope!))
                    {
                        failures.Add($"{who}: {(int)status} {body}, not a 403 out of scope");
                    }
                }
                else if (roles.Contains(role) ? status is HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden : status != HttpStatusCode.Forbidden)
                {
                    failures.Add($"{who}: {(int)status} {body}");
                }
                if ((int)status >= 500)
                {
                    failures.Add($"{who}: server error {(int)status}");
                }
            }
        }
        Assert.True(failures.Count == 0, string.Join("\n", failures));
    }

    /// <summary>A refusal for scope names the key's use case: ProblemDetails with its stable type, or the protocol's error on /v2.</summary>
    private static bool NamesScope(string body, string path, string scope)
    {
        var json = JsonDocument.Parse(body).RootElement;
        var named = $"limited to use case '{scope}'";
        return path.StartsWith("/v2", StringComparison.Ordinal)
            ? json.GetProperty("error").GetString()!.Contains(named)
            : json.GetProperty("type").GetString() == OutOfScope && json.GetProperty("detail").GetString()!.Contains(named);
    }

    /// <summary>Toy's model version, dataset version, a job, a key, a webhook and a delivery, to put in the routes' paths.</summary>
    private sealed record ToyThings(string Model, string Dataset, string Job, string Key, string Webhook, string Delivery)
    {
        public string PathOf(string pattern) => "/" + pattern.TrimStart('/')
            .Replace("/models/{version}", $"/models/{Model}").Replace("/datasets/{version}", $"/datasets/{Dataset}").Replace("/versions/{version}", "/versions/1")
            .Replace("{id}", "toy").Replace("{name}", "toy").Replace("{keyId}", Key).Replace("{jobId}", Job).Replace("{documentName}", "v1")
            .Replace("{webhookId}", Webhook).Replace("{deliveryId}", Delivery).Replace("{itemId}", "rv-toy");
    }

    private static async Task<ToyThings> ToyThingsAsync(TestService service)
    {
        var model = (await new Graft.Registry.ModelRegistry(service.Home).ListAsync("toy", default))[0].Id;
        var dataset = (await new Graft.Data.DatasetCatalog(service.Home).ListAsync("toy", default))[0].Id;
        var job = new Graft.Training.TrainingJobRecord("job-toy", "toy", null, service.Home.Now);
        job.Fail("an earlier run", service.Home.Now);
        await using (var db = service.Home.CreateDb())
        {
            db.TrainingJobs.Add(job);
            db.ReviewItems.Add(new Graft.Review.ReviewItem
            {
                Id = "rv-toy", UseCaseId = "toy", PredictionId = "p-toy", ModelVersion = model, Stage = "auto", CreatedAt = service.Home.Now,
                ExpiresAt = service.Home.Now.AddDays(3), SelectedBy = "band", Label = "yes", Score = 0.5,
            });
            await db.SaveChangesAsync();
        }
        var key = await new KeyStore(service.Home).CreateAsync(Role.Viewer, "toy", null, "to revoke", Testing.TestActors.Tester, default);
        // a receiver that is down (the discard port): the delivery is retried in the background, which no route here minds
        var webhook = await new Graft.Webhooks.WebhookRegistry(service.Home).AddAsync("toy", "http://127.0.0.1:9/hook", ["stage.changed"], [], Testing.TestActors.Tester, default);
        await using (var db = service.Home.CreateDb())
        {
            await Graft.Webhooks.WebhookEvents.AddAsync(db, "toy", Graft.Webhooks.WebhookEventTypes.StageChanged, new { stage = "shadow" }, service.Home.Now, default);
            await db.SaveChangesAsync();
        }
        var delivery = (await new Graft.Webhooks.DeliveryLog(service.Home).ListAsync("toy", null, null, 1, default))[0].Id;
        return new ToyThings(model, dataset, job.Id, key.Key.Id, webhook.Id, delivery);
    }

    private static async Task<(HttpStatusCode Status, string Body)> SendAsync(TestService service, string? key, string method, string path, string name)
    {
        using var request = new HttpRequestMessage(new HttpMethod(method), path);
        if (method is "POST" or "PUT")
        {
            request.Content = new StringContent(name == "CreateKey" ? """{"role": "viewer", "use_case": "toy"}""" : "{}", Encoding.UTF8, "application/json");
        }
        using var response = await service.Client(key).SendAsync(request);
        return (response.StatusCode, await response.Content.ReadAsStringAsync());
    }
}
