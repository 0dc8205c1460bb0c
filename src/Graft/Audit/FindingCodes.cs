namespace Graft.Audit;

/// <summary>
/// The codes of audit findings. A public contract: specs acknowledge findings by code, and tools filter on them,
/// so a code is never renamed or reused. docs/audit.md explains each one.
/// </summary>
public static class FindingCodes
{
    public const string MissingValues = "missing_values";
    public const string DuplicateRows = "duplicate_rows";
    public const string ConstantField = "constant_field";
    public const string IdLikeField = "id_like_field";
    public const string LabelImbalance = "label_imbalance";
    public const string MissingLabels = "missing_labels";
    public const string LeakageSuspect = "leakage_suspect";
    public const string SensitiveField = "sensitive_field";
    public const string PiiInText = "pii_in_text";
    public const string TypeInconsistent = "type_inconsistent";
    public const string Outliers = "outliers";
    public const string HighCardinality = "high_cardinality";
    public const string TimeCoverage = "time_coverage";

    public static IReadOnlyList<string> All { get; } =
    [
        MissingValues, DuplicateRows, ConstantField, IdLikeField, LabelImbalance, MissingLabels,
        LeakageSuspect, SensitiveField, PiiInText, TypeInconsistent, Outliers, HighCardinality, TimeCoverage,
    ];
}
