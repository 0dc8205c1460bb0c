using Graft.Review;
using Graft.Tests.Rollout;
using Graft.UseCases;

namespace Graft.Tests.Review;

/// <summary>Which answers the review policy sends to people, and that each one's item is in the queue with its answer.</summary>
public class ReviewRoutingTests
{
    private static readonly Dictionary<string, Graft.Data.FieldType> NoData = [];

    [Fact]
    public async Task Answers_in_the_band_go_to_review_with_an_item_and_the_others_are_auto()
    {
        await using var s = await ReviewScenario.CreateAsync($"band: [0.35, 0.65], warnings: false, {ReviewScenario.Reasons}");
        var answers = await s.PredictAsync(ChallengerScenario.Requests(60));

        var inBand = answers.Where(a => a.Score is >= 0.35 and <= 0.65).ToList();
        Assert.NotEmpty(inBand);
        Assert.True(inBand.Count < answers.Count, "the toy model is sure of most rows");
        Assert.All(inBand, a => Assert.Equal(("review", true), (a.Route, a.ReviewId is not null)));
        Assert.All(answers.Except(inBand), a => Assert.Equal(("auto", true), (a.Route, a.ReviewId is null)));
        var items = await s.Queue.ListAsync(new ReviewFilter("toy"), default);
        Assert.Equal(inBand.Select(a => (a.ReviewId, a.PredictionId, a.Label)).OrderBy(x => x.ReviewId),
            items.Select(i => ((string?)i.Id, i.PredictionId, i.Label)).OrderBy(x => x.Item1));
        Assert.All(items, i => Assert.Equal((ReviewStates.Pending, SelectedBy.Band), (i.State, i.SelectedBy)));
    }

    [Fact]
    public async Task In_assist_every_answer_the_model_gives_in_the_cohort_goes_to_review()
    {
        await using var s = await ReviewScenario.CreateAsync($"band: [0.4, 0.41], {ReviewScenario.Reasons}", stage: "assist");
        var answers = await s.PredictAsync(ChallengerScenario.Requests(20));

        Assert.All(answers, a => Assert.Equal(("review", true), (a.Route, a.ReviewId is not null)));
        Assert.Equal(20, (await s.Queue.ListAsync(new ReviewFilter("toy", SelectedBy: SelectedBy.Assist), default)).Count);
    }

    [Fact]
    public async Task A_rule_over_inputs_and_answer_selects_exactly_the_rows_it_is_true_for()
    {
        await using var s = await ReviewScenario.CreateAsync($"when: \"x > 5 and score > 0.5\", {ReviewScenario.Reasons}");
        var requests = ChallengerScenario.Requests(40);
        var answers = await s.PredictAsync(requests);

        for (var i = 0; i < answers.Count; i++)
        {
            var expected = requests[i].Inputs!["x"].Number > 5 && answers[i].Score > 0.5;
            Assert.Equal(expected, answers[i].Route == "review");
        }
        Assert.Contains(answers, a => a.Route == "review");
    }

    [Fact]
    public void Selectors_take_answers_with_warnings_uncertain_answers_of_a_high_risk_use_case_and_the_sample()
    {
        var spec = SpecReader.Parse(Testing.ToyData.Spec + "\nrisk: high\nreview: { reasons: [wrong] }\n");
        var policy = spec.Review!;
        var sure = new Graft.Serving.ModelOutput("yes", 0.97, null, null, []);
        var inputs = new Dictionary<string, Graft.Serving.InputValue> { ["x"] = Graft.Serving.InputValue.Of(9), ["colour"] = Graft.Serving.InputValue.Of("red") };
        Graft.Serving.InputWarning[] warned = [new("colour", "unseen_category", "not seen")];

        Assert.Null(policy.Select(spec, NoData, Graft.Rollout.Stage.Auto, sure, "high", [], inputs));
        Assert.Equal(SelectedBy.Warnings, policy.Select(spec, NoData, Graft.Rollout.Stage.Auto, sure, "medium", warned, inputs));
        Assert.Equal(SelectedBy.Risk, policy.Select(spec, NoData, Graft.Rollout.Stage.Auto, sure, "medium", [], inputs));
        Assert.Null((policy with { Warnings = false }).Select(spec with { Risk = "medium" }, NoData, Graft.Rollout.Stage.Auto, sure, "medium", warned, inputs));
        Assert.Equal(SelectedBy.Sample, (policy with { SamplePercent = 100 }).Select(spec, NoData, Graft.Rollout.Stage.Auto, sure, "high", [], inputs));
        var sampled = Enumerable.Range(0, 10_000).Count(_ => (policy with { SamplePercent = 10 }).Select(spec, NoData, Graft.Rollout.Stage.Auto, sure, "high", [], inputs) is not null);
        Assert.InRange(sampled, 880, 1120); // 10 % of 10,000, within four standard deviations (30)
    }

    [Fact]
    public void A_when_rule_reads_a_field_the_spec_does_not_type_as_the_data_typed_it_not_as_text()
    {
        var spec = SpecReader.Parse(Testing.ToyData.Spec + "\nreview: { when: \"vip == true and x > 5\", reasons: [wrong] }\n");
        var dataFields = new Dictionary<string, Graft.Data.FieldType> { ["vip"] = Graft.Data.FieldType.Boolean, ["x"] = Graft.Data.FieldType.Number };
        var sure = new Graft.Serving.ModelOutput("yes", 0.97, null, null, []);
        Dictionary<string, Graft.Serving.InputValue> Inputs(bool vip) => new() { ["vip"] = Graft.Serving.InputValue.Of(vip), ["x"] = Graft.Serving.InputValue.Of(9) };

        Assert.Equal(SelectedBy.Rule, spec.Review!.Select(spec, dataFields, Graft.Rollout.Stage.Auto, sure, "high", [], Inputs(true)));
        Assert.Null(spec.Review!.Select(spec, dataFields, Graft.Rollout.Stage.Auto, sure, "high", [], Inputs(false)));
    }

    [Fact]
    public void A_when_rule_naming_a_field_the_data_lacks_is_refused_against_the_data_and_the_answer_names_are_not()
    {
        var frame = Graft.Data.DelimitedFile.Read(System.Text.Encoding.UTF8.GetBytes(Testing.ToyData.Csv(20)), "toy.csv");
        var typo = SpecReader.Parse(Testing.ToyData.Spec + "\nreview: { when: \"colur == 'red'\", reasons: [wrong] }\n");
        var fine = SpecReader.Parse(Testing.ToyData.Spec + "\nreview: { when: \"colour == 'red' and score > 0.4 and confidence != 'high'\", reasons: [wrong] }\n");

        Assert.Contains(SpecDataCheck.Check(typo, frame), e => e.Key == "review.when" && e.Message.Contains("colur", StringComparison.Ordinal));
        Assert.DoesNotContain(SpecDataCheck.Check(fine, frame), e => e.Key == "review.when");
    }

    [Theory]
    [InlineData("review: { band: [0.7, 0.3], reasons: [a] }", "review.band")]
    [InlineData("review: { band: [0.3], reasons: [a] }", "review.band")]
    [InlineData("review: { when: \"x >\", reasons: [a] }", "review.when")]
    [InlineData("review: { band: [0.3, 0.6] }", "review.reasons")]
    [InlineData("review: { overlap: 0, reasons: [a] }", "review.overlap")]
    [InlineData("review: { claim: 5, reasons: [a] }", "review.claim")]
    public void A_review_policy_that_cannot_work_is_refused_naming_its_key(string yaml, string key)
    {
        var error = Assert.Throws<SpecException>(() => SpecReader.Parse(Testing.ToyData.Spec + "\n" + yaml + "\n"));
        Assert.Contains(error.Errors, e => e.Key.StartsWith(key, StringComparison.Ordinal));
    }
}
