using Graft.Testing;
using Graft.Audit;
using Graft.Data;
using Graft.Tests.Training;
using Graft.UseCases;
using Microsoft.EntityFrameworkCore;

namespace Graft.Tests.Audit;

public class DatasetAuditsTests
{
    private const string Spec = ToyData.Spec;

    [Fact]
    public async Task An_audit_is_recorded_and_training_reuses_it_instead_of_auditing_again()
    {
        await using var temp = await TrainingScenario.CreateAsync(Spec, ToyData.Csv(300));
        var (_, revision) = await new UseCaseCatalog(temp.Home).GetAsync("toy", default);
        var datasets = new DatasetCatalog(temp.Home);
        var dataset = await datasets.LatestForAsync("toy", default);
        var report = await new DatasetAudits(temp.Home).RunAsync(revision.Spec(), revision.Revision, dataset.Id, await datasets.LoadAsync(dataset, default), default);

        await TrainingScenario.TrainAsync(temp, "toy");

        await using var db = temp.Home.CreateDb();
        var recorded = await db.Audits.Where(a => a.UseCaseId == "toy").ToListAsync();
        var single = Assert.Single(recorded);
        Assert.Equal((revision.Revision, dataset.Id, report.Blocking, report.Warnings), (single.SpecRevision, single.DatasetVersionId, single.Blocking, single.Warnings));
    }

    [Fact]
    public async Task A_spec_that_does_not_fit_the_data_is_refused_and_nothing_is_recorded()
    {
        await using var temp = await TrainingScenario.CreateAsync(Spec, ToyData.Csv(50));
        var spec = SpecReader.Parse(Spec.Replace("column: label", "column: labl", StringComparison.Ordinal), "s.yaml");
        var datasets = new DatasetCatalog(temp.Home);
        var dataset = await datasets.LatestForAsync("toy", default);
        var frame = await datasets.LoadAsync(dataset, default);

        var error = await Assert.ThrowsAsync<GraftException>(() => new DatasetAudits(temp.Home).RunAsync(spec, 1, dataset.Id, frame, default));

        Assert.Equal(FailureKind.Invalid, error.Kind);
        Assert.Contains("did you mean 'label'", error.Message);
        await using var db = temp.Home.CreateDb();
        Assert.Empty(await db.Audits.ToListAsync());
    }

    [Fact]
    public async Task A_recorded_audit_is_reused_only_when_made_by_the_current_checks()
    {
        await using var temp = await TrainingScenario.CreateAsync(Spec, ToyData.Csv(120));
        var (_, revision) = await new UseCaseCatalog(temp.Home).GetAsync("toy", default);
        var datasets = new DatasetCatalog(temp.Home);
        var dataset = await datasets.LatestForAsync("toy", default);
        var frame = await datasets.LoadAsync(dataset, default);
        async Task<int> AuditsAfterReuseAsync()
        {
            await new DatasetAudits(temp.Home).RecordedOrRunAsync(revision.Spec(), revision.Revision, dataset.Id, frame, default);
            await using var db = temp.Home.CreateDb();
            return await db.Audits.CountAsync();
        }

        Assert.Equal(1, await AuditsAfterReuseAsync());
        Assert.Equal(1, await AuditsAfterReuseAsync()); // the same data, spec and checks: reused

        await using (var db = temp.Home.CreateDb())
        {
            await db.Audits.ExecuteUpdateAsync(a => a.SetProperty(x => x.AuditorVersion, DataAuditor.Version - 1)); // as an older Graft recorded it
        }
        Assert.Equal(2, await AuditsAfterReuseAsync()); // audited again by today's checks
        Assert.Equal(2, await AuditsAfterReuseAsync());
    }
}
