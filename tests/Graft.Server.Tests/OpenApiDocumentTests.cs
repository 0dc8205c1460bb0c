using System.Text.Json;
using System.Text.Json.Nodes;

namespace Graft.Server.Tests;

/// <summary>
/// The committed OpenAPI document (docs/openapi.json) is what the service serves. When an endpoint changes, run
/// the tests with GRAFT_UPDATE_OPENAPI=1 to rewrite the file, and commit it with the change.
/// </summary>
public class OpenApiDocumentTests
{
    [Fact]
    public async Task The_committed_openapi_document_is_current()
    {
        await using var service = await TestService.StartAsync();
        var served = JsonNode.Parse(await service.Client(service.AdminKey).GetStringAsync("/openapi/v1.json"))!;
        var text = served.ToJsonString(new JsonSerializerOptions { WriteIndented = true }) + "\n";
        var path = Path.Combine(RepoRoot(), "docs", "openapi.json");

        if (Environment.GetEnvironmentVariable("GRAFT_UPDATE_OPENAPI") == "1")
        {
            await File.WriteAllTextAsync(path, text);
        }

        Assert.True(File.Exists(path), "docs/openapi.json is missing; run the tests with GRAFT_UPDATE_OPENAPI=1");
        Assert.True(JsonNode.DeepEquals(served, JsonNode.Parse(await File.ReadAllTextAsync(path))),
            "docs/openapi.json is out of date; run the tests with GRAFT_UPDATE_OPENAPI=1 and commit it");
        Assert.Contains("/v1/usecases/{id}/predict", text);
        Assert.Contains("/v2/models/{name}/infer", text);
    }

    private static string RepoRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Graft.slnx")))
            {
                return dir.FullName;
            }
        }
        throw new DirectoryNotFoundException("no Graft.slnx above the test binaries");
    }
}
