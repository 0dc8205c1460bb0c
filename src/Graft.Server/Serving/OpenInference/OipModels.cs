using Graft.Registry;
using Graft.Serving;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Graft.Server.Serving.OpenInference;

/// <summary>
/// The model a /v2 route names: a model is a use case, and its versions are the model version numbers
/// (<c>churn-risk-v3</c> is version <c>3</c>); without a version, the champion.
/// </summary>
internal static class OipModels
{
    public static async Task<(LoadedModel? Model, JsonHttpResult<OipError>? Error)> ResolveAsync(
        string name, string? version, ServingState state, CancellationToken cancellationToken)
    {
        var view = await state.UseCaseAsync(name, cancellationToken);
        if (view is null)
        {
            return (null, OipError.Result($"no model '{name}'", StatusCodes.Status404NotFound));
        }
        string? id = version is null ? view.Champion : int.TryParse(version, out var n) && n > 0 ? ModelRegistry.ModelVersionId(name, n) : null;
        if (id is null)
        {
            return (null, OipError.Result(version is null ? $"model '{name}' has no champion yet" : $"'{version}' is not a version number of '{name}'"));
        }
        try
        {
            var model = await state.ModelAsync(id, cancellationToken);
            return model.Card.UseCase == name ? (model, null) : (null, OipError.Result($"no version {version} of '{name}'", StatusCodes.Status404NotFound));
        }
        catch (GraftException e) when (e.Kind == FailureKind.NotFound)
        {
            return (null, OipError.Result($"no version {version} of '{name}'", StatusCodes.Status404NotFound));
        }
        catch (GraftException e) when (e.Kind == FailureKind.Conflict)
        {
            return (null, OipError.Result($"version {version ?? "champion"} of '{name}' cannot be loaded", StatusCodes.Status503ServiceUnavailable));
        }
    }

    /// <summary>The protocol's version of a model version id: its number.</summary>
    public static string Number(string version) => version[(version.LastIndexOf("-v", StringComparison.Ordinal) + 2)..];
}
