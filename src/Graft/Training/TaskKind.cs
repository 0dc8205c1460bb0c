namespace Graft.Training;

/// <summary>The kind of prediction a model makes. Values are persisted; never renumber them.</summary>
public enum TaskKind
{
    Binary = 1,
    Multiclass = 2,
    Regression = 3,
}
