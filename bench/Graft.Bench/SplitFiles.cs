using System.Text;
using Graft.Data;
using Graft.Training;
using Graft.UseCases;

namespace Graft.Bench;

/// <summary>
/// Writes the rows Graft fits on, validates on and tests on as three CSV files (not timed), so the plain pipeline
/// trains on exactly the same rows and its early stopping sees exactly the same validation data.
/// </summary>
internal sealed record SplitFiles(string Fit, string Validation, string Test)
{
    public static SplitFiles Write(string path, UseCaseSpec spec, string folder)
    {
        var frame = DelimitedFile.Read(File.ReadAllBytes(path), Path.GetFileName(path));
        var plan = FeaturePlan.Create(spec, SchemaInference.Infer(frame), new Dictionary<string, string>());
        var table = TrainingTable.Create(frame, spec.TargetColumn, plan, LabelEncoding.Create(spec, frame.Column(spec.TargetColumn)));
        var split = DataSplit.Create(table, frame, spec);
        var train = table.Subset(split.Train);
        var (fit, validation) = DataSplit.Stratified(train, TrainingRunner.ValidationFraction, spec.Split.Seed);
        var files = new SplitFiles(Path.Combine(folder, "fit.csv"), Path.Combine(folder, "validation.csv"), Path.Combine(folder, "test.csv"));
        Save(frame, fit.Select(i => train.SourceRows[i]), files.Fit);
        Save(frame, validation.Select(i => train.SourceRows[i]), files.Validation);
        Save(frame, split.Test.Select(i => table.SourceRows[i]), files.Test);
        return files;
    }

    private static void Save(Frame frame, IEnumerable<int> rows, string path)
    {
        var text = new StringBuilder(string.Join(',', frame.Names)).Append('\n');
        foreach (var row in rows)
        {
            text.AppendJoin(',', Enumerable.Range(0, frame.ColumnCount).Select(c => Quote(frame.Column(c)[row]))).Append('\n');
        }
        File.WriteAllText(path, text.ToString());
    }

    private static string Quote(string? value) =>
        value is null ? "" : value.Contains(',', StringComparison.Ordinal) || value.Contains('"', StringComparison.Ordinal)
            ? $"\"{value.Replace("\"", "\"\"", StringComparison.Ordinal)}\"" : value;
}
