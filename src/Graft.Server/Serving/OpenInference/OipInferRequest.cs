using System.Text.Json;
using Graft.Audit;
using Graft.Registry;
using Graft.Serving;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Graft.Server.Serving.OpenInference;

/// <summary>
/// An infer request read against the model it names: its <see cref="Id"/>, its <see cref="Rows"/> (see
/// <see cref="OipTensorReader"/>) and the <see cref="Outputs"/> it asks for, in its order (null: all of them).
/// </summary>
internal sealed record OipInferRequest(string? Id, List<Dictionary<string, InputValue>> Rows, IReadOnlyList<string>? Outputs)
{
    public static async Task<(OipInferRequest? Request, JsonHttpResult<OipError>? Error)> ReadAsync(
        HttpRequest request, ModelCard card, CancellationToken cancellationToken)
    {
        if (!request.HasJsonContentType())
        {
            return (null, OipError.Result("the request body must be JSON (Content-Type: application/json)", StatusCodes.Status415UnsupportedMediaType));
        }
        JsonDocument body;
        try
        {
            body = await JsonDocument.ParseAsync(request.Body, new JsonDocumentOptions { MaxDepth = 16 }, cancellationToken);
        }
        catch (JsonException e)
        {
            return (null, OipError.Result($"the request body is not valid JSON: {e.Message.Split('.')[0]}"));
        }
        using (body)
        {
            var (read, problem) = Read(body.RootElement, card);
            return read is null ? (null, OipError.Result(problem!)) : (read, null);
        }
    }

    private static (OipInferRequest? Request, string? Problem) Read(JsonElement body, ModelCard card)
    {
        if (body.ValueKind != JsonValueKind.Object)
        {
            return (null, "the request body must be a JSON object: {\"inputs\": [tensors]}");
        }
        var id = body.TryGetProperty("id", out var given) ? given : default;
        if (id.ValueKind is not (JsonValueKind.Undefined or JsonValueKind.Null or JsonValueKind.String))
        {
            return (null, "\"id\" must be a string");
        }
        if (OipParameters.Problem(body, "the request") is { } refused)
        {
            return (null, refused);
        }
        var (rows, rowProblem) = OipTensorReader.ReadRows(body, card);
        if (rowProblem is not null)
        {
            return (null, rowProblem);
        }
        var (outputs, outputProblem) = RequestedOutputs(body, card);
        return outputProblem is null
            ? (new OipInferRequest(id.ValueKind == JsonValueKind.String ? id.GetString() : null, rows!, outputs), null)
            : (null, outputProblem);
    }

    /// <summary>The outputs named in <c>"outputs"</c>; none named (or an empty list) is all of them, as the protocol has it.</summary>
    private static (IReadOnlyList<string>? Names, string? Problem) RequestedOutputs(JsonElement body, ModelCard card)
    {
        if (!body.TryGetProperty("outputs", out var outputs) || outputs.ValueKind == JsonValueKind.Null)
        {
            return (null, null);
        }
        var known = OipTensorWriter.Names(card);
        if (outputs.ValueKind != JsonValueKind.Array)
        {
            return (null, $"\"outputs\" must be a list of the outputs to answer, such as [{{\"name\": \"{known[0]}\"}}]");
        }
        var names = new List<string>();
        foreach (var output in outputs.EnumerateArray())
        {
            if (output.ValueKind != JsonValueKind.Object || !output.TryGetProperty("name", out var given) || given.ValueKind != JsonValueKind.String)
            {
                return (null, $"each requested output needs a \"name\" (outputs: {string.Join(", ", known)})");
            }
            var name = given.GetString()!;
            if (!known.Contains(name))
            {
                return (null, $"{Wording.Quote(name)} is not an output of this model (outputs: {string.Join(", ", known)})");
            }
            if (names.Contains(name))
            {
                return (null, $"output '{name}' is asked for twice");
            }
            if (OipParameters.Problem(output, $"output '{name}'") is { } problem)
            {
                return (null, problem);
            }
            names.Add(name);
        }
        return (names.Count == 0 ? null : names, null);
    }
}
