using Graft.Data;

namespace Graft.Audit;

/// <summary>
/// What a report shows instead of a value. For a sensitive field, the same few characters for every value, so
/// neither the value nor its length shows; for free text, the text as models read it, with each piece of personal
/// data in it replaced by its placeholder (<see cref="TextPlaceholders"/>).
/// </summary>
internal static class SensitiveMask
{
    public const string Masked = "••••••";

    public static string Apply(string value, bool sensitive, FieldType type) =>
        sensitive ? Masked : type == FieldType.Text ? SensitivePatterns.Replace(value) : value;
}
