using Graft.Server.Governance;
using Graft.Serving;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace Graft.Server.Serving;

/// <summary>
/// A bare minimal-API endpoint of the same shape as predict (same key check, same JSON in and out, no scoring,
/// no log), mapped only when <c>Graft:Bench:BareEndpoint</c> is true, so a benchmark can measure what predict
/// costs against what the framework alone costs, in the same server.
/// </summary>
public static class BareEndpoint
{
    public const string Setting = "Graft:Bench:BareEndpoint";

    // As many fields, and numbers as long, as the demo model's answers: the same JSON out, not just the same names.
    private static readonly Contribution[] Explanation =
        [new("contract", 0.512345), new("tenure_months", -0.254321), new("monthly_charges", 0.123456), new("support_tickets_90d", 0.098765), new("nps_score", -0.043219)];

    public static IEndpointRouteBuilder MapBareEndpoint(this IEndpointRouteBuilder routes)
    {
        routes.MapPost("/bench/usecases/{id}/predict", Answer).RequireAuthorization(AuthenticationSetup.Predict).WithName("BenchBare").ExcludeFromDescription();
        return routes;
    }

    private static Results<Ok<PredictionResponse>, BadRequest> Answer(string id, PredictionRequest request) =>
        request.Inputs is null
            ? TypedResults.BadRequest()
            : TypedResults.Ok(new PredictionResponse(PredictionIds.Next(DateTimeOffset.UtcNow), id, "bench-v1", "auto", null, "auto", null, "Yes", 0.6137, 0.3,
                null, null, "high", [], Explanation, -1.1, 0.02, 0.01));
}
