using Graft.Training;
using Graft.UseCases;

namespace Graft.Registry;

/// <summary>
/// One input of a model version as <c>graft models show</c> and the API list it: its kind, whether a request must
/// carry it (the current spec's word, else what training measured), how often training saw it missing, and the
/// range or the number of categories the model knows.
/// </summary>
public sealed record InputSummary(string Field, string Kind, bool Required, double? MissingShare, double? Min, double? Max, int? Categories)
{
    public static InputSummary Of(ModelInput input, UseCaseSpec spec) => new(
        input.Field, input.Kind.ToString().ToLowerInvariant(), spec.Policy(input.Field)?.Required ?? input.Domain?.Required ?? false,
        input.Domain?.MissingShare, input.Domain?.Min, input.Domain?.Max, input.Domain?.Categories?.Count);

    public static IReadOnlyList<InputSummary> Of(ModelCard card, UseCaseSpec spec) => [.. card.Inputs.Select(i => Of(i, spec))];
}
