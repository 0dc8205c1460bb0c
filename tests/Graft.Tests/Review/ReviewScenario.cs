using Graft.Review;
using Graft.Serving;
using Graft.Storage;
using Graft.Testing;
using Graft.Tests.Rollout;
using Graft.Tests.Storage;
using Graft.Tests.Training;

namespace Graft.Tests.Review;

/// <summary>
/// The toy use case trained (its linear model only, to be quick) under a review policy, and a serving process whose
/// log is durable, so an answer's review item is committed by the time the answer is back.
/// </summary>
internal sealed class ReviewScenario : IAsyncDisposable
{
    public const string Reasons = "reasons: [wrong_label, missing_context]";

    private ReviewScenario(TempHome temp) => Temp = temp;

    public TempHome Temp { get; }

    public GraftHome Home => Temp.Home;

    public ReviewQueue Queue => new(Home);

    /// <summary>A store whose spec says <c>stage</c> and <c>review: { …policy… }</c> (every answer by default: the band is all of it).</summary>
    public static async Task<ReviewScenario> CreateAsync(string policy = $"band: [0, 1], {Reasons}", string stage = "auto", string extra = "")
    {
        var spec = $"{ToyData.Spec}\ntrainers: [linear]\nstage: {stage}\nreview: {{ {policy} }}\n{extra}";
        var temp = await TrainingScenario.CreateAsync(spec, ToyData.Csv(400));
        await TrainingScenario.TrainAsync(temp, "toy");
        return new ReviewScenario(temp);
    }

    /// <summary>Answers the requests through a predictor over a durable log, as <c>graft serve</c> would.</summary>
    public Task<List<PredictionResponse>> PredictAsync(IEnumerable<PredictionRequest> requests) => PredictAsync(Home, "toy", requests);

    /// <summary>Answers requests for any use case of a store through a predictor over a durable log, as <c>graft serve</c> would.</summary>
    public static async Task<List<PredictionResponse>> PredictAsync(GraftHome home, string useCase, IEnumerable<PredictionRequest> requests)
    {
        var log = new PredictionLog(home, new PredictionLogOptions { Durable = true });
        using var stop = new CancellationTokenSource();
        var writer = log.RunAsync(stop.Token);
        var predictor = new Predictor(new ServingState(home), log, home.Time);
        var answers = new List<PredictionResponse>();
        foreach (var request in requests)
        {
            var outcome = await predictor.PredictAsync(useCase, request, null, default);
            answers.Add(outcome.Response ?? throw new InvalidOperationException(outcome.Message));
        }
        await stop.CancelAsync();
        await writer;
        return answers;
    }

    /// <summary>One answer's review item id: the scenario's first request, which the default policy sends to review.</summary>
    public async Task<string> ItemAsync(int entity = 0) =>
        (await PredictAsync(ChallengerScenario.Requests(1, entity)))[0].ReviewId ?? throw new InvalidOperationException("the answer went to no review");

    public static Graft.Governance.Actor Reviewer(string name) => Graft.Governance.Actor.Key(name, "reviewer");

    public ValueTask DisposeAsync() => Temp.DisposeAsync();
}
