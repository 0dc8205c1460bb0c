using Graft.Audit;
using Graft.Serving;
using Graft.UseCases;

namespace Graft.Governance;

/// <summary>
/// What of a request's inputs may be written to the prediction log. A field the data-use policy says not to
/// log (found or declared sensitive) is masked; in every other text value, each email, phone, card or national id
/// number and person name is replaced by its placeholder (<see cref="TextPlaceholders"/>), so personal data never
/// reaches the log raw, and a reviewer reads a ticket as the model read it: "call me on &lt;PHONE&gt;". Entity ids that
/// are personal data, or all of them when the spec says <c>pseudonymise: true</c>, are kept as keyed hashes
/// (<see cref="EntityPseudonyms"/>), in the record's entity and wherever the entity field appears among the inputs.
/// </summary>
public sealed class LogPolicy
{
    private readonly HashSet<string> _masked;
    private readonly string? _entityField;
    private readonly bool _pseudonymiseAll;
    private readonly EntityPseudonyms _pseudonyms;

    private LogPolicy(HashSet<string> masked, string? entityField, bool pseudonymiseAll, EntityPseudonyms pseudonyms) =>
        (_masked, _entityField, _pseudonymiseAll, _pseudonyms) = (masked, entityField, pseudonymiseAll, pseudonyms);

    /// <summary>The policy of a spec over its audits: a field any audit says not to log is masked, unless the spec says to log it.</summary>
    public static LogPolicy From(UseCaseSpec spec, IReadOnlyList<AuditReport> audits, EntityPseudonyms pseudonyms)
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
        return new LogPolicy(masked, spec.Entity, spec.PseudonymiseEntity, pseudonyms);
    }

    /// <summary>
    /// Whom a prediction is about, as the log keeps it: the id as sent, or its pseudonym when it is personal data (or
    /// the spec pseudonymises every id, or the entity field is one the log masks).
    /// </summary>
    public string Entity(string entityId, bool fromMaskedField = false) =>
        _pseudonymiseAll || fromMaskedField || EntityPseudonyms.LooksPersonal(entityId) ? _pseudonyms.Of(entityId) : entityId;

    /// <summary>Whether the log masks a field's values.</summary>
    public bool Masks(string field) => _masked.Contains(field);

    /// <summary>The inputs as the log may keep them, as a JSON object in UTF-8; written directly, since it runs once per prediction.</summary>
    public byte[] MaskInputs(Dictionary<string, InputValue> inputs) => MaskInputs(inputs, null);

    /// <summary>
    /// The inputs as the log may keep them, as a JSON object in UTF-8, and each value as written, in
    /// <paramref name="logged"/> when given (as many as there are inputs): what the monitoring windows count, without
    /// reading the JSON back. The inputs are a request's as parsed: a concrete dictionary, whose enumerator is not boxed.
    /// </summary>
    public byte[] MaskInputs(Dictionary<string, InputValue> inputs, LoggedValue[]? logged)
    {
        var json = LogJson.Start();
        json.WriteStartObject();
        var n = 0;
        foreach (var (field, value) in inputs)
        {
            var name = LogJson.Name(field, out var kept);
            json.WritePropertyName(name);
            var masked = Logged(field, value);
            masked.WriteTo(json);
            if (logged is not null)
            {
                logged[n++] = new LoggedValue(kept, masked); // the name as first seen: the value waits in the log's queue, the request's strings need not
            }
        }
        json.WriteEndObject();
        return LogJson.Utf8(json);
    }

    /// <summary>A value as the log keeps it: the entity's id as the record keeps it, a masked field masked, text with placeholders, the rest as sent.</summary>
    private InputValue Logged(string field, InputValue value)
    {
        var masked = _masked.Count > 0 && _masked.Contains(field);
        if (field == _entityField && value.AsText() is { } entity)
        {
            return InputValue.Of(Entity(entity, masked)); // the same as the record's entity, so the two agree
        }
        if (masked && !value.IsNull)
        {
            return InputValue.Of(SensitiveMask.Masked);
        }
        return value.Kind switch
        {
            InputValueKind.String => InputValue.Of(TextPlaceholders.Apply(value.Text)),
            InputValueKind.Structured => InputValue.Null, // as JSON writes it; a request holding one is refused before it is logged
            _ => value,
        };
    }
}
