using System.Net;
using System.Text;
using System.Text.Json;

namespace Graft.Server.Tests;

/// <summary>
/// One service with the toy use case trained once, for test classes that only send requests to it (none may
/// change it): x (number) and colour (category) as in every toy, and a boolean field, member, that the label
/// does not depend on.
/// </summary>
public sealed class TrainedToyService : IAsyncLifetime
{
    public TestService Service { get; private set; } = null!;

    public HttpClient Client { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Service = await TestService.StartAsync();
        var lines = Graft.Testing.ToyData.Csv(400).TrimEnd('\n').Split('\n');
        var csv = string.Join('\n', lines.Select((line, i) => line + (i == 0 ? ",member" : i % 2 == 0 ? ",true" : ",false"))) + "\n";
        // In auto, so answers are the model's (in shadow the app gets the rule's). Every field is optional: requests here leave some out, and are about reading tensors, not about required inputs
        // (MissingInputTests are); training would make these never-missing fields required.
        await Service.UseCaseAsync(Graft.Testing.ToyData.Spec + "\nstage: auto\nfields:\n  colour: { required: false }\n  member: { required: false }\n", csv, train: true);
        Client = Service.Client(Service.AdminKey);
    }

    /// <summary>Posts <paramref name="json"/> as it is to an infer route, and reads the answer's status and body.</summary>
    public async Task<(HttpStatusCode Status, JsonElement Body)> InferAsync(string json, string path = "/v2/models/toy/infer", string contentType = "application/json")
    {
        using var response = await Client.PostAsync(path, new StringContent(json, Encoding.UTF8, contentType));
        return (response.StatusCode, JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone());
    }

    public async Task DisposeAsync() => await Service.DisposeAsync();
}
