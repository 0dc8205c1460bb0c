using System.Text.Json;
using Graft.Audit;
using Graft.Registry;
using Graft.Serving;

namespace Graft.Server.Serving.OpenInference;

/// <summary>
/// Reads the protocol's input tensors into rows: one tensor per field, its i-th value the field's value in row i.
/// So a tensor's shape is <c>[rows]</c> or <c>[rows, 1]</c>, and its data flat or nested row-major as the protocol
/// allows (<c>[1, 2]</c> or <c>[[1], [2]]</c>). A null value is a missing one; fields left out are missing in every row.
/// </summary>
internal static class OipTensorReader
{
    private const int MaxRows = PredictionRequest.MaxBatchRows;

    public static (List<Dictionary<string, InputValue>>? Rows, string? Problem) ReadRows(JsonElement body, ModelCard card)
    {
        if (!body.TryGetProperty("inputs", out var inputs) || inputs.ValueKind != JsonValueKind.Array || inputs.GetArrayLength() == 0)
        {
            return (null, $"the request needs \"inputs\": a list of tensors, one per field ({Inputs(card)})");
        }
        var columns = new Dictionary<string, InputValue[]>(StringComparer.Ordinal);
        foreach (var tensor in inputs.EnumerateArray())
        {
            var (name, values, problem) = ReadTensor(tensor, card);
            if (problem is not null)
            {
                return (null, problem);
            }
            if (columns.ContainsKey(name!))
            {
                return (null, $"input '{name}' is given twice");
            }
            if (columns.Count > 0 && columns.First() is var (earlier, rows) && rows.Length != values!.Length)
            {
                return (null, $"input '{name}' has {Wording.Rows(values.Length)} but input '{earlier}' has {Wording.Rows(rows.Length)}; every input holds one value per row");
            }
            columns[name!] = values!;
        }
        var count = columns.First().Value.Length;
        var read = new List<Dictionary<string, InputValue>>(count);
        for (var r = 0; r < count; r++)
        {
            read.Add(columns.ToDictionary(c => c.Key, c => c.Value[r], StringComparer.Ordinal));
        }
        return (read, null);
    }

    private static (string? Name, InputValue[]? Values, string? Problem) ReadTensor(JsonElement tensor, ModelCard card)
    {
        if (tensor.ValueKind != JsonValueKind.Object)
        {
            return (null, null, "each input is a tensor: {\"name\", \"shape\", \"datatype\", \"data\"}");
        }
        if (!tensor.TryGetProperty("name", out var given) || given.ValueKind != JsonValueKind.String)
        {
            return (null, null, $"an input tensor needs a \"name\": the field it holds ({Inputs(card)})");
        }
        var name = given.GetString()!;
        var input = card.Inputs.FirstOrDefault(i => i.Field == name);
        if (input is null)
        {
            return (name, null, $"{Wording.Quote(name)} is not an input of this model ({Inputs(card)})");
        }
        if (!tensor.TryGetProperty("datatype", out var type) || type.ValueKind != JsonValueKind.String)
        {
            return (name, null, $"input '{name}' needs a \"datatype\", such as {OipDatatypes.Of(input)}");
        }
        var datatype = type.GetString()!;
        var problem = OipDatatypes.Mismatch(input, datatype) ?? OipParameters.Problem(tensor, $"input '{name}'");
        if (problem is not null)
        {
            return (name, null, problem);
        }
        var (rows, shape, shapeProblem) = RowsOf(tensor, name);
        if (shapeProblem is not null)
        {
            return (name, null, shapeProblem);
        }
        var (values, dataProblem) = ValuesOf(tensor, name, datatype, rows, shape);
        return (name, values, dataProblem);
    }

    /// <summary>The rows a tensor's shape says it holds; only <c>[rows]</c> and <c>[rows, 1]</c> are one field's values.</summary>
    private static (int Rows, string Shape, string? Problem) RowsOf(JsonElement tensor, string name)
    {
        if (!tensor.TryGetProperty("shape", out var shape) || shape.ValueKind != JsonValueKind.Array)
        {
            return (0, "", $"input '{name}' needs a \"shape\": [rows] or [rows, 1]");
        }
        var dimensions = new List<long>();
        foreach (var dimension in shape.EnumerateArray())
        {
            if (dimension.ValueKind != JsonValueKind.Number || !dimension.TryGetInt64(out var size) || size < 0)
            {
                return (0, "", $"input '{name}' has a shape whose dimensions are not all whole numbers of 0 or more: {Wording.Quote(shape.GetRawText())}");
            }
            dimensions.Add(size);
        }
        var written = $"[{string.Join(", ", dimensions.Take(8))}{(dimensions.Count > 8 ? ", …" : "")}]";
        if (dimensions is not ([_] or [_, 1]))
        {
            return (0, written, $"input '{name}' has shape {written}; a tensor holds one field, one value per row, so its shape is [rows] or [rows, 1]");
        }
        return dimensions[0] is 0 or > MaxRows
            ? (0, written, $"input '{name}' has shape {written}: a request holds 1 to {Wording.Count(MaxRows)} rows")
            : ((int)dimensions[0], written, null);
    }

    private static (InputValue[]? Values, string? Problem) ValuesOf(JsonElement tensor, string name, string datatype, int rows, string shape)
    {
        if (!tensor.TryGetProperty("data", out var data) || data.ValueKind != JsonValueKind.Array)
        {
            return (null, $"input '{name}' needs \"data\": a list of its values, one per row");
        }
        var elements = Flatten(data).ToList();
        if (elements.Count != rows)
        {
            return (null, $"input '{name}' has shape {shape} but {Wording.Count(elements.Count)} values; it needs one value per row");
        }
        var values = new InputValue[rows];
        for (var i = 0; i < rows; i++)
        {
            if (elements[i].ValueKind != JsonValueKind.Null && !OipDatatypes.Holds(datatype, elements[i]))
            {
                return (null, $"input '{name}' is {datatype}, but value {i + 1} ({Wording.Quote(elements[i].GetRawText())}) is not {OipDatatypes.Describe(datatype)}");
            }
            values[i] = InputValue.From(elements[i]);
        }
        return (values, null);
    }

    // The protocol allows the data nested as the shape is, or flat: both are the values in row-major order.
    private static IEnumerable<JsonElement> Flatten(JsonElement data) =>
        data.EnumerateArray().SelectMany(v => v.ValueKind == JsonValueKind.Array ? Flatten(v) : [v]);

    private static string Inputs(ModelCard card) => "inputs: " + Wording.Names([.. card.Inputs.Select(i => i.Field)]);
}
