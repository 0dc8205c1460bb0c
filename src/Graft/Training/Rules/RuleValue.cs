using System.Globalization;

namespace Graft.Training.Rules;

/// <summary>
/// How a rule's values are read. Inside a rule every value is null, a double, a string or a bool;
/// callers use these conversions to read a result as a class, a label or a number.
/// </summary>
public static class RuleValue
{
    internal static readonly object True = true;
    internal static readonly object False = false;

    /// <summary>A field's text as a rule reads it, by the field's type: numbers as numbers, booleans as booleans, the rest as text.</summary>
    public static object? FromText(string? value, Data.FieldType type) => value is null ? null : type switch
    {
        Data.FieldType.Number => Data.Values.TryNumber(value, out var n) ? n : null,
        Data.FieldType.Boolean => Data.Values.TryBoolean(value, out var b) ? b : null,
        _ => value,
    };

    /// <summary>
    /// A binary rule's result as a score: a number in [0, 1] is taken as a score, anything else as truth (1 or 0).
    /// Training's baseline and serving's fallback both read it so, and both cut it at 0.5.
    /// </summary>
    public static double BinaryScore(object? result) =>
        AsNumber(result) is { } p and >= 0 and <= 1 && result is not bool ? p : IsTrue(result) ? 1 : 0;

    /// <summary>True for <c>true</c> and for a non-zero number; false for everything else, null included.</summary>
    public static bool IsTrue(object? value) => Truth(Normalize(value)) == true;

    /// <summary>
    /// The value as a finite number: numbers as they are, strings that parse as an invariant-culture
    /// number after trimming (" 29.85"), otherwise null. Booleans are not numbers.
    /// </summary>
    public static double? AsNumber(object? value) => Normalize(value) switch
    {
        double d => d,
        string s => ParseNumber(s),
        _ => null,
    };

    /// <summary>The value as text: numbers in invariant culture ("3", "2.5"), "true"/"false", null stays null.</summary>
    public static string? AsText(object? value) => Normalize(value) switch
    {
        string s => s,
        double d => d.ToString(CultureInfo.InvariantCulture),
        bool b => b ? "true" : "false",
        _ => null,
    };

    /// <summary>
    /// Brings a field value into the language's four kinds. Other numeric types become doubles;
    /// NaN and infinities are missing values (ML.NET marks missing numbers with NaN); anything else is null.
    /// </summary>
    internal static object? Normalize(object? value) => value switch
    {
        null => null,
        double d => double.IsFinite(d) ? d : null,
        string or bool => value,
        float f => double.IsFinite(f) ? (double)f : null,
        int or long or short or sbyte or byte or ushort or uint or ulong or decimal
            => Convert.ToDouble(value, CultureInfo.InvariantCulture),
        _ => null,
    };

    /// <summary>Three-valued truth: null means unknown. Strings are never truth values.</summary>
    internal static bool? Truth(object? value) => value switch
    {
        bool b => b,
        double d => d != 0,
        _ => null,
    };

    internal static object? Box(bool? value) => value switch
    {
        true => True,
        false => False,
        null => null,
    };

    // Negative zero would print as "-0"; the language has one zero.
    internal static object? Box(double value) => double.IsFinite(value) ? (value == 0 ? 0.0 : value) : null;

    internal static double? ParseNumber(string text)
        => double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var d) && double.IsFinite(d)
            ? d
            : null;
}
