using Graft.Data;
using Graft.UseCases;

namespace Graft.Audit;

/// <summary>
/// Audits a dataset for a use case: profiles every field, runs every check (see <see cref="FindingCodes"/>),
/// applies the spec's exclusions and acknowledgements, and resolves each field's data-use policy. Deterministic:
/// the same data and spec give the same report.
/// </summary>
public static class DataAuditor
{
    /// <summary>
    /// The version of the checks. A recorded audit is reused only when it was made by this version, so a
    /// check added or mended later (a new kind of personal data found, say) runs on data audited before it.
    /// Raise it with every change to what an audit finds.
    /// </summary>
    public const int Version = 3;

    public static AuditReport Run(Frame frame, UseCaseSpec spec, string datasetName, IProgress<double>? progress = null)
    {
        if (!frame.Contains(spec.TargetColumn))
        {
            throw GraftException.Invalid($"{datasetName} has no field '{spec.TargetColumn}', the target of {spec.Id}");
        }
        var columns = Prepare(frame, progress);
        var byName = columns.ToDictionary(c => c.Name, StringComparer.Ordinal);
        var roles = columns.ToDictionary(c => c.Name, c => FieldRoles.Of(c.Name, spec), StringComparer.Ordinal);
        var labels = TargetLabels.Read(byName[spec.TargetColumn], spec);
        var classes = ClassCounts(labels);

        var findings = new List<AuditFinding?>
        {
            MissingLabelsCheck.Run(labels),
            LabelImbalanceCheck.Run(labels, classes),
            DuplicateRowCheck.Run(columns, frame.RowCount),
        };
        TimeCoverageSummary? time = null;
        if (spec.Timestamp is { } timestamp)
        {
            (var coverage, time) = TimeCoverageCheck.Run(timestamp, RowTimes.Read(frame, timestamp));
            findings.Add(coverage);
        }
        var split = HalfSplit.Of(labels, LeakageCheck.Seed);
        for (var i = 0; i < columns.Count; i++)
        {
            findings.AddRange(FieldFindings(columns[i], roles[columns[i].Name], spec, labels, split));
            progress?.Report(0.5 + (0.45 * (i + 1) / columns.Count));
        }

        var triaged = findings.OfType<AuditFinding>().Select(f => FindingTriage.Apply(f, spec))
            .OrderByDescending(f => f.Severity).ToList();
        var profiles = new List<FieldProfile>(columns.Count);
        foreach (var column in columns)
        {
            var own = triaged.Where(f => f.Field == column.Name).ToList(); // before the report exists, so not report.FindingsFor
            var use = DataUsePolicy.Resolve(spec.Policy(column.Name), column.Schema, own, roles[column.Name]);
            profiles.Add(FieldProfiler.Profile(column, ReadAs(column, spec), use, roles[column.Name]));
        }
        progress?.Report(1);
        return new AuditReport(datasetName, spec.Id, frame.RowCount, frame.ColumnCount, profiles, triaged, Summary(labels, classes), time);
    }

    private static List<FieldColumn> Prepare(Frame frame, IProgress<double>? progress)
    {
        var columns = new FieldColumn[frame.ColumnCount];
        var done = 0;
        // Columns are independent; reading them side by side halves the wait on a two-core machine.
        Parallel.For(0, frame.ColumnCount, c =>
        {
            columns[c] = new FieldColumn(frame.Names[c], frame.Column(c));
            progress?.Report(0.5 * Interlocked.Increment(ref done) / frame.ColumnCount);
        });
        return [.. columns];
    }

    private static IEnumerable<AuditFinding?> FieldFindings(FieldColumn column, string role, UseCaseSpec spec, TargetLabels labels, HalfSplit split)
    {
        if (role == FieldRoles.Target)
        {
            yield break; // missing_labels and label_imbalance speak for the target
        }
        var sensitiveFinding = SensitiveFieldCheck.Run(column, ReadAs(column, spec), role);
        var sensitive = DataUsePolicy.IsSensitive(spec.Policy(column.Name), sensitiveFinding?.Code == FindingCodes.SensitiveField); // the masking the profile uses too
        var idLike = IdLikeFieldCheck.Run(column, role);
        yield return sensitiveFinding;
        yield return MissingValuesCheck.Run(column);
        yield return TypeConsistencyCheck.Run(column, sensitive);
        yield return ConstantFieldCheck.Run(column, sensitive);
        yield return idLike;
        yield return HighCardinalityCheck.Run(column, idLike is not null);
        yield return OutlierCheck.Run(column, idLike is not null);
        yield return LeakageCheck.Run(column, labels, split);
    }

    /// <summary>The type models read a field as: the spec's when it declares one (free text a category would be inferred as), else the inferred one.</summary>
    private static FieldType ReadAs(FieldColumn column, UseCaseSpec spec) => spec.Policy(column.Name)?.Type ?? column.Type;

    private static List<ValueCount> ClassCounts(TargetLabels labels) =>
        labels.Task == TaskKind.Regression
            ? []
            : [.. labels.Column.TopCodes(int.MaxValue).Select(code => new ValueCount(labels.Column.Values[code], labels.Column.Counts[code]))];

    private static LabelSummary Summary(TargetLabels labels, List<ValueCount> classes)
    {
        var positive = labels.Task == TaskKind.Binary && labels.Positive >= 0 ? labels.ClassName(labels.Positive) : null;
        var values = labels.Task == TaskKind.Regression && !labels.Column.Numbers.IsEmpty ? labels.Column.Numbers.Summary() : null;
        return new LabelSummary(labels.Column.Name, labels.Task, labels.Labelled, labels.Missing, positive, classes, values);
    }
}
