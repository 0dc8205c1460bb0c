using Graft.Data;
using Graft.Registry;
using Graft.Serving;
using Graft.Storage;
using Graft.Training;
using Graft.UseCases;

namespace Graft.ModelTests;

/// <summary>
/// <c>graft evaluate</c>: a registered version's model tests, under its use case's current spec, on any labelled file
/// (a team's own holdout, last month's outcomes), scored by the scorer serving uses; or, without a file, the tests its
/// training run stored.
/// </summary>
public sealed class ModelEvaluation(GraftHome home)
{
    public async Task<ModelTestResult> StoredAsync(string version, CancellationToken cancellationToken)
    {
        var v = await new ModelRegistry(home).GetAsync(version, cancellationToken);
        var (_, revision) = await new UseCaseCatalog(home).GetAsync(v.UseCaseId, cancellationToken);
        // acknowledged as the spec says now: one made since training counts
        return v.ModelTests()?.Under(revision.Spec()) ?? throw GraftException.NotFound($"{version} was registered without model tests; give a labelled file with --test-data to run them");
    }

    public async Task<ModelTestResult> RunAsync(string version, string testFile, CancellationToken cancellationToken)
    {
        var registered = await new ModelRegistry(home).GetAsync(version, cancellationToken);
        var (_, revision) = await new UseCaseCatalog(home).GetAsync(registered.UseCaseId, cancellationToken);
        var spec = revision.Spec();
        var model = await LoadedModel.LoadAsync(home, version, cancellationToken);
        var card = model.Card;
        var file = await DelimitedFile.ReadFileAsync(testFile, cancellationToken);
        var plan = new FeaturePlan([.. card.Inputs], new Dictionary<string, string>());
        TrainingRunner.ThrowIfTestFileLacks(spec, plan, file); // the same checks as training's --test-data
        var labels = new LabelEncoding(card.Task, card.Positive, card.Classes);
        var target = file.Column(spec.TargetColumn);
        var kept = new List<int>();
        var encoded = new List<float>();
        for (var i = 0; i < file.RowCount; i++)
        {
            if (labels.TryEncode(target[i], out var label))
            {
                kept.Add(i);
                encoded.Add(label);
            }
        }
        if (kept.Count == 0)
        {
            throw GraftException.Invalid($"no row of the test file has a usable '{spec.TargetColumn}' ({(card.Task == TaskKind.Regression ? "a number" : string.Join(" or ", card.Classes))})");
        }
        var frame = kept.Count == file.RowCount ? file : file.Rows(kept);
        var schema = SchemaInference.Infer(frame);
        ModelTestSuite.Check(spec, plan, frame);
        var labelArray = encoded.ToArray();
        // Without a rule the baseline is a prior; with no training rows at hand it is counted on the file's own labels.
        var baseline = new RuleBaseline(spec, schema, labels, labelArray);
        var threshold = card.Task == TaskKind.Binary ? ModelNumbers.Threshold(card) : double.NaN;
        var rows = new TestRows(card.Task, frame, labelArray, labels.Classes,
            schema.ToDictionary(f => f.Name, f => spec.Policy(f.Name)?.Type ?? f.Type, StringComparer.Ordinal));
        var ruleUnderTest = new TestedCandidate(baseline.Name, null, baseline.Score(frame), card.Task == TaskKind.Binary ? 0.5 : double.NaN, baseline.Score);
        var candidate = new TestedCandidate(card.Candidate, version, ModelScores.Of(model, labels, frame), threshold, f => ModelScores.Of(model, labels, f));
        var masked = spec.Fields.Where(f => f.Sensitive == true || f.Log == false).Select(f => f.Name).ToHashSet(StringComparer.Ordinal);
        return ModelTestSuite.Run(spec, rows, candidate, ruleUnderTest, [.. card.Inputs.Where(i => i.Kind != InputKind.Text).Select(i => i.Field)], masked);
    }
}
