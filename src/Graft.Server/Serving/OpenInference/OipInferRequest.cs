using System.Text.Json;
using Graft.Audit;
using Graft.Registry;
using Graft.Serving;

namespace Graft.Server.Serving.OpenInference;

/// <summary>
/// An infer request read against the model it names: its <see cref="Id"/>, its <see cref="Rows"/> (see
/// <see cref="OipTensorReader"/>) and the <see cref="Outputs"/> it asks for, in its order (null: all of them).
/// </summary>
internal sealed record OipInferRequest(string? Id, List<Dictionary<string, InputValue>> Rows, IReadOnlyList<string>? Outputs)
{
    public static (OipInferRequest? Request, string? Problem) Read(JsonElement body, ModelCard card)
    {
        var (rows, problem) = OipTensorReader.ReadRows(body, card);
        if (problem is not null)
        {
            return (null, problem);
        }
        var (outputs, outputProblem) = RequestedOutputs(body, card);
        if (outputProblem is not null)
        {
            return (null, outputProblem);
        }
        var id = body.TryGetProperty("id", out var given) && given.ValueKind == JsonValueKind.String ? given.GetString() : null;
        return (new OipInferRequest(id, rows!, outputs), null);
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
            names.Add(name);
        }
        return (names.Count == 0 ? null : names, null);
    }
}
