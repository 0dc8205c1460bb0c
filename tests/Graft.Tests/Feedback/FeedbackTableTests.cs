using Graft.Feedback;
using Graft.Review;
using Graft.Serving;
using Graft.UseCases;

namespace Graft.Tests.Feedback;

/// <summary>An export's rows and columns from log records, for a regression: values, masks, fields filled from the record, and clashes.</summary>
public class FeedbackTableTests
{
    private static readonly DateTime At = new(2026, 3, 1, 8, 30, 0, DateTimeKind.Utc);

    private static readonly UseCaseSpec Spec = new()
    {
        Id = "stay", Title = "Stay", Task = TaskKind.Regression, TargetColumn = "days", Metric = "rmse", Entity = "customer",
        Timestamp = new TimestampSpec("booked_at"), Exclude = ["notes"],
    };

    private static PredictionRecord Record(string id, string? entity, string inputs) =>
        new(id, "stay", At, "stay-v1", "auto", "auto", null, entity, inputs, "{}", 1, null);

    private static FeedbackLabel Label(string id, double value, string source) => new(id, null, value, source, At.AddDays(2));

    [Fact]
    public void A_regression_exports_values_masks_as_missing_and_fills_the_fields_the_spec_names_from_the_record()
    {
        PredictionRecord[] records =
        [
            Record("b", "c2", """{"amount":null,"region":"north"}"""),
            Record("a", "c1", """{"amount":12.5,"email":"••••••","vip":true}"""),
            Record("c", "c3", "{}"), // retention dropped its inputs
        ];
        var labels = new Dictionary<string, FeedbackLabel>
        {
            ["a"] = Label("a", 3.5, LabelSource.Outcome), ["b"] = Label("b", 7, LabelSource.Review), ["c"] = Label("c", 1, LabelSource.Outcome),
        };

        var table = FeedbackTable.Build(Spec, records, labels);

        var f = table.Frame; // columns in the order the rows, by id, first show them
        Assert.Equal(["prediction_id", "predicted_at", "amount", "email", "vip", "region", "customer", "booked_at", "notes", "days", "label_source", "labelled_at"], f.Names);
        var rows = Enumerable.Range(0, f.RowCount).Select(r => string.Join(",", f.Names.Select(n => f.Column(n)[r] ?? "∅"))).ToList();
        Assert.Equal("a,2026-03-01T08:30:00.000Z,12.5,∅,true,∅,c1,2026-03-01T08:30:00.000Z,∅,3.5,outcome,2026-03-03T08:30:00.000Z", rows[0]);
        Assert.Equal("b,2026-03-01T08:30:00.000Z,∅,∅,∅,north,c2,2026-03-01T08:30:00.000Z,∅,7,review,2026-03-03T08:30:00.000Z", rows[1]);
        Assert.Equal((2, 1, 1, 1), (f.RowCount, table.FromOutcomes, table.FromReviews, table.WithoutInputs));
        Assert.Equal(["email"], table.Masked);
    }

    [Fact]
    public void An_input_named_like_a_lineage_column_is_refused_naming_it()
    {
        var refused = Assert.Throws<GraftException>(() => FeedbackTable.Build(Spec, [Record("a", "c1", """{"label_source":"crm"}""")],
            new Dictionary<string, FeedbackLabel> { ["a"] = Label("a", 1, LabelSource.Outcome) }));

        Assert.Equal(FailureKind.Invalid, refused.Kind);
        Assert.Contains("'label_source'", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_regression_label_is_a_value_and_a_decision_or_outcome_without_one_gives_none()
    {
        var asOf = At.AddDays(10);
        Outcome[] outcomes = [new() { Id = "o1", PredictionId = "a", ObservedAt = At, RecordedAt = At, Value = 4 }, new() { Id = "o2", PredictionId = "b", ObservedAt = At, RecordedAt = At }];
        ReviewDecision[] decisions =
        [
            new() { Id = "d1", PredictionId = "a", At = At, Decision = ReviewDecisions.Override, Value = 9 },
            new() { Id = "d2", PredictionId = "c", At = At, Decision = ReviewDecisions.Accept, Value = null },
            new() { Id = "d3", PredictionId = "d", At = At, Decision = ReviewDecisions.Accept, Value = 2 },
        ];

        var labels = FeedbackLabels.Resolve(outcomes, decisions, TaskKind.Regression, asOf);

        Assert.Equal([("a", 4.0, LabelSource.Outcome), ("d", 2.0, LabelSource.Review)], labels.Values.OrderBy(l => l.PredictionId).Select(l => (l.PredictionId, l.Value!.Value, l.Source)));
    }
}
