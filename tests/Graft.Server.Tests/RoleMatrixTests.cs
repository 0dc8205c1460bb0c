using System.Net;
using System.Text;
using Graft.Governance;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Routing;

namespace Graft.Server.Tests;

/// <summary>Every route against every role: allowed, or 401 without a key and 403 with the wrong one.</summary>
public class RoleMatrixTests
{
    private const string Spec = Graft.Testing.ToyData.Spec + "\n";

    private static readonly string[] Staff = ["admin", "maintainer", "reviewer", "viewer"];
    private static readonly string[] Maintainers = ["admin", "maintainer"];
    private static readonly string[] Predictors = ["admin", "maintainer", "app"];
    private static readonly string[] Everyone = ["admin", "maintainer", "reviewer", "viewer", "app", "app-other"];

    /// <summary>The documented access of each named route (docs/api.md). A new route must be added here.</summary>
    private static readonly Dictionary<string, string[]?> Access = new()
    {
        ["Live"] = null, ["Ready"] = null,
        ["Metrics"] = Everyone, ["OpenApi"] = Everyone,
        ["Predict"] = Predictors, ["OipInfer"] = Predictors, ["OipInferVersion"] = Predictors,
        ["OipLive"] = null, ["OipReady"] = null, ["OipServer"] = Everyone, ["OipModel"] = Everyone,
        ["OipModelVersion"] = Everyone, ["OipModelReady"] = Everyone, ["OipModelVersionReady"] = Everyone,
        ["ListModels"] = Staff, ["GetModel"] = Staff, ["ListUseCases"] = Staff, ["GetUseCase"] = Staff,
        ["ListDatasets"] = Staff, ["GetJob"] = Staff,
        ["PromoteModel"] = Maintainers, ["RollbackModel"] = Maintainers, ["ApplySpec"] = Maintainers,
        ["UploadDataset"] = Maintainers, ["AuditDataset"] = Maintainers, ["Train"] = Maintainers,
        ["ListKeys"] = ["admin"], ["CreateKey"] = ["admin"], ["RevokeKey"] = ["admin"],
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
    public async Task Each_role_gets_exactly_the_routes_it_is_documented_to_get()
    {
        await using var service = await TestService.StartAsync();
        await service.UseCaseAsync(Spec, train: false);
        await service.UseCaseAsync(Spec.Replace("id: toy", "id: other"), train: false);
        var keys = new Dictionary<string, string>
        {
            ["admin"] = service.AdminKey,
            ["maintainer"] = await service.KeyAsync(Role.Maintainer),
            ["reviewer"] = await service.KeyAsync(Role.Reviewer),
            ["viewer"] = await service.KeyAsync(Role.Viewer),
            ["app"] = await service.KeyAsync(Role.App, "toy"),
            ["app-other"] = await service.KeyAsync(Role.App, "other"),
        };
        var failures = new List<string>();
        foreach (var endpoint in service.Endpoints)
        {
            var name = endpoint.Metadata.GetMetadata<IEndpointNameMetadata>()!.EndpointName;
            var method = endpoint.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods[0] ?? "GET";
            var path = "/" + endpoint.RoutePattern.RawText!.TrimStart('/')
                .Replace("{id}", "toy").Replace("{name}", "toy").Replace("{version}", "1").Replace("{keyId}", "key_nope").Replace("{jobId}", "job-nope").Replace("{documentName}", "v1");
            var allowed = Access[name];
            var none = await SendAsync(service, null, method, path);
            if (allowed is null ? none is HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden : none != HttpStatusCode.Unauthorized)
            {
                failures.Add($"{method} {path} without a key: {(int)none}");
            }
            foreach (var (role, key) in allowed is null ? [] : keys)
            {
                var status = await SendAsync(service, key, method, path);
                var mayCall = allowed!.Contains(role) && !(role == "app-other" && allowed != Everyone);
                if (mayCall ? status is HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden : status != HttpStatusCode.Forbidden)
                {
                    failures.Add($"{method} {path} as {role}: {(int)status}");
                }
                if ((int)status >= 500)
                {
                    failures.Add($"{method} {path} as {role}: server error {(int)status}");
                }
            }
        }
        Assert.True(failures.Count == 0, string.Join("\n", failures));
    }

    private static async Task<HttpStatusCode> SendAsync(TestService service, string? key, string method, string path)
    {
        using var request = new HttpRequestMessage(new HttpMethod(method), path);
        if (method is "POST" or "PUT")
        {
            request.Content = new StringContent("{}", Encoding.UTF8, "application/json");
        }
        return (await service.Client(key).SendAsync(request)).StatusCode;
    }
}
