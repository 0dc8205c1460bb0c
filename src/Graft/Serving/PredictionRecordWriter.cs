using System.Buffers;
using System.IO.Compression;
using System.Text.Encodings.Web;
using System.Text.Json;
using Graft.Storage;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using SQLitePCL;

namespace Graft.Serving;

/// <summary>
/// Writes batches of prediction records as pages of the log (<see cref="PredictionPage"/>), each batch in one
/// transaction, through one connection and one prepared statement kept for the log's lifetime: the log's write
/// rate must keep up with batch scoring, which neither change tracking nor ADO.NET's named parameters would. A
/// page's JSON is written into one reused buffer and compressed into another (gzip at its fastest level: the
/// compression costs less than writing the bytes it saves, twice, through the write-ahead log). The connection
/// checkpoints its write-ahead log every <see cref="CheckpointPages"/> pages (40 MB of the store's 16 KB pages)
/// instead of SQLite's 1,000: an appended page rewritten by several batches is then copied back to the database
/// once. Column names follow the EF model (and its migration); a test reads the pages back through EF.
/// </summary>
internal sealed class PredictionRecordWriter(GraftHome home) : IAsyncDisposable
{
    public const int CheckpointPages = 2_500;

    private const string Insert = """
        INSERT INTO "PredictionPages" ("UseCaseId", "FirstId", "LastId", "Count", "Records", "Entities") VALUES (?1, ?2, ?3, ?4, ?5, ?6)
        """;

    /// <summary>JSON's own escaping, not HTML's, as for the record's inputs and answer (<see cref="LogJson"/>).</summary>
    private static readonly JsonWriterOptions JsonOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private readonly ArrayBufferWriter<byte> _page = new(256 * 1024);
    private readonly MemoryStream _compressed = new(64 * 1024);
    private Open? _open;

    /// <summary>The connection and statement in use; a failure closes them, so the next attempt starts afresh.</summary>
    private sealed record Open(GraftDb Db, SqliteConnection Connection, sqlite3_stmt Statement, Utf8JsonWriter Json);

    public async Task InsertAsync(IReadOnlyList<PredictionRecord> records)
    {
        try
        {
            var (_, connection, statement, json) = _open ??= await OpenAsync();
            await using var transaction = await connection.BeginTransactionAsync();
            foreach (var page in PredictionPage.Cut(records))
            {
                _page.ResetWrittenCount();
                json.Reset(_page);
                json.WriteStartArray();
                foreach (var record in page.Records)
                {
                    PredictionRecordJson.Write(json, record);
                }
                json.WriteEndArray();
                json.Flush();
                raw.sqlite3_bind_text(statement, 1, page.UseCaseId);
                raw.sqlite3_bind_text(statement, 2, page.FirstId);
                raw.sqlite3_bind_text(statement, 3, page.LastId);
                raw.sqlite3_bind_int(statement, 4, page.Records.Count);
                raw.sqlite3_bind_blob(statement, 5, Compress(_page.WrittenSpan));
                if (Feedback.PageEntities.Of(page.Records) is { } entities)
                {
                    raw.sqlite3_bind_blob(statement, 6, entities);
                }
                else
                {
                    raw.sqlite3_bind_null(statement, 6);
                }
                var done = raw.sqlite3_step(statement);
                raw.sqlite3_reset(statement);
                if (done != raw.SQLITE_DONE)
                {
                    SqliteException.ThrowExceptionForRC(done, connection.Handle);
                }
            }
            await AddReviewsAsync(_open.Db, transaction, records);
            await transaction.CommitAsync();
        }
        catch
        {
            await DisposeAsync();
            throw;
        }
    }

    /// <summary>
    /// The review items the batch's answers opened, through EF in the page's own transaction: an item exists exactly when
    /// its prediction does, and is as durable; so does its <c>review.created</c> event.
    /// </summary>
    private static async Task AddReviewsAsync(GraftDb db, System.Data.Common.DbTransaction transaction, IReadOnlyList<PredictionRecord> records)
    {
        var items = records.Where(r => r.Review is not null).Select(r => r.Review!.Item(r)).ToList();
        if (items.Count == 0)
        {
            return;
        }
        await db.Database.UseTransactionAsync(transaction);
        try
        {
            db.ReviewItems.AddRange(items);
            await Review.ReviewEvents.CreatedAsync(db, items, CancellationToken.None);
            await db.SaveChangesAsync();
        }
        finally
        {
            db.ChangeTracker.Clear();
            await db.Database.UseTransactionAsync(null);
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_open is { } open)
        {
            _open = null;
            open.Statement.Dispose();
            await open.Json.DisposeAsync();
            await open.Db.DisposeAsync();
        }
    }

    private ReadOnlySpan<byte> Compress(ReadOnlySpan<byte> json)
    {
        _compressed.SetLength(0);
        using (var gzip = new GZipStream(_compressed, CompressionLevel.Fastest, leaveOpen: true))
        {
            gzip.Write(json);
        }
        return _compressed.GetBuffer().AsSpan(0, (int)_compressed.Length);
    }

    private async Task<Open> OpenAsync()
    {
        var db = home.CreateDb();
        try
        {
            var connection = (SqliteConnection)db.Database.GetDbConnection();
            await connection.OpenAsync();
            using (var pragma = connection.CreateCommand())
            {
                pragma.CommandText = $"PRAGMA wal_autocheckpoint = {CheckpointPages}";
                await pragma.ExecuteNonQueryAsync();
            }
            var handle = connection.Handle!;
            SqliteException.ThrowExceptionForRC(raw.sqlite3_prepare_v2(handle, Insert, out var statement), handle);
            return new Open(db, connection, statement, new Utf8JsonWriter(_page, JsonOptions));
        }
        catch
        {
            await db.DisposeAsync();
            throw;
        }
    }
}
