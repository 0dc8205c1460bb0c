using System.Globalization;
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
        InputValue v => Number(v, type),
        string s => (float)Training.TrainingTable.NumberOf(s, type),
        _ => float.NaN,
    };

    public static float Number(InputValue value, FieldType type) => value.Kind switch
    {
        InputValueKind.Number or InputValueKind.Boolean => (float)value.Number,
        InputValueKind.String => (float)Training.TrainingTable.NumberOf(value.Text, type),
        _ => float.NaN,
    };

    public static string? Text(object? value) => value switch
    {
        null => null,
        string s => MissingValues.IsMissing(s) ? null : s,
        InputValue v => v.AsText(),
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString(),
    };

    /// <summary>A value as text, null when missing: text a training file's reader takes for missing ("", "NA") is missing here too.</summary>
    public static string? Text(InputValue value) => InputExpectations.IsMissing(value) ? null : value.AsText();
}
