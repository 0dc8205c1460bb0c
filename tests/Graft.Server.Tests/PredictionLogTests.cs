using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Graft.Storage;
using Microsoft.EntityFrameworkCore;

namespace Graft.Server.Tests;

public class PredictionLogTests
{
    private const string Spec = Graft.Testing.ToyData.Spec + "\n" + """
        stage: auto
        fields:
          email: { sensitive: true }
          note: { type: text }
        """;

    private const string Email = "jane.doe@example.com";
    private const string Phone = "+1-555-0134-221";
    private const string EntityEmail = "account.owner@example.net";

    [Fact]
    public async Task Sensitive_values_never_reach_the_stored_log_raw()
    {
        await using var service = await TestService.StartAsync();
        await service.UseCaseAsync(Spec, train: true, withContact: true);
        var client = service.Client(service.AdminKey);
        for (var i = 0; i < 5; i++)
        {
            var response = await client.PostAsJsonAsync("/v1/usecases/toy/predict", new
            {
                entity_id = $"mask-probe-{i}",
                inputs = new { x = 9.5, colour = "blue", email = Email, note = $"call me on {Phone} or write to {Email}" },
            });
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }
        var keyedByEmail = await client.PostAsJsonAsync("/v1/usecases/toy/predict", new { entity_id = EntityEmail, inputs = new { x = 1, colour = "red" } });
        Assert.Equal(HttpStatusCode.OK, keyedByEmail.StatusCode);

        await service.StopAsync();
        // Every connection closed, so the write-ahead log is checkpointed and no file of the store comes or goes while read.
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        // The store's files as they are, and the log's pages uncompressed: the raw values are in neither.
        var files = string.Concat(Directory.EnumerateFiles(service.Root, "graft.db*").Select(ReadShared));
        await using (var db = service.Home.CreateDb())
        {
            var pages = string.Concat((await db.PredictionPages.Select(p => p.Records).ToListAsync()).Select(Gunzip));
            Assert.Contains("mask-probe-4", pages); // the records were written, so the searches below are not empty passes
            Assert.DoesNotContain(Email, files + pages);
            Assert.DoesNotContain(Phone, files + pages);
            Assert.DoesNotContain(EntityEmail, files + pages); // an entity id that is an email is kept as its pseudonym
            Assert.Contains("\"pii_in_text\"", string.Concat(await db.Audits.Select(a => a.ReportJson).ToListAsync())); // the note holds phones in training too
            Assert.DoesNotContain("(555) 010-1007", files); // one of them: the stored audit shows placeholders
        }
        var records = (await service.LogAsync()).Where(r => r.EntityId!.StartsWith("mask-probe-")).ToList();
        Assert.Equal(5, records.Count);
        Assert.All(records, r => Assert.Equal("••••••", JsonDocument.Parse(r.InputsJson).RootElement.GetProperty("email").GetString())); // masked, not dropped
        Assert.All(records, r => Assert.Equal("call me on <PHONE> or write to <EMAIL>", JsonDocument.Parse(r.InputsJson).RootElement.GetProperty("note").GetString()));
    }

    [Fact]
    public async Task Every_answer_is_logged_with_its_model_route_and_key_and_survives_a_restart()
    {
        await using var service = await TestService.StartAsync();
        await service.UseCaseAsync(Spec, train: true, withContact: true);
        var app = await new Graft.Governance.KeyStore(service.Home).CreateAsync(Graft.Governance.Role.App, "toy", null, null, Testing.TestActors.Tester, default);
        var keyId = app.Key.Id;
        var client = service.Client(app.Secret);
        for (var i = 0; i < 30; i++)
        {
            await client.PostAsJsonAsync("/v1/usecases/toy/predict", new { entity_id = $"e{i}", inputs = new { x = i % 10, colour = "red", note = "please call back" } });
        }

        await service.StopAsync();
        var records = await TestService.LogAsync(await GraftHome.OpenAsync(service.Root), "toy"); // read afresh from the files
        Assert.Equal(30, records.Count);
        Assert.All(records, r => Assert.Equal(keyId, r.KeyId));
        Assert.All(records, r => Assert.StartsWith("toy-v", r.ModelVersion));
        Assert.All(records, r => Assert.Equal("auto", r.Route));
        Assert.Contains(records, r => r.EntityId == "e29");
    }

    [Fact]
    public async Task Without_an_entity_id_the_spec_entity_field_among_the_inputs_names_the_entity()
    {
        await using var service = await TestService.StartAsync();
        await service.UseCaseAsync(Spec, train: false, withContact: true); // the toy spec's entity is "id"
        var client = service.Client(service.AdminKey);

        var asField = await client.PostAsJsonAsync("/v1/usecases/toy/predict", new { inputs = new { id = "r-17", colour = "red" } });
        var both = await client.PostAsJsonAsync("/v1/usecases/toy/predict", new { entity_id = "given", inputs = new { id = "r-18", colour = "red" } });
        var number = await client.PostAsJsonAsync("/v1/usecases/toy/predict", new { inputs = new { id = 19, colour = "red" } });
        var neither = await client.PostAsJsonAsync("/v1/usecases/toy/predict", new { inputs = new { colour = "red" } });
        var personal = await client.PostAsJsonAsync("/v1/usecases/toy/predict", new { inputs = new { id = Email, colour = "red" } });
        var tooLong = await client.PostAsJsonAsync("/v1/usecases/toy/predict", new { inputs = new { id = new string('e', 257), colour = "red" } });
        await service.StopAsync();

        Assert.All(new[] { asField, both, number, neither, personal }, r => Assert.Equal(HttpStatusCode.OK, r.StatusCode));
        Assert.Equal(HttpStatusCode.BadRequest, tooLong.StatusCode);
        Assert.Contains("names the entity", await tooLong.Content.ReadAsStringAsync());
        var entities = (await service.LogAsync()).Select(r => r.EntityId).ToList();
        var pseudonyms = Graft.Governance.EntityPseudonyms.Open(service.Root);
        Assert.Equal(new string?[] { "r-17", "given", "19", null, pseudonyms.Of(Email) }, entities); // an email naming the entity is kept as its pseudonym
    }

    [Fact]
    public async Task An_entity_field_the_policy_masks_is_kept_as_its_pseudonym_in_the_entity_and_the_inputs()
    {
        await using var service = await TestService.StartAsync();
        await service.UseCaseAsync(Spec.Replace("entity: id", "entity: email"), train: false, withContact: true); // email: { sensitive: true }
        var client = service.Client(service.AdminKey);

        var response = await client.PostAsJsonAsync("/v1/usecases/toy/predict", new { inputs = new { email = "not-an-address-but-sensitive", colour = "red" } });
        await service.StopAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var record = Assert.Single(await service.LogAsync());
        var pseudonym = Graft.Governance.EntityPseudonyms.Open(service.Root).Of("not-an-address-but-sensitive");
        Assert.Equal(pseudonym, record.EntityId); // outcomes for this entity can still find it
        Assert.Equal(pseudonym, JsonDocument.Parse(record.InputsJson).RootElement.GetProperty("email").GetString());
        Assert.DoesNotContain("not-an-address", record.InputsJson);
    }

    [Fact]
    public async Task In_durable_mode_the_record_is_committed_before_the_answer()
    {
        await using var service = await TestService.StartAsync(new Dictionary<string, string?> { ["Graft:PredictionLog:Durable"] = "true" });
        await service.UseCaseAsync(Spec, train: false, withContact: true);

        var response = await service.Client(service.AdminKey).PostAsJsonAsync("/v1/usecases/toy/predict", new { entity_id = "d1", inputs = new { colour = "red" } });
        var id = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("prediction_id").GetString();

        var record = await new Graft.Serving.PredictionLogReader(service.Home).FindAsync("toy", id!);
        Assert.NotNull(record);
        Assert.Equal("fallback", record.Route);
        Assert.Equal("no_model", record.FallbackReason);
    }

    private static string Gunzip(byte[] gzip)
    {
        using var unzip = new System.IO.Compression.GZipStream(new MemoryStream(gzip), System.IO.Compression.CompressionMode.Decompress);
        return new StreamReader(unzip).ReadToEnd();
    }

    /// <summary>A file of the store as it is; one SQLite removed meanwhile (its shared-memory index) reads as empty.</summary>
    private static string ReadShared(string path)
    {
        try
        {
            using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
            using var reader = new StreamReader(stream);
            return reader.ReadToEnd();
        }
        catch (FileNotFoundException)
        {
            return "";
        }
    }
}
