using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;

namespace Graft.Server.Tests;

public class ManagementApiTests
{
    private const string Spec = Graft.Testing.ToyData.Spec;

    private static async Task<JsonElement> JsonAsync(HttpResponseMessage response) =>
        JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;

    private static string Csv() => Graft.Testing.ToyData.Csv(300, seed: 4);

    [Fact]
    public async Task A_use_case_goes_from_spec_to_champion_over_the_api()
    {
        await using var service = await TestService.StartAsync();
        var client = service.Client(service.AdminKey);

        var applied = await client.PutAsync("/v1/usecases/toy/spec", new StringContent(Spec, Encoding.UTF8, "application/yaml"));
        Assert.Equal(HttpStatusCode.OK, applied.StatusCode);
        Assert.Equal("created", (await JsonAsync(applied)).GetProperty("outcome").GetString());

        var upload = await client.PostAsync("/v1/usecases/toy/datasets?name=toy.csv", new StringContent(Csv(), Encoding.UTF8, "text/csv"));
        Assert.Equal(HttpStatusCode.Created, upload.StatusCode);
        var version = (await JsonAsync(upload)).GetProperty("version").GetString()!;
        var again = await client.PostAsync("/v1/usecases/toy/datasets?name=toy.csv", new StringContent(Csv(), Encoding.UTF8, "text/csv"));
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);

        var audit = await JsonAsync(await client.PostAsync($"/v1/usecases/toy/datasets/{version}/audit", null));
        Assert.True(audit.GetProperty("fields").GetArrayLength() == 4);

        var accepted = await client.PostAsJsonAsync("/v1/usecases/toy/train", new { });
        Assert.Equal(HttpStatusCode.Accepted, accepted.StatusCode);
        var location = accepted.Headers.Location!.ToString();
        JsonElement job;
        var deadline = DateTime.UtcNow.AddMinutes(2);
        do
        {
            await Task.Delay(200);
            job = await JsonAsync(await client.GetAsync(location));
        }
        while (job.GetProperty("status").GetString() is "queued" or "running" && DateTime.UtcNow < deadline);
        Assert.Equal("succeeded", job.GetProperty("status").GetString());
        var champion = job.GetProperty("result").GetProperty("champion").GetString()!;

        var models = await JsonAsync(await client.GetAsync("/v1/usecases/toy/models"));
        var other = models.EnumerateArray().Select(m => m.GetProperty("version").GetString()!).Single(v => v != champion);
        var promoted = await JsonAsync(await client.PostAsJsonAsync($"/v1/models/{other}/promote", new { reason = "try" }));
        Assert.Equal(other, promoted.GetProperty("champion").GetString());
        Assert.True((await JsonAsync(await client.GetAsync($"/v1/models/{other}"))).GetProperty("champion").GetBoolean());
        var rolled = await JsonAsync(await client.PostAsJsonAsync("/v1/usecases/toy/rollback", new { reason = "worse" }));
        Assert.Equal(champion, rolled.GetProperty("champion").GetString());
    }

    [Fact]
    public async Task Keys_are_managed_by_admins_over_the_api()
    {
        await using var service = await TestService.StartAsync();
        var client = service.Client(service.AdminKey);

        var created = await client.PostAsJsonAsync("/v1/keys", new { role = "viewer", name = "dashboard" });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var body = await JsonAsync(created);
        var viewer = service.Client(body.GetProperty("key").GetString());
        Assert.Equal(HttpStatusCode.OK, (await viewer.GetAsync("/v1/usecases")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await viewer.GetAsync("/v1/keys")).StatusCode);

        Assert.Equal(HttpStatusCode.OK, (await client.DeleteAsync($"/v1/keys/{body.GetProperty("id").GetString()}")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await viewer.GetAsync("/v1/usecases")).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await client.PostAsJsonAsync("/v1/keys", new { role = "root" })).StatusCode);
    }

    [Theory]
    [InlineData("id: other\ntitle: x\ntask: binary\ntarget: {column: y}\n", "path names 'toy'")]
    [InlineData("id: toy\ntitle: x\ntask: ranking\ntarget: {column: y}\n", "task")]
    [InlineData("id: toy\ntitle: x\ntask: binary\ntarget: {column: y}\nrule: \"a >< 3\"\n", "rule")]
    public async Task A_bad_spec_is_a_400_naming_the_problem(string yaml, string expected)
    {
        await using var service = await TestService.StartAsync();

        var response = await service.Client(service.AdminKey).PutAsync("/v1/usecases/toy/spec", new StringContent(yaml, Encoding.UTF8, "application/yaml"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains(expected, (await JsonAsync(response)).GetProperty("detail").GetString());
    }

    [Fact]
    public async Task A_malformed_upload_is_a_400_and_registers_nothing()
    {
        await using var service = await TestService.StartAsync();
        var client = service.Client(service.AdminKey);
        await client.PutAsync("/v1/usecases/toy/spec", new StringContent(Spec, Encoding.UTF8, "application/yaml"));

        var response = await client.PostAsync("/v1/usecases/toy/datasets", new StringContent("a,b\n1,2\n3\n", Encoding.UTF8, "text/csv"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("line 3", (await JsonAsync(response)).GetProperty("detail").GetString());
        Assert.Equal(0, (await JsonAsync(await client.GetAsync("/v1/usecases/toy/datasets"))).GetArrayLength());
    }
}
