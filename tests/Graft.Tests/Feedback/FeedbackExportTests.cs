using Graft.Data;
using Graft.Feedback;
using Graft.Governance;
using Graft.Review;
using Graft.Testing;
using Graft.Tests.Review;
using Graft.Tests.Rollout;

namespace Graft.Tests.Feedback;

/// <summary>
/// The export's rows from hand-made feedback on the toy use case: outcomes superseded, observed or recorded after the
/// export's time, reviewers' overrides corrected, escalations, and which label wins, as of two times.
/// </summary>
public class FeedbackExportTests
{
    private static readonly Actor Ann = ReviewScenario.Reviewer("ann");

    private sealed record Row(string Prediction, string Label, string Source, DateTime LabelledAt);

    [Fact]
    public async Task An_export_holds_each_labelled_prediction_once_with_the_label_known_as_of_its_time_and_nothing_later()
    {
        await using var s = await ReviewScenario.CreateAsync();
        var t0 = s.Home.Now;
        var p = await s.PredictAsync(ChallengerScenario.Requests(7)); // p[0..6], each answer waiting for review
        string Flip(int i) => p[i].Label == "yes" ? "no" : "yes";
        var recorder = new OutcomeRecorder(s.Home);
        Task OutcomeAsync(int i, string label, DateTime? observedAt = null) =>
            recorder.RecordAsync("toy", [new OutcomeReport(p[i].PredictionId, null, observedAt, label, null)], TestActors.Tester, default);
        async Task<ReviewDecisionView> DecideAsync(int i, DecisionRequest request)
        {
            var claim = await s.Queue.ClaimAsync(p[i].ReviewId!, Ann, default);
            return await s.Queue.DecideAsync(p[i].ReviewId!, request with { Token = claim.Token }, Ann, default);
        }
        void At(double hours) => s.Temp.Time.SetUtcNow(new DateTimeOffset(t0.AddMinutes(Math.Round(hours * 60)), TimeSpan.Zero));

        At(1);
        await OutcomeAsync(0, "yes");
        await OutcomeAsync(1, "yes");
        var overridden = await DecideAsync(3, new DecisionRequest(ReviewDecisions.Override, Label: Flip(3), Reason: "wrong_label"));
        await DecideAsync(4, new DecisionRequest(ReviewDecisions.Override, Label: Flip(4), Reason: "wrong_label"));
        await DecideAsync(6, new DecisionRequest(ReviewDecisions.Escalate, Reason: "missing_context", EscalateTo: "maintainer"));
        At(2);
        await OutcomeAsync(0, "no"); // supersedes "yes"
        await s.Queue.DecideAsync(p[3].ReviewId!, new DecisionRequest(ReviewDecisions.Accept, Corrects: overridden.Id), Ann, default); // the model was right after all
        await OutcomeAsync(4, p[4].Label!); // the ground truth wins over the reviewer's override
        At(3);
        await DecideAsync(2, new DecisionRequest(ReviewDecisions.Override, Label: Flip(2), Reason: "wrong_label"));
        At(3 + 59 / 60.0);
        await OutcomeAsync(2, p[2].Label!, t0.AddMinutes(4 * 60 + 3)); // recorded before 4 h, observed after it (another machine's clock)
        At(5);
        await OutcomeAsync(1, "no"); // supersedes "yes", after 4 h
        await DecideAsync(5, new DecisionRequest(ReviewDecisions.Accept));
        At(6);

        var asOf = t0.AddHours(4);
        var early = await new FeedbackExport(s.Home).ExportAsync("toy", asOf, TestActors.Tester, default);
        var late = await new FeedbackExport(s.Home).ExportAsync("toy", null, TestActors.Tester, default);

        Assert.Equal(InIdOrder(
            [
                new(p[0].PredictionId, "no", LabelSource.Outcome, t0.AddHours(2)),
                new(p[1].PredictionId, "yes", LabelSource.Outcome, t0.AddHours(1)),
                new(p[2].PredictionId, Flip(2), LabelSource.Review, t0.AddHours(3)),
                new(p[3].PredictionId, p[3].Label!, LabelSource.Review, t0.AddHours(2)),
                new(p[4].PredictionId, p[4].Label!, LabelSource.Outcome, t0.AddHours(2)),
            ]),
            await RowsAsync(s, early));
        Assert.Equal(InIdOrder(
            [
                new(p[0].PredictionId, "no", LabelSource.Outcome, t0.AddHours(2)),
                new(p[1].PredictionId, "no", LabelSource.Outcome, t0.AddHours(5)),
                new(p[2].PredictionId, p[2].Label!, LabelSource.Outcome, t0.AddMinutes(4 * 60 + 3)),
                new(p[3].PredictionId, p[3].Label!, LabelSource.Review, t0.AddHours(2)),
                new(p[4].PredictionId, p[4].Label!, LabelSource.Outcome, t0.AddHours(2)),
                new(p[5].PredictionId, p[5].Label!, LabelSource.Review, t0.AddHours(5)),
            ]),
            await RowsAsync(s, late));
        Assert.Equal((5, 3, 2, asOf), (early.Rows, early.FromOutcomes, early.FromReviews, early.AsOf));
        Assert.Equal((6, 4, 2), (late.Rows, late.FromOutcomes, late.FromReviews));
        Assert.Equal((p.Take(5).Min(a => a.PredictionId), p.Take(5).Max(a => a.PredictionId)), (early.FirstPrediction, early.LastPrediction));
    }

    /// <summary>Rows as an export orders them: by prediction id (answers made in the same millisecond are in no other order).</summary>
    private static List<Row> InIdOrder(List<Row> rows) => [.. rows.OrderBy(r => r.Prediction, StringComparer.Ordinal)];

    private static async Task<List<Row>> RowsAsync(ReviewScenario s, FeedbackExportResult export)
    {
        var file = await FileAsync(s, export.Dataset);
        return [.. Enumerable.Range(0, file.RowCount).Select(r => new Row(file.Column("prediction_id")[r]!, file.Column("label")[r]!, file.Column("label_source")[r]!,
            DateTime.Parse(file.Column("labelled_at")[r]!, System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.AdjustToUniversal)))];
    }

    /// <summary>The version's file as stored, lineage columns and all.</summary>
    private static async Task<Frame> FileAsync(ReviewScenario s, string dataset)
    {
        var version = await new DatasetCatalog(s.Home).FindAsync("toy", dataset, default);
        await using var stream = await s.Home.Artifacts.OpenReadAsync(version.ArtifactKey, default);
        using var buffer = new MemoryStream();
        await stream.CopyToAsync(buffer);
        return DelimitedFile.Read(buffer.ToArray(), version.SourceName);
    }

    [Fact]
    public async Task An_export_is_a_version_of_its_use_case_with_the_inputs_as_served_and_its_lineage_which_its_data_leaves_out()
    {
        await using var s = await ReviewScenario.CreateAsync();
        var original = await new DatasetCatalog(s.Home).LatestForAsync("toy", default);
        var p = await s.PredictAsync(ChallengerScenario.Requests(3));
        await new OutcomeRecorder(s.Home).RecordAsync("toy", [.. p.Select(a => new OutcomeReport(a.PredictionId, null, null, "yes", null))], TestActors.Tester, default);
        s.Temp.Time.Advance(TimeSpan.FromMinutes(1)); // the store's clock is fake: without this the export is made at the very instant the data was imported

        var export = await new FeedbackExport(s.Home).ExportAsync("toy", null, TestActors.Tester, default);

        var catalog = new DatasetCatalog(s.Home);
        var version = await catalog.FindAsync("toy", export.Dataset, default);
        var file = await FileAsync(s, export.Dataset);
        Assert.Equal(["prediction_id", "predicted_at", "x", "colour", "id", "label", "label_source", "labelled_at"], file.Names);
        var sent = ChallengerScenario.Requests(3).Zip(p).OrderBy(pair => pair.Second.PredictionId, StringComparer.Ordinal).Select(pair => pair.First).ToList();
        Assert.Equal(sent.Select(r => r.EntityId), file.Column("id")); // the entity, from the record: the requests sent it beside the inputs
        Assert.Equal(sent.Select(r => r.Inputs!["x"].AsText()), file.Column("x"));
        Assert.Equal(["x", "colour", "id", "label"], (await catalog.LoadAsync(version, default)).Names);
        Assert.Equal(["x", "colour", "id", "label"], version.DataSchema().Select(f => f.Name));
        var lineage = version.Lineage()!;
        Assert.Equal(("toy", 3, 0, 0), (lineage.UseCase, lineage.FromOutcomes, lineage.FromReviews, lineage.Masked.Count));
        Assert.Equal(["prediction_id", "predicted_at", "label_source", "labelled_at"], lineage.Columns);
        Assert.Equal([export.Dataset, original.Id], (await catalog.ListAsync("toy", default)).Select(v => v.Id));
        Assert.Equal(original.Id, (await catalog.LatestForAsync("toy", default)).Id); // an export is never the default for training
        var entry = Assert.Single(await new TrailReader(s.Home).ListAsync(new TrailFilter("toy"), default), e => e.Act == TrailActs.DataExported);
        Assert.Equal(export.Dataset, entry.Subject);
        Assert.Contains("\"from_outcomes\":3", entry.After, StringComparison.Ordinal);

        var again = await new FeedbackExport(s.Home).ExportAsync("toy", export.AsOf, TestActors.Tester, default);
        Assert.Equal((export.Dataset, false), (again.Dataset, again.Created)); // the same time again: the same bytes
    }

    [Fact]
    public async Task No_labelled_prediction_an_unknown_use_case_and_a_time_to_come_are_refused_and_nothing_is_written()
    {
        await using var s = await ReviewScenario.CreateAsync();
        var p = await s.PredictAsync(ChallengerScenario.Requests(2));
        s.Temp.Time.Advance(TimeSpan.FromHours(1));
        await new OutcomeRecorder(s.Home).RecordAsync("toy", [new OutcomeReport(p[0].PredictionId, null, null, "yes", null)], TestActors.Tester, default);
        var export = new FeedbackExport(s.Home);

        var none = await Assert.ThrowsAsync<GraftException>(() => export.ExportAsync("toy", s.Home.Now.AddMinutes(-30), TestActors.Tester, default));
        var unknown = await Assert.ThrowsAsync<GraftException>(() => export.ExportAsync("nope", null, TestActors.Tester, default));
        var future = await Assert.ThrowsAsync<GraftException>(() => export.ExportAsync("toy", s.Home.Now.AddDays(1), TestActors.Tester, default));

        Assert.Equal(FailureKind.NotFound, none.Kind);
        Assert.Contains("no prediction with an outcome or a reviewer's label", none.Message, StringComparison.Ordinal);
        Assert.Contains("nothing was exported", none.Message, StringComparison.Ordinal);
        Assert.Equal(FailureKind.NotFound, unknown.Kind);
        Assert.Equal(FailureKind.Invalid, future.Kind);
        Assert.Single(await new DatasetCatalog(s.Home).ListAsync("toy", default));
        Assert.DoesNotContain(await new TrailReader(s.Home).ListAsync(new TrailFilter("toy"), default), e => e.Act == TrailActs.DataExported);
    }
}
