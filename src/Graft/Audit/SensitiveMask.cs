namespace Graft.Audit;

/// <summary>
/// What a report shows instead of a sensitive value. The same few characters for every value, so neither the value
/// nor its length shows.
/// </summary>
internal static class SensitiveMask
{
    public const string Masked = "••••••";

    public static string Apply(string value, bool sensitive) => sensitive ? Masked : value;
}
