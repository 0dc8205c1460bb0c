namespace Graft.Training;

/// <summary>How a field enters a model. Persisted in model metadata: the numbers never change.</summary>
public enum InputKind
{
    Numeric = 1,
    Categorical = 2,
    Text = 3,
}
