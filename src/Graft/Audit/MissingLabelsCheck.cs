using Graft.UseCases;

namespace Graft.Audit;

/// <summary>
/// <c>missing_labels</c>: rows whose target is missing (for regression, also not a number). They are dropped from
/// training; a few is a warning, <see cref="BlockingShare"/> or more blocks, because the rows that lack a label are
/// rarely a random sample.
/// </summary>
internal static class MissingLabelsCheck
{
    public const double BlockingShare = 0.01;

    public static AuditFinding? Run(TargetLabels labels)
    {
        if (labels.Missing == 0)
        {
            return null;
        }
        var rows = labels.Column.Rows;
        var share = (double)labels.Missing / rows;
        var what = labels.Task == TaskKind.Regression ? "missing or not a number" : "missing";
        var message = $"The target {labels.Column.Name} is {what} in {Wording.Count(labels.Missing)} of {Wording.Rows(rows)} " +
            $"({Wording.Percent(share)}); these rows will be dropped from training";
        if (share >= BlockingShare)
        {
            message += ", and so many unlabelled rows are rarely a random sample: find out why they lack a label";
        }
        return new AuditFinding(FindingCodes.MissingLabels, share >= BlockingShare ? Severity.Blocking : Severity.Warning,
            labels.Column.Name, message, new Dictionary<string, double>
            {
                ["missing"] = labels.Missing,
                ["rows"] = rows,
                ["share"] = share,
            });
    }
}
