using System.Text;
using Graft.Audit;
using Graft.Data;
using Graft.Serving;
using Graft.Tests.Storage;
using Graft.UseCases;

namespace Graft.Tests.Serving;

public class ServingStateTests
{
    [Fact]
    public async Task A_field_found_sensitive_in_any_dataset_stays_masked_in_the_log_after_newer_data_lacks_it()
    {
        await using var temp = await TempHome.CreateAsync();
        await new UseCaseCatalog(temp.Home).ApplyAsync(Graft.Testing.ToyData.Spec, "toy.yaml", default);
        var withEmails = Graft.Testing.ToyData.Csv(200, withContact: true);
        await AuditAsync(temp, withEmails, "customers-2025.csv");
        await AuditAsync(temp, withEmails.Replace("@example.org", " at the front desk", StringComparison.Ordinal), "customers-2026.csv"); // the newest data: no address in it

        var view = await new ServingState(temp.Home).UseCaseAsync("toy", default);

        var logged = Encoding.UTF8.GetString(view!.LogPolicy.MaskInputs(new Dictionary<string, InputValue> { ["email"] = InputValue.Of("Jane at the front desk"), ["x"] = InputValue.Of(3) }));
        Assert.DoesNotContain("Jane", logged); // not an address itself: only the field's finding masks it
        Assert.Contains("\"x\":3", logged);
    }

    private static async Task AuditAsync(TempHome temp, string csv, string name)
    {
        var (useCase, revision) = await new UseCaseCatalog(temp.Home).GetAsync("toy", default);
        var imported = await new DatasetCatalog(temp.Home).ImportAsync(useCase.Id, Encoding.UTF8.GetBytes(csv), name, default);
        await new DatasetAudits(temp.Home).RunAsync(revision.Spec(), revision.Revision, imported.Version.Id, DelimitedFile.Read(Encoding.UTF8.GetBytes(csv), name), default);
    }
}
