using Graft.Data;
using Graft.ModelTests;
using Graft.UseCases;

namespace Graft.Tests.ModelTests;

/// <summary>Small test tables built by hand: named columns, labels, and a candidate whose scores are given or computed from the rows.</summary>
internal static class ModelTestTables
{
    public static TestRows Rows(IReadOnlyDictionary<string, string?[]> columns, float[] labels, TaskKind task = TaskKind.Binary, params string[] numeric)
    {
        var names = columns.Keys.ToList();
        var frame = new Frame(names, [.. names.Select(n => columns[n])]);
        var types = names.ToDictionary(n => n, n => numeric.Contains(n) ? FieldType.Number : FieldType.Category);
        IReadOnlyList<string> classes = task == TaskKind.Binary ? ["no", "yes"] : [];
        return new TestRows(task, frame, labels, classes, types);
    }

    public static TestedCandidate Fixed(double[] scores, double threshold = 0.5, string name = "model") =>
        new(name, name == "rule" ? null : $"{name}-v1", scores, threshold, null);

    /// <summary>A candidate scoring each row from one numeric field by <paramref name="score"/>, for frames changed by an expectation too.</summary>
    public static TestedCandidate Computed(TestRows rows, string field, Func<double, string?, double> score, string? other = null)
    {
        double[] Score(Frame f) => [.. Enumerable.Range(0, f.RowCount).Select(i => score(Values.Number(f.Column(field)[i]), other is null ? null : f.Column(other)[i]))];
        return new TestedCandidate("model", "m-v1", Score(rows.Frame), 0.5, Score);
    }

    public static UseCaseSpec Spec(string extra, string metric = "accuracy") => SpecReader.Parse($"""
        id: tested
        title: Tested
        task: binary
        target: {"{"} column: label, positive: "yes" {"}"}
        metric: {metric}
        {extra}
        """);
}
