using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Graft.Audit;
using Graft.Data;
using Graft.Governance;
using Graft.ModelTests;
using Graft.Monitoring;
using Graft.Registry;
using Graft.Serving;
using Graft.Storage;
using Graft.UseCases;
using Microsoft.ML;

namespace Graft.Training;

/// <summary>
/// A training run end to end: load the use case's data, refuse while the audit has unresolved blocking
/// findings, split, score the rule baseline, search each model family on a validation split, evaluate
/// everything on the same test rows, apply the baseline gate, and register every model with its lineage.
/// </summary>
public sealed class TrainingRunner(GraftHome home)
{
    /// <summary>The share of the training rows held out to choose settings, stop trees early and pick the threshold.</summary>
    public const double ValidationFraction = 0.15;

    /// <summary>Trains as <paramref name="request"/> asks; the run is an act of <paramref name="actor"/> in the audit trail.</summary>
    public async Task<TrainingResult> RunAsync(TrainingRequest request, Actor actor, IProgress<TrainingProgress>? progress, CancellationToken cancellationToken)
    {
        var (useCase, revision) = await new UseCaseCatalog(home).GetAsync(request.UseCase, cancellationToken);
        var spec = revision.Spec();
        var versions = await TrainingData.FindAsync(home, spec, request.Datasets ?? [], cancellationToken);
        progress?.Report(new TrainingProgress("loading data", 0.02));
        var data = await TrainingData.LoadAsync(home, versions, cancellationToken);
        var frame = data.Frame;
        var testFrame = request.TestFile is null ? null
            : await DelimitedFile.ReadFileAsync(request.TestFile, cancellationToken);

        progress?.Report(new TrainingProgress("auditing", 0.05));
        var audit = await new DatasetAudits(home).RecordedOrRunAsync(spec, revision.Revision, data.Key, frame, cancellationToken);
        if (audit.Blocking > 0)
        {
            var blockers = audit.Findings.Where(f => f.Severity == Severity.Blocking && !f.Acknowledged).Select(f => $"{f.Code} on {f.Field ?? "the dataset"}");
            throw GraftException.Blocked($"the audit of {data.Key} has {audit.Blocking} unresolved blocking finding(s): {string.Join(", ", blockers)}; exclude the field or acknowledge it in the spec (graft audit shows why)");
        }
        var notTrainable = audit.Fields.Where(f => !f.Use.Train).ToDictionary(f => f.Name, f => f.Use.Reason, StringComparer.Ordinal);
        var schema = data.Schema;
        var plan = FeaturePlan.Create(spec, schema, notTrainable);
        ModelTestSuite.Check(spec, plan, frame);
        var labels = LabelEncoding.Create(spec, frame.Column(spec.TargetColumn));
        var table = TrainingTable.Create(frame, spec.TargetColumn, plan, labels);

        DataSplit split;
        TrainingTable trainAll, test;
        Frame testSource;
        if (testFrame is null)
        {
            split = DataSplit.Create(table, frame, spec);
            (trainAll, test, testSource) = (table.Subset(split.Train), table.Subset(split.Test), frame);
        }
        else
        {
            ThrowIfTestFileLacks(spec, plan, testFrame);
            test = TrainingTable.Create(testFrame, spec.TargetColumn, plan, labels);
            split = DataSplit.WithTestFile(table.RowCount, test.RowCount, Path.GetFileName(request.TestFile!));
            (trainAll, testSource) = (table, testFrame);
        }
        var (fitRows, validationRows) = DataSplit.Stratified(trainAll, ValidationFraction, spec.Split.Seed);
        var fit = trainAll.Subset(fitRows);
        var validation = trainAll.Subset(validationRows);

        LineageDataset[] learnedFrom = [.. data.Versions.Select(v => new LineageDataset(v.Id, v.Sha256, v.Rows))];
        var runId = $"run-{home.Now:yyyyMMddHHmmss}-{Guid.NewGuid().ToString("N")[..6]}";
        var started = home.Now;
        var candidates = new List<CandidateResult>();
        var k = labels.Task == TaskKind.Multiclass ? labels.Classes.Count : 1;

        progress?.Report(new TrainingProgress("scoring the rule baseline", 0.1));
        var baseline = new RuleBaseline(spec, schema, labels, trainAll.Label);
        var baselineScores = baseline.Score(testSource, test.SourceRows);
        var timedRows = testSource.Rows([.. test.SourceRows.Take(TimedRows)]); // the rule and every model are timed on the same rows
        int[] everyTimedRow = [.. Enumerable.Range(0, timedRows.RowCount)];
        var baselineMicros = MicrosecondsPerRow(() => baseline.Score(timedRows, everyTimedRow), timedRows.RowCount);
        var baselineThreshold = labels.Task == TaskKind.Binary ? 0.5 : double.NaN;
        var baselineMetrics = Evaluator.Evaluate(spec.Task, test.Label, baselineScores, labels.Classes.Count, baselineThreshold);
        var testRows = new TestRows(spec.Task, testSource.Rows(test.SourceRows), test.Label, labels.Classes,
            schema.ToDictionary(f => f.Name, f => spec.Policy(f.Name)?.Type ?? f.Type, StringComparer.Ordinal));
        var tested = new List<TestedCandidate> { new(baseline.Name, null, baselineScores, baselineThreshold, baseline.Score) };
        candidates.Add(new CandidateResult(baseline.Name, "rule", null, null, baseline.Text, baselineMetrics.Values,
            labels.Task == TaskKind.Binary ? baselineThreshold : null, 0, baselineMicros, []));

        var ml = new MLContext(seed: spec.Split.Seed);
        var families = TrainerCatalog.For(spec.Task, labels.Classes.Count).Where(c => spec.Trainers.Contains(c.Family)).GroupBy(c => c.Family).ToList();
        var number = await new ModelRegistry(home).NextNumberAsync(useCase.Id, cancellationToken);
        var pending = new List<(PendingModel Model, TrainedModel Trained)>();
        var testView = test.ToDataView();
        for (var f = 0; f < families.Count; f++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var share = 0.15 + 0.75 * f / families.Count;
            progress?.Report(new TrainingProgress($"training {families[f].Key}", share));
            var trained = ModelSearch.Run(ml, spec, fit, validation, [.. families[f]], spec.Split.Seed,
                step => progress?.Report(new TrainingProgress($"training {step}", share)));
            var scores = ScoreReader.Read(trained.Model.Transform(testView), spec.Task, labels.Classes.Count);
            var metrics = Evaluator.Evaluate(spec.Task, test.Label, scores, labels.Classes.Count, trained.Threshold);
            var version = ModelRegistry.ModelVersionId(useCase.Id, number);
            double? threshold = labels.Task == TaskKind.Binary ? trained.Threshold : null;

            var reference = ReferenceProfile.Create(fit, trained.ValidationScores, k, labels.Classes, labels.Task == TaskKind.Binary ? validation.Label : null);
            var lineage = new ModelLineage(useCase.Id, runId, families[f].Key, trained.Config.Trainer,
                JsonSerializer.Serialize(trained.Config.Parameters), spec.Split.Seed, learnedFrom, revision.Revision,
                JsonSerializer.Serialize(new { split.Kind, split.Description, train = fit.RowCount, validation = validation.RowCount, test = test.RowCount }),
                JsonSerializer.Serialize(metrics.Values), threshold, JsonSerializer.Serialize(reference, ModelRegistry.Json));
            var inputs = InputDomains.Measure(spec, fit, trained.Model.GetOutputSchema(fit.ToDataView().Schema));
            var card = new ModelCard(version, useCase.Id, spec.Task, families[f].Key, trained.Config.Trainer, inputs, labels.Classes, labels.Positive, threshold, trained.Features);
            var artifact = Save(ml, trained.Model, test);
            card = card with { LeafCover = LeafCover(card, artifact, frame, fit) };
            var served = LoadedModel.Load(card, artifact);
            var micros = ServingMicrosecondsPerRow(served, timedRows);
            tested.Add(new TestedCandidate(families[f].Key, version, scores, trained.Threshold, rows => ModelScores.Of(served, labels, rows)));
            candidates.Add(new CandidateResult(families[f].Key, "model", version, trained.Config.Trainer, trained.Config.Describe(),
                metrics.Values, threshold, trained.TrainTime.TotalSeconds, micros, trained.Tried));
            pending.Add((new PendingModel(number, lineage, artifact, card), trained));
            number++;
        }

        progress?.Report(new TrainingProgress("testing the models", 0.9));
        var searched = plan.Inputs.Where(i => i.Kind != InputKind.Text).Select(i => i.Field).ToList();
        var masked = audit.Fields.Where(f => f.Use.Sensitive || !f.Use.Log).Select(f => f.Name).ToHashSet(StringComparer.Ordinal);
        for (var c = 0; c < candidates.Count; c++)
        {
            var tests = ModelTestSuite.Run(spec, testRows, tested[c], c == 0 ? null : tested[0], searched, masked);
            candidates[c] = candidates[c] with { ModelTests = tests };
            if (c > 0)
            {
                var p = pending[c - 1];
                pending[c - 1] = p with { Model = p.Model with { Lineage = p.Model.Lineage with { ModelTestsJson = JsonSerializer.Serialize(tests, ModelRegistry.Json) } } };
            }
        }

        progress?.Report(new TrainingProgress("registering", 0.95));
        var best = pending.Aggregate((a, b) => Training.Evaluation.MetricCatalog.IsBetter(spec.Metric, b.Trained.Validation[spec.Metric], a.Trained.Validation[spec.Metric]) ? b : a);
        var bestResult = candidates.First(c => c.Version == best.Model.Card.Version);
        var gate = Gate(spec, bestResult, candidates[0]);
        var result = new TrainingResult(runId, useCase.Id, learnedFrom[0].Id, revision.Revision, spec.Metric,
            new SplitSummary(split.Kind, fit.RowCount, validation.RowCount, test.RowCount, split.Description),
            candidates, best.Model.Card.Version, gate, null, plan.LeftOut, [.. learnedFrom.Select(d => d.Id)]);
        var champion = await new ModelRegistry(home).RegisterRunAsync(new TrainingRun(runId, useCase.Id, revision.Revision, learnedFrom[0].Id, started),
            [.. pending.Select(p => p.Model)], gate.Passed && request.MayCrown ? best.Model.Card.Version : null,
            (run, champion) => run.Finish(result.Best, gate.Passed, JsonSerializer.Serialize(result with { Champion = champion }, ModelRegistry.Json), home.Now),
            actor, cancellationToken);
        result = result with { Champion = champion };
        progress?.Report(new TrainingProgress("done", 1));
        return result;
    }

    /// <summary>
    /// A test file must carry the target and what the models and the rule read. (The dataset itself was checked
    /// against the spec by its audit.) A field it lacks would be scored as missing on
    /// every row, and the comparison between models and rule would mislead without saying so.
    /// </summary>
    internal static void ThrowIfTestFileLacks(UseCaseSpec spec, FeaturePlan plan, Frame testFrame)
    {
        if (!testFrame.Contains(spec.TargetColumn))
        {
            throw GraftException.Invalid($"the test file has no target column '{spec.TargetColumn}'");
        }
        var missing = plan.Inputs.Select(i => i.Field).Where(f => !testFrame.Contains(f)).ToList();
        if (spec.ModelTests.Slices.Concat(spec.Protected).FirstOrDefault(f => !testFrame.Contains(f)) is { } measured)
        {
            throw GraftException.Invalid($"the test file has no field '{measured}', which the model tests slice or compare groups by");
        }
        if (missing.Count > 0)
        {
            throw GraftException.Invalid($"the test file lacks {missing.Count} input field(s) the models use: {string.Join(", ", missing.Take(10))}{(missing.Count > 10 ? ", …" : "")}");
        }
        if (spec.Rule is { } rule && UseCases.SpecDataCheck.RuleProblem(rule, testFrame.Names) is { } problem)
        {
            throw GraftException.Invalid($"the test file does not fit the rule: {problem}");
        }
    }

    internal static GateResult Gate(UseCaseSpec spec, CandidateResult best, CandidateResult baseline)
    {
        var b = best.Metrics.GetValueOrDefault(spec.Metric, double.NaN);
        var r = baseline.Metrics.GetValueOrDefault(spec.Metric, double.NaN);
        if (double.IsNaN(b) || double.IsNaN(r))
        {
            return new GateResult(false, spec.Metric, spec.BaselineMargin, b, r, null, $"{spec.Metric} is undefined on the test rows");
        }
        var improvement = Training.Evaluation.MetricCatalog.Improvement(spec.Metric, b, r);
        var reason = string.Create(CultureInfo.InvariantCulture,
            $"{best.Name} {spec.Metric} {b:0.####} vs {baseline.Name} {r:0.####}: {(improvement >= 0 ? "better" : "worse")} by {Math.Abs(improvement):0.####}, margin {spec.BaselineMargin:0.####}");
        if (best.ModelTests?.Value is { } value)
        {
            var more = value.Per1000 - value.RulePer1000;
            reason += string.Create(CultureInfo.InvariantCulture, $"; worth {Math.Abs(more):0.##} {(more >= 0 ? "more" : "less")} than the rule per 1,000 decisions ({value.Per1000:0.##} against {value.RulePer1000:0.##})");
        }
        var comparison = reason;
        var blocking = best.ModelTests?.Blocking().Select(f => f.Message).ToList() ?? [];
        if (blocking.Count > 0)
        {
            reason += $"; held by {blocking.Count} blocking model test finding(s): {string.Join("; ", blocking)} (acknowledge in the spec to let it stand)";
        }
        return new GateResult(improvement >= spec.BaselineMargin && blocking.Count == 0, spec.Metric, spec.BaselineMargin, b, r, improvement, reason,
            blocking.Count > 0 ? blocking : null, comparison);
    }

    /// <summary>Fitted rows a tree model's leaf cover is counted on: plenty for shares, few enough to take well under a second.</summary>
    private const int CoverRows = 20_000;

    /// <summary>How many fitted rows reach each leaf, counted as serving reads the rows (an even sample of them past <see cref="CoverRows"/>).</summary>
    private static int[][]? LeafCover(ModelCard card, byte[] artifact, Frame frame, TrainingTable fit)
    {
        var step = Math.Max(1, fit.RowCount / CoverRows);
        var rows = fit.SourceRows.Where((_, i) => i % step == 0).ToArray();
        return LoadedModel.Load(card, artifact).LeafCover(InputColumns.From(card, frame.Rows(rows)));
    }

    /// <summary>Test rows the comparison's "score µs/row" is timed on: enough for a steady figure, few enough to take a moment.</summary>
    private const int TimedRows = 5_000;

    /// <summary>
    /// A row's scoring time as serving scores it: <c>graft serve</c> and <c>graft predict</c> go through
    /// <see cref="LoadedModel"/>. ML.NET's <c>Transform</c>, which the metrics read, is no measure of it: for
    /// trees it takes ten times as long.
    /// </summary>
    private static double ServingMicrosecondsPerRow(LoadedModel model, Frame rows)
    {
        var columns = InputColumns.From(model.Card, rows);
        return MicrosecondsPerRow(() => model.Score(columns, explain: false), rows.RowCount);
    }

    /// <summary>
    /// The fastest of passes over the rows run for a tenth of a second (three at least): long enough for the JIT
    /// to compile the scoring path fully, as it will be in a server that has answered for a while.
    /// </summary>
    private static double MicrosecondsPerRow(Action pass, int rows)
    {
        var fastest = TimeSpan.MaxValue;
        var passes = Stopwatch.StartNew();
        for (var n = 0; n < 3 || passes.Elapsed < TimeSpan.FromSeconds(0.1); n++)
        {
            var clock = Stopwatch.StartNew();
            pass();
            fastest = clock.Elapsed < fastest ? clock.Elapsed : fastest;
        }
        return fastest.TotalMicroseconds / Math.Max(1, rows);
    }

    private static byte[] Save(MLContext ml, ITransformer model, TrainingTable inputs)
    {
        using var stream = new MemoryStream();
        ml.Model.Save(model, inputs.ToDataView().Schema, stream);
        return stream.ToArray();
    }
}

/// <summary>A run of a use case on the dataset versions it names (none: its latest imported one), tested on a file instead of a split if one is given.</summary>
/// <summary>
/// A run to make: the use case, the dataset versions to learn from (default the latest), a test file, and whether the
/// run may crown its best model when the use case has no champion yet (an alert's retraining may not: it makes candidates only).
/// </summary>
public sealed record TrainingRequest(string UseCase, IReadOnlyList<string>? Datasets = null, string? TestFile = null, bool MayCrown = true);

public sealed record TrainingProgress(string Step, double Fraction);
