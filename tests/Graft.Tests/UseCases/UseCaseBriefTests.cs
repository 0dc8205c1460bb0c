using Graft.Data;
using Graft.UseCases;

namespace Graft.Tests.UseCases;

public class UseCaseBriefTests
{
    private static readonly UseCaseSpec Spec = SpecReader.Parse("""
        id: toy
        title: Toy
        task: binary
        target: { column: label, positive: "yes" }
        entity: id
        exclude: [notes]
        fields:
          email: { sensitive: true, train: true }
          internal_score: { train: false }
        """);

    [Fact]
    public void The_inputs_are_the_ones_training_would_use_and_every_other_field_says_why_not()
    {
        FieldSchema[] schema =
        [
            new("id", FieldType.Category, 10, 0, 10, 1), new("x", FieldType.Number, 10, 0, 8, 1), new("signed_up", FieldType.Date, 10, 0, 9, 1),
            new("empty", FieldType.Category, 0, 10, 0, 1), new("notes", FieldType.Text, 10, 0, 10, 1), new("email", FieldType.Category, 10, 0, 10, 1),
            new("label", FieldType.Category, 10, 0, 2, 1),
        ];

        var brief = UseCaseBrief.Render(Spec, 1, schema);

        var inputs = brief[brief.IndexOf("## Inputs", StringComparison.Ordinal)..];
        Assert.Contains("- `x`: number\n- `email`: category (sensitive: masked in logs)\n", inputs);
        Assert.Contains("- `signed_up`: a date; dates are not model inputs", inputs); // listed as an input before
        Assert.Contains("- `empty`: it has no values", inputs);
        Assert.Contains("- `notes`: excluded by the spec", inputs);
        Assert.Contains("- `id`: the entity key", inputs);
        Assert.Contains("- `label`: the target", inputs);
    }

    [Fact]
    public void Without_data_the_brief_names_the_fields_the_spec_keeps_from_being_inputs()
    {
        var brief = UseCaseBrief.Render(Spec, 1, null);

        Assert.Contains("No data has been added yet", brief);
        Assert.Contains("- `id`: the entity key\n- `internal_score`: not to be trained on, per the spec\n- `label`: the target\n- `notes`: excluded by the spec\n", brief);
    }
}
