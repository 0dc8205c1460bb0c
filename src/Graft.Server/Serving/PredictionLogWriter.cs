using Graft.Serving;
using Microsoft.Extensions.Hosting;

namespace Graft.Server.Serving;

/// <summary>Runs the prediction log's writer for the life of the service; on shutdown it writes what is queued.</summary>
public sealed class PredictionLogWriter(PredictionLog log) : BackgroundService
{
    protected override Task ExecuteAsync(CancellationToken stoppingToken) => log.RunAsync(stoppingToken);
}
