using System.Text.Json;
using Graft.Server.Governance;
using Graft.Server.Monitoring;
using Graft.Server.Serving;
using Graft.Storage;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.DependencyInjection;

namespace Graft.Server;

/// <summary>The service's table of contents: what it registers and which route groups it maps.</summary>
public static class GraftServer
{
    public static WebApplication Create(GraftHome home, Action<WebApplicationBuilder>? configure = null)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Services.AddSingleton(home);
        builder.Services.AddSingleton(home.Time);
        builder.Services.Configure<JsonOptions>(o =>
        {
            o.SerializerOptions.PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower;
            o.SerializerOptions.MaxDepth = 32;
        });
        builder.Services.AddProblemDetails();
        builder.Services.AddGraftAuthentication();
        builder.Services.AddServing();
        configure?.Invoke(builder);

        var app = builder.Build();
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.UseAuthentication();
        app.UseAuthorization();
        app.MapHealth();
        app.MapPredictions();
        return app;
    }
}
