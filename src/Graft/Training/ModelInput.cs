using Graft.Data;

namespace Graft.Training;

/// <summary>
/// One field as a model reads it: its kind and the ML.NET column that carries it, and, once trained, what the
/// model saw of it (<see cref="Domain"/>).
/// </summary>
public sealed record ModelInput(string Field, FieldType Type, InputKind Kind)
{
    /// <summary>Prefixed so a field called "Label" or "Score" cannot collide with ML.NET's own columns.</summary>
    public string Column => $"in.{Field}";

    /// <summary>What the fitted rows held of this input; null before training (a feature plan).</summary>
    public InputDomain? Domain { get; init; }

    public static InputKind KindOf(FieldType type) => type switch
    {
        FieldType.Number or FieldType.Boolean => InputKind.Numeric,
        FieldType.Text => InputKind.Text,
        _ => InputKind.Categorical,
    };
}
