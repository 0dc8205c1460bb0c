using Graft.Audit;
using Graft.Training;
using Graft.UseCases;

namespace Graft.Tests.UseCases;

/// <summary>The audit and training must take the same class as positive, or the audit reports on another label than the model learns.</summary>
public class PositiveClassTests
{
    [Theory]
    [InlineData(new[] { " No", " Yes" }, null, " Yes")] // spaces the CSV kept: the audit used to miss these
    [InlineData(new[] { "0", "1" }, null, "1")]
    [InlineData(new[] { "churned", "stayed" }, "stayed", "stayed")]
    [InlineData(new[] { "FALSE", "TRUE" }, null, "TRUE")]
    public void The_audit_and_training_pick_the_same_positive_class(string[] classes, string? declared, string expected)
    {
        var spec = SpecReader.Parse("id: toy\ntitle: Toy\ntask: binary\ntarget: {column: label" + (declared is null ? "" : $", positive: '{declared}'") + "}\n", "s.yaml");
        string?[] values = [.. classes, .. classes, classes[0]];

        var training = LabelEncoding.Create(spec, values).Positive;
        var audit = TargetLabels.Read(new FieldColumn("label", values), spec);

        Assert.Equal(expected, training);
        Assert.Equal(expected, audit.ClassName(audit.Positive));
    }

    [Fact]
    public void Without_a_yes_spelling_or_a_declared_class_there_is_no_positive_class()
    {
        Assert.Null(PositiveClass.Pick(["churned", "stayed"], null));
        Assert.Null(PositiveClass.Pick(["churned", "stayed"], "gone"));
    }
}
