using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Graft.Audit;
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

    /// <summary>
    /// The file's columns the service said are not fields of the use case, with its hint when it has one; they
    /// are left out of every row. A file usually has columns of its own (an export's extra ones), which scoring
    /// in process ignores too, and a key for an app may not read the spec to know the fields beforehand.
    /// </summary>
    public SortedDictionary<string, string> LeftOut { get; } = new(StringComparer.Ordinal);

    public async Task<List<PredictionResponse>> ScoreAsync(string useCase, Frame frame, IProgress<double>? progress, CancellationToken cancellationToken)
    {
        using var client = new HttpClient { BaseAddress = server, Timeout = TimeSpan.FromMinutes(2) };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);
        var answers = new List<PredictionResponse>(frame.RowCount);
        for (var start = 0; start < frame.RowCount;)
        {
            var rows = Enumerable.Range(start, Math.Min(BatchRows, frame.RowCount - start)).Select(r => Row(frame, r)).ToList();
            using var response = await _retry.ExecuteAsync(async ct =>
                await client.PostAsJsonAsync($"v1/usecases/{Uri.EscapeDataString(useCase)}/predict", new { rows }, Json, ct), cancellationToken);
            if (!response.IsSuccessStatusCode)
            {
                var text = await response.Content.ReadAsStringAsync(cancellationToken);
                if (response.StatusCode == HttpStatusCode.BadRequest && LeaveOutUnknownColumns(text, frame))
                {
                    continue; // the same rows again, without those columns
                }
                throw GraftException.Invalid($"the service refused rows {start + 1}-{start + rows.Count}: {(int)response.StatusCode} {Detail(text)}");
            }
            var batch = await response.Content.ReadFromJsonAsync<BatchPredictionResponse>(Json, cancellationToken);
            answers.AddRange(batch!.Predictions);
            progress?.Report((double)answers.Count / frame.RowCount);
            start += rows.Count;
        }
        return answers;
    }

    /// <summary>
    /// When every problem the service found is a column that is not a field, leaves those columns out and says
    /// to try again; false otherwise (a bad value is the user's to fix). Fails when no column would be left.
    /// </summary>
    private bool LeaveOutUnknownColumns(string problem, Frame frame)
    {
        var unknown = new Dictionary<string, string>(StringComparer.Ordinal);
        try
        {
            if (!JsonDocument.Parse(problem).RootElement.TryGetProperty("errors", out var errors) || errors.ValueKind != JsonValueKind.Object)
            {
                return false;
            }
            foreach (var error in errors.EnumerateObject())
            {
                var message = error.Value.ValueKind == JsonValueKind.Array && error.Value.GetArrayLength() > 0 ? error.Value[0].GetString() ?? "" : "";
                var column = error.Name[(error.Name.IndexOf("].", StringComparison.Ordinal) + 2)..];
                if (!message.StartsWith(InputCheck.NotAField, StringComparison.Ordinal) || !frame.Contains(column) || LeftOut.ContainsKey(column))
                {
                    return false;
                }
                unknown[column] = message[InputCheck.NotAField.Length..].TrimStart(';', ' ');
            }
        }
        catch (JsonException)
        {
            return false;
        }
        foreach (var (column, hint) in unknown)
        {
            LeftOut[column] = hint;
        }
        if (LeftOut.Count == frame.ColumnCount)
        {
            throw GraftException.Invalid($"none of the file's columns is a field of this use case ({Wording.Names(frame.Names)})");
        }
        return unknown.Count > 0;
    }

    /// <summary>A row as the service takes it: present values as text (the service reads numbers from text), missing ones and left-out columns left out.</summary>
    private Dictionary<string, object?> Row(Frame frame, int row)
    {
        var inputs = new Dictionary<string, object?>(StringComparer.Ordinal);
        for (var c = 0; c < frame.ColumnCount; c++)
        {
            if (frame.Column(c)[row] is { } value && !LeftOut.ContainsKey(frame.Names[c]))
            {
                inputs[frame.Names[c]] = value;
            }
        }
        return new Dictionary<string, object?> { ["inputs"] = inputs };
    }

    private static string Detail(string text)
    {
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
