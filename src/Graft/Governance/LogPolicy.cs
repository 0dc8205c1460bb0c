using System.Text.Json;
using Graft.Audit;
using Graft.UseCases;

namespace Graft.Governance;

/// <summary>
/// What of a request's inputs may be written to the prediction log. A field the data-use policy says not to
/// log (found or declared sensitive) is masked; in every other text value, anything that looks like an email,
/// phone, card or national id number is masked too, so personal data never reaches the log raw.
/// </summary>
public sealed class LogPolicy
{
    private readonly HashSet<string> _masked;

    private LogPolicy(HashSet<string> masked) => _masked = masked;

    public static LogPolicy From(UseCaseSpec spec, AuditReport? audit)
    {
        var masked = new HashSet<string>(StringComparer.Ordinal);
        foreach (var field in audit?.Fields ?? [])
        {
            if (!field.Use.Log)
            {
                masked.Add(field.Name);
            }
        }
        foreach (var field in spec.Fields)
        {
            if (field.Log == false || (field.Sensitive == true && field.Log != true))
            {
                masked.Add(field.Name);
            }
            else if (field.Log == true)
            {
                masked.Remove(field.Name);
            }
        }
        return new LogPolicy(masked);
    }

    public bool Masks(string field) => _masked.Contains(field);

    public string MaskInputs(IReadOnlyDictionary<string, JsonElement> inputs)
    {
        var safe = new Dictionary<string, object?>(inputs.Count, StringComparer.Ordinal);
        foreach (var (field, value) in inputs)
        {
            safe[field] = _masked.Contains(field) && value.ValueKind != JsonValueKind.Null ? SensitiveMask.Masked
                : value.ValueKind == JsonValueKind.String ? SensitivePatterns.Redact(value.GetString()!)
                : value;
        }
        return JsonSerializer.Serialize(safe);
    }
}
