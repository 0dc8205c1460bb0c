using Graft.Serving.Challengers;
using Microsoft.Extensions.Hosting;

namespace Graft.Server.Serving;

/// <summary>Runs the challenger's scorer for the life of the service; on shutdown it compares and saves what is queued.</summary>
public sealed class ChallengerScoring(ChallengerScorer scorer) : BackgroundService
{
    protected override Task ExecuteAsync(CancellationToken stoppingToken) => scorer.RunAsync(stoppingToken);
}
