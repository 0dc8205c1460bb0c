using System.Globalization;
using Graft.Rollout;
using Graft.Rollout.Challengers;
using Graft.Serving;
using Graft.Serving.Challengers;
using Graft.Storage;
using Graft.Testing;
using Graft.Tests.Storage;
using Graft.Tests.Training;

namespace Graft.Tests.Rollout;

/// <summary>
/// The toy use case trained once, in auto (answers are the model's), with its champion and the other version to
/// challenge it; and serving processes on its store, each with its own view, samples and scorer, as <c>graft serve</c> has.
/// </summary>
internal sealed class ChallengerScenario : IAsyncDisposable
{
    public const string Spec = ToyData.Spec + "\nstage: auto\nrollout: { exit: { min_predictions: 100 } }\n";

    private ChallengerScenario(TempHome temp, string champion, string challenger) => (Temp, Champion, Challenger) = (temp, champion, challenger);

    public TempHome Temp { get; }

    public GraftHome Home => Temp.Home;

    public string Champion { get; }

    public string Challenger { get; }

    public static async Task<ChallengerScenario> CreateAsync()
    {
        var temp = await TrainingScenario.CreateAsync(Spec, ToyData.Csv(400));
        var result = await TrainingScenario.TrainAsync(temp, "toy");
        var versions = await new Graft.Registry.ModelRegistry(temp.Home).ListAsync("toy", default);
        return new ChallengerScenario(temp, result.Champion!, versions.First(v => v.Id != result.Champion).Id);
    }

    public Process Start(GraftHome? home = null) => new(home ?? Home);

    public Task<RolloutChange> SetAsync(ChallengerMode mode, int percent, Process process) =>
        new ChallengerControl(Home).SetAsync("toy", new ChallengerChange(Challenger, mode, percent, "compare"), TestActors.Tester, process.State.ModelAsync, default);

    /// <summary>Toy requests for entities <c>e{first}</c> onwards, with x spread over the model's range and both colours.</summary>
    public static List<PredictionRequest> Requests(int count, int first = 0) =>
        [.. Enumerable.Range(first, count).Select(i => new PredictionRequest($"e{i}", new Dictionary<string, InputValue>
        {
            ["x"] = InputValue.Of(Math.Round((i * 7919 % 1000) / 100.0, 2)),
            ["colour"] = InputValue.Of(i % 3 == 0 ? "red" : "blue"),
        }))];

    public ValueTask DisposeAsync() => Temp.DisposeAsync();

    /// <summary>One serving process: its view of the store, the predictor, and the challenger's samples and scorer.</summary>
    internal sealed class Process(GraftHome home)
    {
        public ServingState State { get; } = new(home);

        public ChallengerSamples Samples { get; } = new();

        public ChallengerScorer Scorer => _scorer ??= new ChallengerScorer(State, Samples, home);

        private ChallengerScorer? _scorer;

        /// <summary>Answers each request as the single-row route does; reads the rollout afresh first (a change made anywhere).</summary>
        public Task<List<PredictionResponse>> PredictAsync(IEnumerable<PredictionRequest> requests) =>
            PredictAsync(requests, new PredictionLog(home, new PredictionLogOptions { Enabled = false }));

        /// <summary>Answers as <see cref="PredictAsync(IEnumerable{PredictionRequest})"/> does, and logs them durably, so outcomes can join them.</summary>
        public async Task<List<PredictionResponse>> PredictLoggedAsync(IEnumerable<PredictionRequest> requests)
        {
            var log = new PredictionLog(home, new PredictionLogOptions { Durable = true });
            using var stop = new CancellationTokenSource();
            var writer = log.RunAsync(stop.Token);
            var answers = await PredictAsync(requests, log);
            await stop.CancelAsync();
            await writer;
            return answers;
        }

        private async Task<List<PredictionResponse>> PredictAsync(IEnumerable<PredictionRequest> requests, PredictionLog log)
        {
            State.Invalidate("toy");
            var predictor = new Predictor(State, log, home.Time, null, Samples);
            var answers = new List<PredictionResponse>();
            foreach (var request in requests)
            {
                var outcome = await predictor.PredictAsync("toy", request, null, default);
                answers.Add(outcome.Response ?? throw new InvalidOperationException(outcome.Message));
            }
            return answers;
        }
    }

    /// <summary>Both versions' answers to the requests, scored directly: what a report over them must say.</summary>
    public async Task<List<(ModelOutput Champion, ModelOutput Challenger)>> ScoreBothAsync(IEnumerable<PredictionRequest> requests)
    {
        var champion = await LoadedModel.LoadAsync(Home, Champion, default);
        var challenger = await LoadedModel.LoadAsync(Home, Challenger, default);
        return [.. requests.Select(r => (BatchScorer.Score(champion, [r.Inputs!], true)[0], BatchScorer.Score(challenger, [r.Inputs!], true)[0]))];
    }

    public static string Key(PredictionResponse answer) => string.Create(CultureInfo.InvariantCulture,
        $"{answer.ModelVersion}|{answer.Route}|{answer.FallbackReason}|{answer.Label}|{answer.Score:R}|{answer.Confidence}|{string.Join(",", answer.Explanation.Select(e => $"{e.Field}={e.Value:R}"))}|{answer.Warnings.Count}");
}
