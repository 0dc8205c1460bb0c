using Graft.Data;
using Graft.Storage;
using Graft.UseCases;

namespace Graft.Training;

/// <summary>
/// The rows a training run learns from: the use case's latest imported dataset version, or the versions it names, rows
/// one after the other, each loaded as its data (an export's lineage columns left out, <see cref="DatasetLineage"/>).
/// Each named version must be the use case's, and for several each must fit the spec, and a field they share must read
/// the same way in each (a number in one is no category in another); a field only some have is missing in the others' rows.
/// </summary>
public sealed record TrainingData(IReadOnlyList<DatasetVersion> Versions, Frame Frame, IReadOnlyList<FieldSchema> Schema)
{
    /// <summary>
    /// What the data is called and its audit is recorded under: the version's id, or the ids joined by <c>+</c>. Several
    /// versions are audited as their union, the rows the model learns from: an ID-like field, a leak or the balance of labels
    /// are properties of those rows, and a small export alone could say otherwise.
    /// </summary>
    public string Key => string.Join('+', Versions.Select(v => v.Id));

    /// <summary>
    /// The versions to train on, checked before any is read (a mistake is refused at once, however large the data): the
    /// use case's latest imported one, or those named, each the use case's, once; several must each hold the fields the
    /// spec names and bind its rules, and read the fields they share alike.
    /// </summary>
    public static async Task<IReadOnlyList<DatasetVersion>> FindAsync(GraftHome home, UseCaseSpec spec, IReadOnlyList<string> names, CancellationToken cancellationToken)
    {
        var catalog = new DatasetCatalog(home);
        if (names.Count == 0)
        {
            return [await catalog.LatestForAsync(spec.Id, cancellationToken)];
        }
        var versions = new List<DatasetVersion>();
        foreach (var name in names)
        {
            var version = await catalog.FindAsync(spec.Id, name, cancellationToken);
            if (versions.Any(v => v.Id == version.Id))
            {
                throw GraftException.Invalid($"{version.Id} is named twice; name each dataset version once");
            }
            versions.Add(version);
        }
        if (versions.Count > 1)
        {
            foreach (var version in versions)
            {
                if (SpecDataCheck.CheckNames(spec, [.. version.DataSchema().Select(f => f.Name)]) is { Count: > 0 } errors)
                {
                    throw GraftException.Invalid($"{version.Id} does not fit the spec of {spec.Id} ({errors[0]}), so it cannot be trained on with the others");
                }
            }
            ThrowIfTypesDiffer(spec, versions);
        }
        return versions;
    }

    /// <summary>The versions' data (<see cref="FindAsync"/> chose and checked them), rows one after the other.</summary>
    public static async Task<TrainingData> LoadAsync(GraftHome home, IReadOnlyList<DatasetVersion> versions, CancellationToken cancellationToken)
    {
        var catalog = new DatasetCatalog(home);
        var frames = new List<Frame>(versions.Count);
        foreach (var version in versions)
        {
            frames.Add(await catalog.LoadAsync(version, cancellationToken));
        }
        if (versions.Count == 1)
        {
            return new TrainingData(versions, frames[0], versions[0].DataSchema());
        }
        var union = Union(frames);
        return new TrainingData(versions, union, SchemaInference.Infer(union));
    }

    /// <summary>A field with values in two versions must be read alike: numbers, booleans, dates, or text and categories.</summary>
    private static void ThrowIfTypesDiffer(UseCaseSpec spec, IReadOnlyList<DatasetVersion> versions)
    {
        var first = new Dictionary<string, (FieldType Type, string Version)>(StringComparer.Ordinal);
        foreach (var version in versions)
        {
            foreach (var field in version.DataSchema().Where(f => f.Present > 0 && spec.Policy(f.Name)?.Type is null))
            {
                if (!first.TryAdd(field.Name, (field.Type, version.Id)) && Reading(first[field.Name].Type) != Reading(field.Type))
                {
                    var (type, other) = first[field.Name];
                    throw GraftException.Invalid($"field '{field.Name}' is {Described(type)} in {other} but {Described(field.Type)} in {version.Id}, so they cannot be trained on together");
                }
            }
        }
    }

    private static FieldType Reading(FieldType type) => type == FieldType.Text ? FieldType.Category : type;

    private static string Described(FieldType type) => type switch
    {
        FieldType.Number => "a number",
        FieldType.Boolean => "a boolean",
        FieldType.Date => "a date",
        _ => "text",
    };

    /// <summary>The frames' rows one after the other, their columns those of the first and then any new in the others.</summary>
    private static Frame Union(IReadOnlyList<Frame> frames)
    {
        var names = frames.SelectMany(f => f.Names).Distinct(StringComparer.Ordinal).ToList();
        var columns = names.Select(name => frames.SelectMany(f => f.TryIndexOf(name, out var i) ? f.Column(i) : new string?[f.RowCount]).ToArray()).ToArray();
        return new Frame(names, columns);
    }
}
