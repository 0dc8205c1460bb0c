using System.Globalization;
using System.Text.Json;
using Graft.Data;

namespace Graft.Serving;

/// <summary>
/// How an input value, from JSON or from a CSV cell, becomes what the model reads: numbers and booleans as
/// floats (NaN when missing or unreadable, which the models treat as missing), everything else as text.
/// </summary>
public static class InputValues
{
    public static float Number(object? value, FieldType type) => value switch
    {
        null => float.NaN,
        double d => (float)d,
        float f => f,
        int i => i,
        long l => l,
        bool b => b ? 1 : 0,
        JsonElement { ValueKind: JsonValueKind.Number } e => (float)e.GetDouble(),
        JsonElement { ValueKind: JsonValueKind.True } => 1,
        JsonElement { ValueKind: JsonValueKind.False } => 0,
        JsonElement { ValueKind: JsonValueKind.String } e => (float)Training.TrainingTable.NumberOf(e.GetString(), type),
        string s => (float)Training.TrainingTable.NumberOf(s, type),
        _ => float.NaN,
    };

    public static string? Text(object? value) => value switch
    {
        null => null,
        string s => s,
        JsonElement { ValueKind: JsonValueKind.String } e => e.GetString(),
        JsonElement { ValueKind: JsonValueKind.Null or JsonValueKind.Undefined } => null,
        JsonElement e => e.GetRawText(),
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString(),
    };
}
