using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Graft.Training;

namespace Graft.Server.Tests;

public class TrainingJobTests
{
    [Fact]
    public async Task A_finished_jobs_outcome_and_result_are_there_after_a_restart()
    {
        await using var first = await TestService.StartAsync();
        await first.UseCaseAsync(Graft.Testing.ToyData.Spec, train: false);
        var accepted = await first.Client(first.AdminKey).PostAsJsonAsync("/v1/usecases/toy/train", new { });
        var location = accepted.Headers.Location!.ToString();
        var before = await WaitAsync(first.Client(first.AdminKey), location);
        Assert.Equal("succeeded", before.GetProperty("status").GetString());
        await first.StopAsync();

        await using var second = await TestService.StartAsync(root: first.Root);
        var after = await WaitAsync(second.Client(second.AdminKey), location);

        Assert.Equal("succeeded", after.GetProperty("status").GetString());
        Assert.Equal(1, after.GetProperty("progress").GetDouble());
        Assert.Equal(before.GetProperty("result").GetProperty("run").GetString(), after.GetProperty("result").GetProperty("run").GetString());
        Assert.Equal(before.GetProperty("result").GetProperty("champion").GetString(), after.GetProperty("result").GetProperty("champion").GetString());
    }

    [Fact]
    public async Task A_job_an_earlier_process_left_unfinished_is_failed_with_the_reason_when_the_service_starts()
    {
        await using var first = await TestService.StartAsync();
        await first.UseCaseAsync(Graft.Testing.ToyData.Spec, train: false);
        await using (var db = first.Home.CreateDb())
        {
            var running = new TrainingJobRecord("job-left-running", "toy", null, first.Home.Now.AddMinutes(-5));
            running.Start(first.Home.Now.AddMinutes(-4));
            db.TrainingJobs.AddRange(running, new TrainingJobRecord("job-left-queued", "toy", null, first.Home.Now.AddMinutes(-5)));
            await db.SaveChangesAsync();
        }
        await first.StopAsync();

        await using var second = await TestService.StartAsync(root: first.Root);
        var client = second.Client(second.AdminKey);

        foreach (var id in new[] { "job-left-running", "job-left-queued" })
        {
            var job = await WaitAsync(client, $"/v1/jobs/{id}");
            Assert.Equal("failed", job.GetProperty("status").GetString());
            Assert.Contains("request the run again", job.GetProperty("error").GetString());
        }
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/v1/jobs/job-never-was")).StatusCode);
    }

    [Fact]
    public async Task A_job_another_process_still_holds_is_left_to_it()
    {
        await using var service = await TestService.StartAsync();
        await service.UseCaseAsync(Graft.Testing.ToyData.Spec, train: false);
        await using (var db = service.Home.CreateDb())
        {
            var elsewhere = new TrainingJobRecord("job-of-another-replica", "toy", null, service.Home.Now.AddMinutes(-10)); // queued long ago, marked alive just now
            elsewhere.Start(service.Home.Now);
            db.TrainingJobs.Add(elsewhere);
            await db.SaveChangesAsync();
        }
        await service.StopAsync();

        await using var restarted = await TestService.StartAsync(root: service.Root);
        var client = restarted.Client(restarted.AdminKey);
        var own = await client.PostAsJsonAsync("/v1/usecases/toy/train", new { });
        Assert.Equal("succeeded", (await WaitAsync(client, own.Headers.Location!.ToString())).GetProperty("status").GetString()); // jobs run once the start's sweep is done
        var response = await client.GetAsync("/v1/jobs/job-of-another-replica");

        Assert.Equal("running", JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("status").GetString());
    }

    [Fact]
    public async Task A_graceful_stop_fails_the_running_and_queued_jobs_at_once()
    {
        await using var service = await TestService.StartAsync();
        await service.UseCaseAsync(Graft.Testing.ToyData.Spec, train: false);
        var client = service.Client(service.AdminKey);
        var ids = new List<string>();
        for (var i = 0; i < 3; i++)
        {
            var accepted = await client.PostAsJsonAsync("/v1/usecases/toy/train", new { });
            ids.Add(JsonDocument.Parse(await accepted.Content.ReadAsStringAsync()).RootElement.GetProperty("id").GetString()!);
        }

        await service.StopAsync();

        await using var db = service.Home.CreateDb();
        var stored = db.TrainingJobs.Where(j => ids.Contains(j.Id)).ToList();
        Assert.Equal(3, stored.Count);
        Assert.All(stored, job => Assert.True(job.Finished, $"{job.Id} was left {job.Status}"));
        var interrupted = stored.Where(j => j.Status == TrainingJobRecord.Failed).ToList();
        Assert.NotEmpty(interrupted); // three runs take longer than a stop
        Assert.All(interrupted, job => Assert.Contains("request the run again", job.Error));
    }

    /// <summary>Reads the job until it is no longer queued or running (two minutes at most).</summary>
    private static async Task<JsonElement> WaitAsync(HttpClient client, string location)
    {
        var deadline = DateTime.UtcNow.AddMinutes(2);
        while (true)
        {
            var response = await client.GetAsync(location);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            var job = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
            if (job.GetProperty("status").GetString() is not ("queued" or "running") || DateTime.UtcNow > deadline)
            {
                return job;
            }
            await Task.Delay(100);
        }
    }
}
