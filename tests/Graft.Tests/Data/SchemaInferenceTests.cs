using Graft.Data;

namespace Graft.Tests.Data;

public class SchemaInferenceTests
{
    [Fact]
    public void Numbers_booleans_dates_categories_and_text_are_told_apart()
    {
        Assert.Equal(FieldType.Number, SchemaInference.Infer("n", ["1", " 2.5", "-3e2", null]).Type);
        Assert.Equal(FieldType.Boolean, SchemaInference.Infer("b", ["true", "False", "TRUE"]).Type);
        Assert.Equal(FieldType.Date, SchemaInference.Infer("d", ["2024-01-02", "2024-02-03T10:00:00"]).Type);
        Assert.Equal(FieldType.Category, SchemaInference.Infer("c", ["Yes", "No", "Yes", "No"]).Type);
        var sentences = Enumerable.Range(0, 20).Select(i => $"customer {i} asked how to change the card on file").ToArray();
        Assert.Equal(FieldType.Text, SchemaInference.Infer("t", sentences).Type);
    }

    [Fact]
    public void A_few_stray_values_keep_the_type_and_lower_its_consistency()
    {
        var values = Enumerable.Range(0, 99).Select(i => i.ToString(System.Globalization.CultureInfo.InvariantCulture)).Append("oops").ToArray();
        var field = SchemaInference.Infer("x", values);
        Assert.Equal(FieldType.Number, field.Type);
        Assert.Equal(0.99, field.Consistency, 6);
    }

    [Fact]
    public void Completeness_counts_missing_values()
    {
        var field = SchemaInference.Infer("x", ["1", null, "3", null]);
        Assert.Equal(2, field.Present);
        Assert.Equal(2, field.Missing);
        Assert.Equal(0.5, field.Completeness);
    }
}
