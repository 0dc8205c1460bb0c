namespace Graft.UseCases;

/// <summary>A registered use case: its current spec revision and, once a model earned it, its champion.</summary>
public sealed class UseCase
{
    private UseCase() { }

    public UseCase(string id, string title, TaskKind task, DateTime now)
    {
        Id = id;
        Title = title;
        Task = task;
        CreatedAt = now;
        UpdatedAt = now;
    }

    public string Id { get; private set; } = "";
    public string Title { get; private set; } = "";
    public TaskKind Task { get; private set; }
    public int Revision { get; private set; }
    public string? ChampionVersion { get; private set; }
    public DateTime CreatedAt { get; private set; }
    public DateTime UpdatedAt { get; private set; }

    public SpecRevision Revise(UseCaseSpec spec, string yaml, string sha256, DateTime now)
    {
        Title = spec.Title;
        Task = spec.Task;
        Revision++;
        UpdatedAt = now;
        return new SpecRevision(Id, Revision, yaml, sha256, now);
    }

    /// <summary>Makes <paramref name="modelVersion"/> the champion and returns the record of the change.</summary>
    public Registry.ChampionChange Crown(string? modelVersion, Registry.ChampionChangeKind kind, string by, string? reason, DateTime now)
    {
        var change = new Registry.ChampionChange(Id, modelVersion, ChampionVersion, kind, by, reason, now);
        ChampionVersion = modelVersion;
        UpdatedAt = now;
        return change;
    }
}
