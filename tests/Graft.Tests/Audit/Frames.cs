using Graft.Audit;
using Graft.Data;
using Graft.UseCases;

namespace Graft.Tests.Audit;

/// <summary>Small hand-made frames and specs for audit tests, written column by column so the numbers can be checked by hand.</summary>
internal static class Frames
{
    public static Frame Of(params (string Name, string?[] Values)[] columns) =>
        new([.. columns.Select(c => c.Name)], [.. columns.Select(c => c.Values)]);

    /// <summary><paramref name="count"/> labels, "yes" with probability <paramref name="share"/>, the same for the same seed.</summary>
    public static string?[] Labels(int count, double share = 0.5, int seed = 1)
    {
        var random = new Random(seed);
        return [.. Enumerable.Range(0, count).Select(_ => random.NextDouble() < share ? "yes" : "no")];
    }

    /// <summary>Exactly <paramref name="yes"/> "yes" labels and <paramref name="no"/> "no" labels.</summary>
    public static string?[] Labels(int yes, int no) => [.. Enumerable.Repeat<string?>("yes", yes), .. Enumerable.Repeat<string?>("no", no)];

    public static string?[] Each(int count, Func<int, string?> value) => [.. Enumerable.Range(0, count).Select(value)];

    public static string?[] Random(int count, int seed, params string[] choices)
    {
        var random = new Random(seed);
        return [.. Enumerable.Range(0, count).Select(_ => choices[random.Next(choices.Length)])];
    }

    public static UseCaseSpec Spec(TaskKind task = TaskKind.Binary, string target = "label") => new()
    {
        Id = "test-case",
        Title = "test",
        Task = task,
        TargetColumn = target,
        TargetPositive = task == TaskKind.Binary ? "yes" : null,
        Metric = task == TaskKind.Binary ? "roc_auc" : task == TaskKind.Multiclass ? "accuracy" : "rmse",
    };

    public static AuditReport RunAudit(Frame frame, UseCaseSpec? spec = null) => DataAuditor.Run(frame, spec ?? Spec(), "test.csv");

    public static AuditFinding Single(this AuditReport report, string code, string? field) =>
        Assert.Single(report.Findings, f => f.Code == code && f.Field == field);

    public static bool Has(this AuditReport report, string code, string? field) =>
        report.Findings.Any(f => f.Code == code && f.Field == field);
}
