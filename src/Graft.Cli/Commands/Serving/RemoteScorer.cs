using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Graft.Data;
using Graft.Serving;
using Polly;
using Polly.Retry;

namespace Graft.Cli.Commands.Serving;

/// <summary>
/// Scores a table through a running `graft serve`, in batches of 1,000 rows, retrying briefly when the service
/// is busy (429) or momentarily unavailable, and failing with the service's own message otherwise.
/// </summary>
internal sealed class RemoteScorer(Uri server, string key)
{
    private const int BatchRows = PredictionRequest.MaxBatchRows;
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower };

    private readonly ResiliencePipeline<HttpResponseMessage> _retry = new ResiliencePipelineBuilder<HttpResponseMessage>()
        .AddRetry(new RetryStrategyOptions<HttpResponseMessage>
        {
            MaxRetryAttempts = 4,
            Delay = TimeSpan.FromMilliseconds(250),
            BackoffType = DelayBackoffType.Exponential,
            ShouldHandle = new PredicateBuilder<HttpResponseMessage>()
                .Handle<HttpRequestException>()
                .HandleResult(r => r.StatusCode is HttpStatusCode.TooManyRequests or HttpStatusCode.ServiceUnavailable or HttpStatusCode.BadGateway),
        })
        .Build();

    public async Task<List<PredictionResponse>> ScoreAsync(string useCase, Frame frame, IProgress<double>? progress, CancellationToken cancellationToken)
    {
        using var client = new HttpClient { BaseAddress = server, Timeout = TimeSpan.FromMinutes(2) };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);
        var answers = new List<PredictionResponse>(frame.RowCount);
        for (var start = 0; start < frame.RowCount; start += BatchRows)
        {
            var rows = Enumerable.Range(start, Math.Min(BatchRows, frame.RowCount - start)).Select(r => Row(frame, r)).ToList();
            using var response = await _retry.ExecuteAsync(async ct =>
                await client.PostAsJsonAsync($"v1/usecases/{Uri.EscapeDataString(useCase)}/predict", new { rows }, Json, ct), cancellationToken);
            if (!response.IsSuccessStatusCode)
            {
                throw GraftException.Invalid($"the service refused rows {start + 1}-{start + rows.Count}: {(int)response.StatusCode} {await Detail(response, cancellationToken)}");
            }
            var batch = await response.Content.ReadFromJsonAsync<BatchPredictionResponse>(Json, cancellationToken);
            answers.AddRange(batch!.Predictions);
            progress?.Report((double)answers.Count / frame.RowCount);
        }
        return answers;
    }

    /// <summary>A row as the service takes it: present values as text (the service reads numbers from text), missing ones left out.</summary>
    private static Dictionary<string, object?> Row(Frame frame, int row)
    {
        var inputs = new Dictionary<string, object?>(StringComparer.Ordinal);
        for (var c = 0; c < frame.ColumnCount; c++)
        {
            if (frame.Column(c)[row] is { } value)
            {
                inputs[frame.Names[c]] = value;
            }
        }
        return new Dictionary<string, object?> { ["inputs"] = inputs };
    }

    private static async Task<string> Detail(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        var text = await response.Content.ReadAsStringAsync(cancellationToken);
        try
        {
            var body = JsonDocument.Parse(text).RootElement;
            var detail = body.TryGetProperty("detail", out var d) ? d.GetString() : body.TryGetProperty("title", out var t) ? t.GetString() : text;
            return body.TryGetProperty("errors", out var errors) ? $"{detail}: {errors.GetRawText()}" : detail ?? "";
        }
        catch (JsonException)
        {
            return text.Length > 200 ? text[..200] : text;
        }
    }
}
