namespace Graft.UseCases;

/// <summary>The kind of decision a use case predicts. Persisted: the numbers never change.</summary>
public enum TaskKind
{
    Binary = 1,
    Multiclass = 2,
    Regression = 3,
}
