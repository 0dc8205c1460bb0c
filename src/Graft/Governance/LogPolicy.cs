using Graft.Audit;
using Graft.Serving;
using Graft.UseCases;

namespace Graft.Governance;

/// <summary>
/// What of a request's inputs may be written to the prediction log. A field the data-use policy says not to
/// log (found or declared sensitive) is masked; in every other text value, each email, phone, card or national id
/// number and person name is replaced by its placeholder (<see cref="TextPlaceholders"/>), so personal data never
/// reaches the log raw, and a reviewer reads a ticket as the model read it: "call me on &lt;PHONE&gt;".
/// </summary>
public sealed class LogPolicy
{
    private readonly HashSet<string> _masked;

    private LogPolicy(HashSet<string> masked) => _masked = masked;

    /// <summary>The policy of a spec over its audits: a field any audit says not to log is masked, unless the spec says to log it.</summary>
    public static LogPolicy From(UseCaseSpec spec, IReadOnlyList<AuditReport> audits)
    {
        var masked = new HashSet<string>(StringComparer.Ordinal);
        foreach (var field in audits.SelectMany(a => a.Fields))
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

    /// <summary>
    /// A field's value as text when the log may keep it whole, to name the entity a prediction is about; null when the
    /// policy masks the field or any part of the value (a masked entity would tie outcomes to nothing).
    /// </summary>
    public string? Unmasked(string field, InputValue value)
    {
        if (_masked.Contains(field) || value.AsText() is not { } text)
        {
            return null;
        }
        return value.Kind == InputValueKind.String && TextPlaceholders.Apply(text) != text ? null : text;
    }

    /// <summary>The inputs as the log may keep them, as a JSON object in UTF-8; written directly, since it runs once per prediction.</summary>
    public byte[] MaskInputs(IReadOnlyDictionary<string, InputValue> inputs)
    {
        var json = LogJson.Start();
        json.WriteStartObject();
        foreach (var (field, value) in inputs)
        {
            json.WritePropertyName(field);
            if (_masked.Contains(field) && !value.IsNull)
            {
                json.WriteStringValue(SensitiveMask.Masked);
            }
            else if (value.Kind == InputValueKind.String)
            {
                json.WriteStringValue(TextPlaceholders.Apply(value.Text));
            }
            else
            {
                value.WriteTo(json);
            }
        }
        json.WriteEndObject();
        return LogJson.Utf8(json);
    }
}
