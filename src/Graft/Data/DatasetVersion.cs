using System.Text.Json;

namespace Graft.Data;

/// <summary>
/// An immutable snapshot of training data, named by the SHA-256 of its bytes: the same bytes imported twice
/// are the same version. The file itself lives in the artifact store under <see cref="ArtifactKey"/>. A version Graft
/// made from its own records (a feedback export) says where it came from (<see cref="Lineage"/>).
/// </summary>
public sealed class DatasetVersion
{
    private DatasetVersion() { }

    public DatasetVersion(string sha256, string sourceName, long bytes, int rows, IReadOnlyList<FieldSchema> schema, DateTime createdAt, DatasetLineage? lineage = null)
    {
        Id = IdFor(sha256);
        Sha256 = sha256;
        SourceName = sourceName;
        Bytes = bytes;
        Rows = rows;
        Columns = schema.Count;
        SchemaJson = JsonSerializer.Serialize(schema);
        CreatedAt = createdAt;
        LineageJson = lineage is null ? null : JsonSerializer.Serialize(lineage);
    }

    public string Id { get; private set; } = "";
    public string Sha256 { get; private set; } = "";
    public string SourceName { get; private set; } = "";
    public long Bytes { get; private set; }
    public int Rows { get; private set; }
    public int Columns { get; private set; }
    public string SchemaJson { get; private set; } = "[]";
    public DateTime CreatedAt { get; private set; }

    /// <summary>The <see cref="DatasetLineage"/> of an export, as JSON; null for an imported file.</summary>
    public string? LineageJson { get; private set; }

    public string ArtifactKey => ArtifactKeyFor(Sha256);

    /// <summary>Where the file of the version with this hash is kept.</summary>
    public static string ArtifactKeyFor(string sha256) => $"datasets/{sha256}.csv";

    public DatasetLineage? Lineage() => LineageJson is null ? null : JsonSerializer.Deserialize<DatasetLineage>(LineageJson);

    public IReadOnlyList<FieldSchema> Schema() => JsonSerializer.Deserialize<List<FieldSchema>>(SchemaJson) ?? [];

    /// <summary>The schema of the data <see cref="DatasetCatalog.LoadAsync"/> gives: without an export's lineage columns.</summary>
    public IReadOnlyList<FieldSchema> DataSchema() => Lineage() is { } lineage ? [.. Schema().Where(f => !lineage.Columns.Contains(f.Name))] : Schema();

    public static string IdFor(string sha256) => $"ds-{sha256[..12]}";
}
