using System.Text;
using Graft.Audit;
using Graft.Data;
using Graft.Serving;
using Graft.Storage;
using Graft.Tests.Storage;
using Graft.UseCases;

namespace Graft.Tests.Serving;

public class ServingStateTests
{
    [Fact]
    public async Task A_field_found_sensitive_in_any_dataset_stays_masked_in_the_log_after_newer_data_lacks_it()
    {
        await using var temp = await TempHome.CreateAsync();
        await new UseCaseCatalog(temp.Home).ApplyAsync(Graft.Testing.ToyData.Spec, "toy.yaml", Testing.TestActors.Tester, default);
        var withEmails = Graft.Testing.ToyData.Csv(200, withContact: true);
        await AuditAsync(temp, withEmails, "customers-2025.csv");
        await AuditAsync(temp, withEmails.Replace("@example.org", " at the front desk", StringComparison.Ordinal), "customers-2026.csv"); // the newest data: no address in it

        var view = await new ServingState(temp.Home).UseCaseAsync("toy", default);

        var logged = Encoding.UTF8.GetString(view!.LogPolicy.MaskInputs(new Dictionary<string, InputValue> { ["email"] = InputValue.Of("Jane at the front desk"), ["x"] = InputValue.Of(3) }));
        Assert.DoesNotContain("Jane", logged); // not an address itself: only the field's finding masks it
        Assert.Contains("\"x\":3", logged);
    }

    [Fact]
    public async Task A_view_read_again_with_the_same_revision_and_fields_keeps_its_rule_and_input_rules_and_a_changed_spec_does_not()
    {
        await using var temp = await TempHome.CreateAsync();
        await new UseCaseCatalog(temp.Home).ApplyAsync(Graft.Testing.ToyData.Spec, "toy.yaml", Testing.TestActors.Tester, default);
        await AuditAsync(temp, Graft.Testing.ToyData.Csv(50), "customers.csv");
        var state = new ServingState(temp.Home);
        var first = await state.UseCaseAsync("toy", default);

        temp.Time.Advance(GraftHome.Freshness * 2);
        var again = await state.UseCaseAsync("toy", default);
        await new UseCaseCatalog(temp.Home).ApplyAsync(Graft.Testing.ToyData.Spec.Replace("colour == 'red'", "colour == 'blue'", StringComparison.Ordinal), "toy.yaml", Testing.TestActors.Tester, default);
        temp.Time.Advance(GraftHome.Freshness * 2);
        var changed = await state.UseCaseAsync("toy", default);

        Assert.NotSame(first, again); // read again, with a fresh time
        Assert.Same(first!.InputRules, again!.InputRules);
        Assert.Same(first.Fallback, again.Fallback);
        Assert.Equal(first.Revision + 1, changed!.Revision);
        Assert.NotSame(first.InputRules, changed.InputRules);
        Assert.NotSame(first.Fallback, changed.Fallback);
    }

    private static async Task AuditAsync(TempHome temp, string csv, string name)
    {
        var (useCase, revision) = await new UseCaseCatalog(temp.Home).GetAsync("toy", default);
        var imported = await new DatasetCatalog(temp.Home).ImportAsync(useCase.Id, Encoding.UTF8.GetBytes(csv), name, Testing.TestActors.Tester, default);
        await new DatasetAudits(temp.Home).RunAsync(revision.Spec(), revision.Revision, imported.Version.Id, DelimitedFile.Read(Encoding.UTF8.GetBytes(csv), name), default);
    }
}
