using System.Text;
using Graft.Data;
using Graft.Tests.Storage;
using Graft.UseCases;

namespace Graft.Tests.UseCases;

/// <summary>A rule is part of the spec: checked wherever a spec is read, and against the data with the spec's other fields.</summary>
public class SpecRuleTests
{
    private const string Head = "id: toy\ntitle: Toy\ntask: binary\ntarget: {column: label, positive: 'yes'}\n";

    [Fact]
    public async Task A_rule_that_does_not_parse_makes_the_spec_invalid_even_when_applied_directly()
    {
        await using var temp = await TempHome.CreateAsync();

        var error = await Assert.ThrowsAsync<SpecException>(() => new UseCaseCatalog(temp.Home).ApplyAsync(Head + "rule: \"colour == \"\n", "s.yaml", Testing.TestActors.Tester, default));

        var rule = Assert.Single(error.Errors);
        Assert.Equal(("rule", 5), (rule.Key, rule.Line));
        Assert.Empty(await new UseCaseCatalog(temp.Home).ListAsync(default));
    }

    [Fact]
    public void A_rule_naming_a_field_the_data_lacks_is_a_spec_error_with_a_suggestion()
    {
        var spec = SpecReader.Parse(Head + "rule: \"colur == 'red'\"\n", "s.yaml");
        var frame = DelimitedFile.Read(Encoding.UTF8.GetBytes("colour,label\nred,yes\nblue,no\n"), "d.csv");

        var error = Assert.Single(SpecDataCheck.Check(spec, frame));

        Assert.Equal("rule", error.Key);
        Assert.Contains("did you mean colour", error.Message);
    }
}
