using System.Text;
using Graft.Storage;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using SQLitePCL;

namespace Graft.Serving;

/// <summary>
/// Inserts batches of prediction records, each in one transaction, through one connection and one prepared
/// statement kept for the log's lifetime: the log's write rate must keep up with batch scoring, which neither
/// change tracking nor ADO.NET's named parameters would. The statement is driven through SQLite's own API,
/// binding by position from a reused UTF-8 buffer; values the records share (use case, model, stage, route,
/// key, time) stay bound from one row to the next. The connection checkpoints its write-ahead log every
/// <see cref="CheckpointPages"/> pages (40 MB of the store's 16 KB pages) instead of SQLite's 1,000: an
/// appended page rewritten by several batches is then copied back to the database once. Column names follow the
/// EF model (and its migration); a test reads the rows back through EF to keep them in step.
/// </summary>
internal sealed class PredictionRecordWriter(GraftHome home) : IAsyncDisposable
{
    public const int CheckpointPages = 2_500;

    private const string Insert = """
        INSERT INTO "PredictionRecords" ("Id", "UseCaseId", "At", "ModelVersion", "Stage", "Route", "FallbackReason", "EntityId", "InputsJson", "OutputJson", "LatencyMs", "KeyId")
        VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)
        """;

    /// <summary>How EF Core stores a <see cref="DateTime"/> in SQLite, so EF reads back what is written here.</summary>
    internal const string EfDateFormat = "yyyy-MM-dd HH:mm:ss.FFFFFFF";

    private Open? _open;

    /// <summary>The connection and statement in use; a failure closes them, so the next attempt starts afresh.</summary>
    private sealed record Open(GraftDb Db, SqliteConnection Connection, sqlite3_stmt Statement, RowBinder Row);

    public async Task InsertAsync(IReadOnlyList<PredictionRecord> records)
    {
        try
        {
            var (_, connection, statement, row) = _open ??= await OpenAsync();
            await using var transaction = await connection.BeginTransactionAsync();
            foreach (var r in records)
            {
                row.Text(1, r.Id);
                row.Text(2, r.UseCaseId);
                row.Time(3, r.At);
                row.Text(4, r.ModelVersion);
                row.Text(5, r.Stage);
                row.Text(6, r.Route);
                row.Text(7, r.FallbackReason);
                row.Text(8, r.EntityId);
                // A record built for the log holds UTF-8; asking it for the string would decode the bytes and keep a copy.
                if (r.InputsUtf8 is { } inputs) { row.Utf8(9, inputs); } else { row.Text(9, r.InputsJson); }
                if (r.OutputUtf8 is { } output) { row.Utf8(10, output); } else { row.Text(10, r.OutputJson); }
                raw.sqlite3_bind_double(statement, 11, r.LatencyMs);
                row.Text(12, r.KeyId);
                var done = raw.sqlite3_step(statement);
                raw.sqlite3_reset(statement);
                if (done != raw.SQLITE_DONE)
                {
                    SqliteException.ThrowExceptionForRC(done, connection.Handle);
                }
            }
            await transaction.CommitAsync();
        }
        catch
        {
            await DisposeAsync();
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_open is { } open)
        {
            _open = null;
            open.Statement.Dispose();
            await open.Db.DisposeAsync();
        }
    }

    /// <summary>
    /// <paramref name="at"/> as <see cref="EfDateFormat"/> writes it, digit by digit: the format string's general
    /// parser cost a fifth of the writer's time, once a record.
    /// </summary>
    internal static int FormatTime(DateTime at, Span<byte> text)
    {
        var (year, month, day) = at;
        Digits(text[..4], year);
        (text[4], text[7], text[10], text[13], text[16]) = ((byte)'-', (byte)'-', (byte)' ', (byte)':', (byte)':');
        Digits(text.Slice(5, 2), month);
        Digits(text.Slice(8, 2), day);
        Digits(text.Slice(11, 2), at.Hour);
        Digits(text.Slice(14, 2), at.Minute);
        Digits(text.Slice(17, 2), at.Second);
        var fraction = (int)(at.Ticks % TimeSpan.TicksPerSecond);
        if (fraction == 0)
        {
            return 19;
        }
        text[19] = (byte)'.';
        Digits(text.Slice(20, 7), fraction);
        var end = 27;
        while (text[end - 1] == '0')
        {
            end--;
        }
        return end;
    }

    private static void Digits(Span<byte> text, int value)
    {
        for (var i = text.Length - 1; i >= 0; i--, value /= 10)
        {
            text[i] = (byte)('0' + value % 10);
        }
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
            return new Open(db, connection, statement, new RowBinder(statement));
        }
        catch
        {
            await db.DisposeAsync();
            throw;
        }
    }

    /// <summary>
    /// Binds values by position. SQLite keeps a binding across resets, so a value that is the same object as the
    /// one already bound is not bound again; text is encoded into one growing buffer, which SQLite copies.
    /// </summary>
    private sealed class RowBinder(sqlite3_stmt statement)
    {
        private static readonly object Null = new();
        private readonly object?[] _bound = new object?[13];
        private DateTime _boundAt;
        private byte[] _utf8 = new byte[4096];

        public void Text(int index, string? value)
        {
            if (ReferenceEquals(_bound[index], value ?? Null))
            {
                return;
            }
            _bound[index] = value ?? Null;
            if (value is null)
            {
                raw.sqlite3_bind_null(statement, index);
                return;
            }
            var length = Encoding.UTF8.GetMaxByteCount(value.Length);
            if (length > _utf8.Length)
            {
                _utf8 = new byte[Math.Max(length, _utf8.Length * 2)];
            }
            raw.sqlite3_bind_text(statement, index, _utf8.AsSpan(0, Encoding.UTF8.GetBytes(value, _utf8)));
        }

        /// <summary>Text already in UTF-8, bound as it is (SQLite copies it).</summary>
        public void Utf8(int index, byte[] utf8)
        {
            _bound[index] = utf8;
            raw.sqlite3_bind_text(statement, index, utf8);
        }

        public void Time(int index, DateTime at)
        {
            if (_bound[index] is not null && at == _boundAt)
            {
                return;
            }
            _bound[index] = Null;
            _boundAt = at;
            Span<byte> text = stackalloc byte[32];
            raw.sqlite3_bind_text(statement, index, text[..FormatTime(at, text)]);
        }
    }
}
