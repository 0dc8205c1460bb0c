using Graft.Data;
using Graft.UseCases;

namespace Graft.Audit;

/// <summary>
/// Resolves a field's data-use policy from what the spec declares and what the audit found. The target, entity key,
/// timestamp and excluded fields are never trained on. An ID-like field is not trained on unless the spec says
/// <c>train: true</c>. A sensitive field (found or declared) is not trained on and not logged unless the spec says
/// <c>train: true</c> or <c>log: true</c>. Free text with personal data inside some values (<c>pii_in_text</c>) is not
/// sensitive: it is used fully, read with placeholders. Inference follows training unless declared. Everything else
/// is used fully.
/// </summary>
public static class DataUsePolicy
{
    public static FieldUse Resolve(FieldPolicy? declared, FieldSchema schema, IReadOnlyList<AuditFinding> findingsForField, string role)
    {
        var idLike = Has(findingsForField, FindingCodes.IdLikeField);
        var sensitive = IsSensitive(declared, Has(findingsForField, FindingCodes.SensitiveField));
        var reasons = new List<string>();
        bool train;
        switch (role)
        {
            case FieldRoles.Target:
                train = false;
                reasons.Add("the target: what the model learns to predict");
                break;
            case FieldRoles.Entity:
                train = false;
                reasons.Add("the entity key: it joins predictions to outcomes and is not an input");
                break;
            case FieldRoles.Timestamp:
                train = false;
                reasons.Add("the timestamp: it orders rows and splits them by time, and is not an input");
                break;
            case FieldRoles.Excluded:
                train = false;
                reasons.Add("excluded by the spec");
                break;
            default:
                train = InputTrain(declared, schema, idLike, sensitive, reasons);
                break;
        }
        var inference = declared?.Inference ?? train;
        var log = declared?.Log ?? !sensitive;
        if (sensitive)
        {
            var why = declared?.Sensitive == true ? "declared sensitive by the spec" : "found sensitive";
            reasons.Add(log ? $"{why}, but logged because the spec says log: true" : $"{why}: masked in logs and reports");
        }
        if (train && !sensitive && Has(findingsForField, FindingCodes.PiiInText))
        {
            reasons.Add($"free text with personal data in some values: read with each piece replaced by a placeholder ({TextPlaceholders.Email}, {TextPlaceholders.Phone}, …) in training, at inference and in logs");
        }
        if (reasons.Count == 0)
        {
            reasons.Add(declared is null ? "an input: trained on, used at inference and logged" : "an input, as the spec declares");
        }
        return new FieldUse(train, inference, log, sensitive, string.Join("; ", reasons));
    }

    /// <summary>Whether a field is sensitive: as the spec declares (<c>sensitive: false</c> overrides the audit), else as found.</summary>
    public static bool IsSensitive(FieldPolicy? declared, bool found) => declared?.Sensitive ?? found;

    private static bool InputTrain(FieldPolicy? declared, FieldSchema schema, bool idLike, bool sensitive, List<string> reasons)
    {
        if (schema.Present == 0)
        {
            reasons.Add("it has no values");
            return false;
        }
        if (declared?.Train is { } said)
        {
            if (said && (idLike || sensitive))
            {
                reasons.Add($"trained on because the spec says train: true, although it is {(idLike ? "ID-like" : "sensitive")}");
            }
            else if (!said)
            {
                reasons.Add("not trained on because the spec says train: false");
            }
            return said;
        }
        if (idLike)
        {
            reasons.Add("ID-like: nearly every value is unique, so it names rows rather than describing them; not trained on unless the spec says train: true");
            return false;
        }
        if (sensitive)
        {
            reasons.Add("sensitive: not trained on unless the spec says train: true");
            return false;
        }
        return true;
    }

    private static bool Has(IReadOnlyList<AuditFinding> findings, string code)
    {
        foreach (var finding in findings)
        {
            if (finding.Code == code)
            {
                return true;
            }
        }
        return false;
    }
}
