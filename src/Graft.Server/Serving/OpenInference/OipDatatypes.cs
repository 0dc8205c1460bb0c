using System.Globalization;
using System.Text.Json;
using Graft.Data;
using Graft.Training;

namespace Graft.Server.Serving.OpenInference;

/// <summary>The protocol's tensor datatypes: which a field takes, and which JSON values each holds.</summary>
internal static class OipDatatypes
{
    private static readonly Dictionary<string, (decimal Min, decimal Max)> Integers = new(StringComparer.Ordinal)
    {
        ["INT8"] = (sbyte.MinValue, sbyte.MaxValue), ["INT16"] = (short.MinValue, short.MaxValue),
        ["INT32"] = (int.MinValue, int.MaxValue), ["INT64"] = (long.MinValue, long.MaxValue),
        ["UINT8"] = (0, byte.MaxValue), ["UINT16"] = (0, ushort.MaxValue), ["UINT32"] = (0, uint.MaxValue), ["UINT64"] = (0, ulong.MaxValue),
    };

    // FP16's largest finite value is 65,504.
    private static readonly Dictionary<string, double> Floats = new(StringComparer.Ordinal)
    {
        ["FP16"] = 65_504, ["FP32"] = float.MaxValue, ["FP64"] = double.MaxValue,
    };

    /// <summary>The datatype the model metadata lists for a field: BOOL for booleans, FP64 for numbers, BYTES for the rest.</summary>
    public static string Of(ModelInput input) => input.Kind switch
    {
        InputKind.Numeric when input.Type == FieldType.Boolean => "BOOL",
        InputKind.Numeric => "FP64",
        _ => "BYTES",
    };

    /// <summary>
    /// Why a tensor of <paramref name="datatype"/> cannot hold the field, or null: number and boolean fields take any
    /// numeric datatype or BOOL (the model reads true as 1), categories, text and dates take BYTES.
    /// </summary>
    public static string? Mismatch(ModelInput input, string datatype)
    {
        var numeric = datatype == "BOOL" || Integers.ContainsKey(datatype) || Floats.ContainsKey(datatype);
        if (!numeric && datatype != "BYTES")
        {
            return $"{Audit.Wording.Quote(datatype)} is not a datatype of the protocol (BOOL, UINT8 to UINT64, INT8 to INT64, FP16, FP32, FP64, BYTES)";
        }
        var field = $"input '{input.Field}' is a {input.Type.ToString().ToLowerInvariant()} field";
        return (numeric, input.Kind == InputKind.Numeric) switch
        {
            (false, true) => $"{field}: its datatype is numeric (FP64, FP32, an integer type) or BOOL, not BYTES",
            (true, false) => $"{field}: its datatype is BYTES, not {datatype}",
            _ => null,
        };
    }

    /// <summary>Whether <paramref name="value"/> is one of <paramref name="datatype"/>'s: an integer type holds whole numbers in its range.</summary>
    public static bool Holds(string datatype, JsonElement value) => datatype switch
    {
        "BOOL" => value.ValueKind is JsonValueKind.True or JsonValueKind.False,
        "BYTES" => value.ValueKind == JsonValueKind.String,
        _ when value.ValueKind != JsonValueKind.Number => false,
        _ when Floats.TryGetValue(datatype, out var largest) => value.TryGetDouble(out var d) && Math.Abs(d) <= largest,
        _ => value.TryGetDecimal(out var m) && m == decimal.Truncate(m) && m >= Integers[datatype].Min && m <= Integers[datatype].Max,
    };

    /// <summary>What a value of <paramref name="datatype"/> is, for the message that says one is not.</summary>
    public static string Describe(string datatype) => datatype switch
    {
        "BOOL" => "true or false",
        "BYTES" => "a string",
        _ when Floats.ContainsKey(datatype) => $"a number within {datatype}'s range",
        _ => string.Create(CultureInfo.InvariantCulture, $"a whole number from {Integers[datatype].Min:N0} to {Integers[datatype].Max:N0}"),
    };
}
