using System.Text.Json;
using Graft.Registry;
using Graft.Serving;
using Graft.Training;

namespace Graft.Server.Serving.OpenInference;

/// <summary>Reads the protocol's input tensors, one per field, into rows: the i-th value of every tensor makes row i.</summary>
internal static class OipTensorReader
{
    private const int MaxRows = PredictionRequest.MaxBatchRows;
    private static readonly string[] NumberTypes = ["FP16", "FP32", "FP64", "INT8", "INT16", "INT32", "INT64", "UINT8", "UINT16", "UINT32", "UINT64", "BOOL"];

    public static (List<Dictionary<string, InputValue>>? Rows, string? Problem) ReadRows(JsonElement body, ModelCard card)
    {
        if (body.ValueKind != JsonValueKind.Object || !body.TryGetProperty("inputs", out var inputs) || inputs.ValueKind != JsonValueKind.Array || inputs.GetArrayLength() == 0)
        {
            return (null, "the request needs \"inputs\": a list of tensors");
        }
        int? count = null;
        var columns = new Dictionary<string, JsonElement[]>(StringComparer.Ordinal);
        foreach (var tensor in inputs.EnumerateArray())
        {
            var (name, data, problem) = ReadTensor(tensor, card);
            if (problem is not null)
            {
                return (null, problem);
            }
            if (count is not null && data!.Length != count)
            {
                return (null, $"input '{name}' has {data.Length} values but earlier inputs have {count}; every input needs one value per row");
            }
            count = data!.Length;
            if (!columns.TryAdd(name!, data))
            {
                return (null, $"input '{name}' is given twice");
            }
        }
        if (count is null or 0 or > MaxRows)
        {
            return (null, $"a request holds 1 to {MaxRows:N0} rows");
        }
        var rows = new List<Dictionary<string, InputValue>>(count.Value);
        for (var r = 0; r < count; r++)
        {
            rows.Add(columns.ToDictionary(c => c.Key, c => InputValue.From(c.Value[r]), StringComparer.Ordinal));
        }
        return (rows, null);
    }

    private static (string? Name, JsonElement[]? Data, string? Problem) ReadTensor(JsonElement tensor, ModelCard card)
    {
        if (tensor.ValueKind != JsonValueKind.Object || !tensor.TryGetProperty("name", out var nameElement) || nameElement.ValueKind != JsonValueKind.String)
        {
            return (null, null, "each input tensor needs a \"name\"");
        }
        var name = nameElement.GetString()!;
        var input = card.Inputs.FirstOrDefault(i => i.Field == name);
        if (input is null)
        {
            return (name, null, $"'{name}' is not an input of this model (inputs: {string.Join(", ", card.Inputs.Select(i => i.Field))})");
        }
        var datatype = tensor.TryGetProperty("datatype", out var dt) && dt.ValueKind == JsonValueKind.String ? dt.GetString()! : "";
        var expectsNumbers = input.Kind == InputKind.Numeric;
        if (expectsNumbers ? !NumberTypes.Contains(datatype) : datatype != "BYTES")
        {
            return (name, null, $"input '{name}' must have datatype {(expectsNumbers ? "FP32, FP64, INT64 or BOOL" : "BYTES")}, not '{datatype}'");
        }
        if (!tensor.TryGetProperty("data", out var data) || data.ValueKind != JsonValueKind.Array)
        {
            return (name, null, $"input '{name}' needs \"data\": a list of values");
        }
        var values = Flatten(data).ToArray();
        if (tensor.TryGetProperty("shape", out var shape) && shape.ValueKind == JsonValueKind.Array
            && shape.EnumerateArray().All(d => d.ValueKind == JsonValueKind.Number)
            && shape.EnumerateArray().Aggregate(1L, (p, d) => p * d.GetInt64()) != values.Length)
        {
            return (name, null, $"input '{name}' has shape {shape.GetRawText()} but {values.Length} values");
        }
        foreach (var v in values)
        {
            var ok = v.ValueKind == JsonValueKind.Null || (expectsNumbers
                ? v.ValueKind is JsonValueKind.Number or JsonValueKind.True or JsonValueKind.False
                : v.ValueKind == JsonValueKind.String && v.GetString()!.Length <= InputCheck.MaxTextLength);
            if (!ok)
            {
                return (name, null, $"input '{name}' holds a value that is not {(expectsNumbers ? "a number" : "a string of at most 10,000 characters")}");
            }
        }
        return (name, values, null);
    }

    private static IEnumerable<JsonElement> Flatten(JsonElement data) =>
        data.EnumerateArray().SelectMany(v => v.ValueKind == JsonValueKind.Array ? Flatten(v) : [v]);
}
