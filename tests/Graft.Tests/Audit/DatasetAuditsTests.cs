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
}
