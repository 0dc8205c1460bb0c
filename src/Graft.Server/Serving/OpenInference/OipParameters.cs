using System.Text.Json;

namespace Graft.Server.Serving.OpenInference;

/// <summary>
/// The protocol's <c>parameters</c>, on a request, an input or a requested output: free-form, and Graft reads none of
/// them, so it accepts and ignores them, except those of Triton's extensions that change where a tensor is or what it
/// holds. Graft declares none of those extensions (its server metadata lists none), so such a request is refused
/// rather than answered with something other than what it asked for.
/// </summary>
internal static class OipParameters
{
    private static readonly Dictionary<string, string> AskFor = new(StringComparer.Ordinal)
    {
        ["binary_data_output"] = "binary tensor data", ["binary_data"] = "binary tensor data", ["binary_data_size"] = "binary tensor data",
        ["shared_memory_region"] = "a tensor in shared memory", ["classification"] = "top classes",
    };

    /// <summary>Why the parameters of <paramref name="owner"/> (named <paramref name="who"/> in the message) cannot be met, or null.</summary>
    public static string? Problem(JsonElement owner, string who)
    {
        if (!owner.TryGetProperty("parameters", out var parameters) || parameters.ValueKind == JsonValueKind.Null)
        {
            return null;
        }
        if (parameters.ValueKind != JsonValueKind.Object)
        {
            return $"\"parameters\" of {who} must be an object of names to values";
        }
        foreach (var parameter in parameters.EnumerateObject())
        {
            if (AskFor.TryGetValue(parameter.Name, out var what) && parameter.Value.ValueKind != JsonValueKind.False)
            {
                return $"{who} asks for {what} (\"{parameter.Name}\"); Graft declares no protocol extensions and reads and writes tensors as JSON only";
            }
        }
        return null;
    }
}
