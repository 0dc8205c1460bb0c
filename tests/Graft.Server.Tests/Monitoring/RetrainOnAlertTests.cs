using Graft.Monitoring;
using Graft.Server.Monitoring;
using Graft.Server.Training;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;

namespace Graft.Server.Tests.Monitoring;

/// <summary><c>on_alert: retrain</c> in the server: the firing alert queues a training job, which registers candidates and crowns none.</summary>
public class RetrainOnAlertTests
{
    [Fact]
    public async Task A_firing_alert_queues_a_training_job_whose_run_makes_candidates_and_leaves_the_champion()
    {
        await using var service = await TestService.StartAsync(new Dictionary<string, string?> { [AlertSchedule.EnabledSetting] = "false" });
        await service.UseCaseAsync(Graft.Testing.ToyData.Spec + "\ntrainers: [linear]\nstage: auto\nalerts: [{ name: silent, signal: requests, below: 1, on_alert: retrain }]\n", train: true);
        var registry = new Graft.Registry.ModelRegistry(service.Home);
        var champion = (await new Graft.UseCases.UseCaseCatalog(service.Home).GetAsync("toy", default)).UseCase.ChampionVersion;
        var before = (await registry.ListAsync("toy", default)).Count;
        var jobs = service.Services.GetRequiredService<TrainingJobs>();

        var made = Assert.Single(await new AlertEvaluator(service.Home, AlertSchedule.Retrain(jobs, NullLogger.Instance)).EvaluateAsync("toy", default));
        Assert.Equal(AlertStatus.Firing, made.To);

        JobView? job = null;
        for (var wait = 0; wait < 300 && job?.FinishedAt is null; wait++)
        {
            await using var db = service.Home.CreateDb();
            var id = db.TrainingJobs.Where(j => j.UseCaseId == "toy").OrderByDescending(j => j.QueuedAt).Select(j => j.Id).FirstOrDefault();
            job = id is null ? null : await jobs.FindAsync(id, default);
            await Task.Delay(100);
        }
        Assert.Equal("succeeded", job?.Status);
        Assert.True((await registry.ListAsync("toy", default)).Count > before); // new candidates
        Assert.Equal(champion, (await new Graft.UseCases.UseCaseCatalog(service.Home).GetAsync("toy", default)).UseCase.ChampionVersion);
        Assert.Equal(champion, job!.Result!.Champion); // the run's result names the champion it left in place
    }
}
