using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Routing;

namespace Graft.Server.Tests;

/// <summary>
/// Thousands of generated bad requests (broken and hostile JSON, wrong types, huge and deep values, SQL- and
/// path-looking strings, odd content types and keys) against every route: never a 5xx, always a well-formed error body
/// (ProblemDetails, or the Open Inference Protocol's {"error": …} on /v2), and never a status the route's entry in the
/// OpenAPI document does not list.
/// </summary>
public class BadRequestFuzzTests
{
    private const int RequestsPerRoute = 120;
    private const string Spec = Graft.Testing.ToyData.Spec + "\n" + "fields:\n  x: { min: 0, max: 10 }\n";

    private static readonly string[] Hostile =
    [
        "'; DROP TABLE UseCases; --", "../../etc/passwd", "..\\..\\windows\\win.ini", "%00", "\u0000", "😀", "<script>alert(1)</script>",
        "toy' OR '1'='1", new string('a', 5000), "NaN", "Infinity", "-0", "1e309", "null", "{}", "[]", " ", "",
    ];

    private static readonly string[] ContentTypes =
        ["application/json", "application/json; charset=utf-8", "text/plain", "application/yaml", "text/csv", "application/xml", "multipart/form-data", ""];

    [Fact]
    public async Task No_generated_bad_request_gets_a_5xx_an_unformed_error_or_an_undocumented_status()
    {
        await using var service = await TestService.StartAsync();
        await service.UseCaseAsync(Spec, train: true);
        var documented = (await ApiContractTests.DocumentedAsync(service)).Keys.ToHashSet();
        var random = new Random(20261128);
        var failures = new List<string>();
        var sent = 0;
        foreach (var endpoint in service.Endpoints)
        {
            var methods = endpoint.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods ?? ["GET"];
            // the OpenAPI document and /metrics are not in the document
            var operation = endpoint.Metadata.GetMetadata<IEndpointNameMetadata>()!.EndpointName;
            var inDocument = documented.Any(d => d.Operation == operation);
            for (var i = 0; i < RequestsPerRoute; i++)
            {
                var path = "/" + endpoint.RoutePattern.RawText!.TrimStart('/');
                foreach (var parameter in endpoint.RoutePattern.Parameters)
                {
                    // the test host cannot carry a NUL in a path (Kestrel refuses such a request line itself)
                    var value = random.Next(3) == 0 ? "toy" : Hostile[random.Next(Hostile.Length)].Replace("\u0000", "", StringComparison.Ordinal).Replace("%00", "%25", StringComparison.Ordinal);
                    path = path.Replace("{" + parameter.Name + "}", Uri.EscapeDataString(value.Length == 0 ? "x" : value), StringComparison.Ordinal);
                }
                using var request = new HttpRequestMessage(new HttpMethod(methods[random.Next(methods.Count)]), path);
                if (request.Method != HttpMethod.Get)
                {
                    var contentType = ContentTypes[random.Next(ContentTypes.Length)];
                    request.Content = new ByteArrayContent(Body(random));
                    if (contentType.Length > 0)
                    {
                        request.Content.Headers.TryAddWithoutValidation("Content-Type", contentType);
                    }
                }
                var key = random.Next(10) switch
                {
                    0 => null,
                    1 => "graft_" + Hostile[random.Next(Hostile.Length)].Replace("\u0000", "", StringComparison.Ordinal), // headers cannot carry NUL
                    _ => service.AdminKey,
                };
                using var response = await service.Client(key).SendAsync(request);
                sent++;
                var problem = await Check(response, path.StartsWith("/v2", StringComparison.Ordinal))
                    ?? (inDocument && !documented.Contains((operation, (int)response.StatusCode)) ? $"{(int)response.StatusCode}, which the document does not list for {operation}" : null);
                if (problem is not null)
                {
                    failures.Add($"{request.Method} {path[..Math.Min(path.Length, 120)]}: {problem}");
                }
            }
        }
        Assert.True(sent >= 3000, $"only {sent} requests were sent");
        Assert.True(failures.Count == 0, $"{failures.Count} of {sent} requests:\n" + string.Join("\n", failures.Distinct().Take(30)));
    }

    private static async Task<string?> Check(HttpResponseMessage response, bool oip)
    {
        var status = (int)response.StatusCode;
        if (status >= 500)
        {
            return $"server error {status}: {(await response.Content.ReadAsStringAsync())[..Math.Min(300, (int)(response.Content.Headers.ContentLength ?? 300))]}";
        }
        if (status < 400)
        {
            return null;
        }
        var text = await response.Content.ReadAsStringAsync();
        try
        {
            var body = JsonDocument.Parse(text).RootElement;
            var formed = body.ValueKind == JsonValueKind.Object &&
                ((body.TryGetProperty("status", out var s) && s.ValueKind == JsonValueKind.Number && s.GetInt32() == status)
                 || (oip && body.TryGetProperty("error", out var e) && e.ValueKind == JsonValueKind.String));
            return formed ? null : $"{status} with a body that is not an error document: {text[..Math.Min(200, text.Length)]}";
        }
        catch (JsonException)
        {
            return $"{status} with a body that is not JSON: '{text[..Math.Min(200, text.Length)]}'";
        }
    }

    private static byte[] Body(Random random)
    {
        var text = random.Next(14) switch
        {
            0 => "",
            1 => "{",
            2 => "{\"inputs\": {\"x\": NaN}}",
            3 => "{\"inputs\": {\"x\": Infinity, \"colour\": -Infinity}}",
            4 => new string('[', 2000) + new string(']', 2000),
            5 => "{\"inputs\": " + new string('{', 200) + "\"a\":1" + new string('}', 200) + "}",
            6 => "{\"inputs\": {\"x\": \"" + new string('9', 100_000) + "\"}}",
            7 => "{\"rows\": [" + string.Join(",", Enumerable.Repeat("{\"inputs\":{\"x\":1}}", 1500)) + "]}",
            8 => "{\"inputs\": [1, 2, 3], \"entity_id\": {\"a\": 1}}",
            9 => "{\"inputs\": {\"" + Hostile[random.Next(Hostile.Length)].Replace("\"", "", StringComparison.Ordinal) + "\": \"" + Hostile[random.Next(Hostile.Length)].Replace("\"", "", StringComparison.Ordinal) + "\"}}",
            10 => "{\"role\": 7, \"use_case\": [], \"expires_at\": \"yesterday\", \"inputs\": [{\"name\": 1, \"data\": \"x\", \"shape\": [-5]}]}",
            11 => "id: toy\ntitle: [unclosed\n",
            12 => "a,b\n\"1,2\n",
            _ => "\u00ff\u00fe garbage \u0001",
        };
        var bytes = Encoding.UTF8.GetBytes(text);
        if (random.Next(20) == 0)
        {
            bytes = new byte[random.Next(1, 256)];
            random.NextBytes(bytes);
        }
        return bytes;
    }
}
