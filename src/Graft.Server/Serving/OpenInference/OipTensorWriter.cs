using Graft.Registry;
using Graft.Serving;
using Graft.UseCases;

namespace Graft.Server.Serving.OpenInference;

/// <summary>
/// The model's outputs as the protocol's tensors, one value per row: binary <c>label</c> and <c>score</c> (the
/// positive class's probability), multiclass <c>label</c> and <c>scores</c> (a row of class probabilities, in the
/// order of the card's classes), regression <c>value</c>; and for every task <c>route</c>.
/// </summary>
internal static class OipTensorWriter
{
    /// <summary>One output: its name, datatype, and whether a row holds a value per class rather than one.</summary>
    private sealed record Output(string Name, string Datatype, bool PerClass = false);

    private static readonly Output Label = new("label", "BYTES");

    // Which way each row was answered: auto, review or shadow (the model), or fallback (the rule).
    private static readonly Output Route = new("route", "BYTES");

    private static Output[] Outputs(ModelCard card) => card.Task switch
    {
        TaskKind.Binary => [Label, new("score", "FP64"), Route],
        TaskKind.Multiclass => [Label, new("scores", "FP64", PerClass: true), Route],
        _ => [new("value", "FP64"), Route],
    };

    public static IReadOnlyList<OipTensorMetadata> Metadata(ModelCard card) =>
        [.. Outputs(card).Select(o => new OipTensorMetadata(o.Name, o.Datatype, o.PerClass ? [-1, card.Classes.Count] : [-1]))];

    public static IReadOnlyList<string> Names(ModelCard card) => [.. Outputs(card).Select(o => o.Name)];

    /// <summary>The <paramref name="requested"/> outputs in that order (null: all, in the metadata's order).</summary>
    public static IReadOnlyList<OipOutputTensor> Write(ModelCard card, IReadOnlyList<PredictionResponse> answers, IReadOnlyList<string>? requested)
    {
        var outputs = Outputs(card);
        return [.. (requested is null ? outputs : requested.Select(name => outputs.First(o => o.Name == name))).Select(o => Write(o, card, answers))];
    }

    private static OipOutputTensor Write(Output output, ModelCard card, IReadOnlyList<PredictionResponse> answers)
    {
        object data = output.Name switch
        {
            "label" => answers.Select(a => a.Label).ToArray(),
            "score" => answers.Select(a => a.Score).ToArray(),
            "scores" => answers.SelectMany(a => card.Classes.Select(c => a.Scores?.GetValueOrDefault(c) ?? 0)).ToArray(),
            "value" => answers.Select(a => a.Value).ToArray(),
            _ => answers.Select(a => a.Route).ToArray(),
        };
        return new(output.Name, output.Datatype, output.PerClass ? [answers.Count, card.Classes.Count] : [answers.Count], data);
    }
}
