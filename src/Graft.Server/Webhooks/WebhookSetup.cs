using Graft.Webhooks;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Graft.Server.Webhooks;

public static class WebhookSetup
{
    /// <summary>The sender and its HTTP client, with the schedule of section <see cref="WebhookSchedule.Section"/>; the background sending unless disabled.</summary>
    public static IServiceCollection AddWebhooks(this IServiceCollection services, IConfiguration configuration)
    {
        var section = configuration.GetSection(WebhookSchedule.Section);
        var schedule = section.Get<WebhookSchedule>() ?? new WebhookSchedule();
        services.Configure<WebhookSchedule>(section);
        services.AddHttpClient(WebhookSender.ClientName, client => client.Timeout = schedule.Timeout)
            // a redirect could lead anywhere, this server included; and the client's own request logs would show URLs' queries
            .ConfigurePrimaryHttpMessageHandler(() => new SocketsHttpHandler { AllowAutoRedirect = false, UseCookies = false })
            .RemoveAllLoggers();
        services.AddSingleton<WebhookSender>();
        return schedule.Enabled ? services.AddHostedService<WebhookDispatcher>() : services;
    }
}
