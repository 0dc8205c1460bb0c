namespace Graft.Data.Demo;

/// <summary>
/// The dataset and spec behind <c>graft demo</c>: customers of a subscription business, some of whom
/// cancel, with the flaws real exports have (duplicates, blanks, outliers, personal data in free text,
/// and a column that leaks the answer) so every check Graft makes has something to find.
/// </summary>
public static class ChurnDemoData
{
    /// <summary>The use-case spec (YAML) for predicting churn on this dataset.</summary>
    public static string SpecYaml { get; } = ChurnDemoSpec.Yaml;

    /// <summary>
    /// Writes the dataset as comma-delimited CSV (RFC 4180 quoting, <c>'\n'</c> line ends) with a header row.
    /// The same <paramref name="seed"/> always writes the same text.
    /// </summary>
    /// <param name="writer">Where the CSV goes.</param>
    /// <param name="rows">
    /// Data rows written, duplicates included: <c>rows / 100</c> of them repeat an earlier row exactly,
    /// so the file holds <c>rows - rows / 100</c> distinct customers.
    /// </param>
    /// <param name="seed">Seed for every random draw.</param>
    public static void Write(TextWriter writer, int rows = 5000, int seed = 42)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentOutOfRangeException.ThrowIfNegative(rows);

        var random = new DemoRandom(seed);
        var duplicates = rows / 100;
        var lines = DemoCustomerGenerator.Generate(random, rows - duplicates);
        var distinct = lines.Count;
        for (var i = 0; i < duplicates; i++)
        {
            // Exports that are appended to twice repeat a row somewhere after the original.
            var original = random.Between(0, distinct);
            lines.Insert(random.Between(original + 1, lines.Count + 1), lines[original]);
        }

        CsvField.WriteRow(writer, DemoCustomer.ColumnNames);
        foreach (var customer in lines)
        {
            CsvField.WriteRow(writer, customer.ToCsvFields());
        }
    }
}
