using System.Data.Common;
using System.Globalization;
using Graft.Storage;
using Microsoft.EntityFrameworkCore;

namespace Graft.Serving;

/// <summary>
/// Inserts a batch of prediction records with one prepared statement in one transaction: the log's write rate
/// must keep up with the service's answer rate, which change tracking would not. Column names follow the EF
/// model (and its migration); a test reads the rows back through EF to keep them in step.
/// </summary>
internal static class PredictionRecordWriter
{
    private const string Insert = """
        INSERT INTO "PredictionRecords" ("Id", "UseCaseId", "At", "ModelVersion", "Stage", "Route", "FallbackReason", "EntityId", "InputsJson", "OutputJson", "LatencyMs", "KeyId")
        VALUES ($id, $useCase, $at, $model, $stage, $route, $reason, $entity, $inputs, $output, $latency, $key)
        """;

    private static readonly string[] Names = ["$id", "$useCase", "$at", "$model", "$stage", "$route", "$reason", "$entity", "$inputs", "$output", "$latency", "$key"];

    public static async Task InsertAsync(GraftHome home, IReadOnlyList<PredictionRecord> records)
    {
        await using var db = home.CreateDb();
        var connection = db.Database.GetDbConnection();
        await connection.OpenAsync();
        await using var transaction = await connection.BeginTransactionAsync();
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = Insert;
        var parameters = Names.Select(name => Add(command, name)).ToArray();
        await command.PrepareAsync();
        foreach (var r in records)
        {
            object?[] values =
            [
                r.Id, r.UseCaseId, r.At.ToString("yyyy-MM-dd HH:mm:ss.FFFFFFF", CultureInfo.InvariantCulture), r.ModelVersion, r.Stage, r.Route,
                r.FallbackReason, r.EntityId, r.InputsJson, r.OutputJson, r.LatencyMs, r.KeyId,
            ];
            for (var i = 0; i < values.Length; i++)
            {
                parameters[i].Value = values[i] ?? DBNull.Value;
            }
            command.ExecuteNonQuery(); // SQLite's driver is synchronous underneath; the async form only adds a task per row
        }
        await transaction.CommitAsync();
    }

    private static DbParameter Add(DbCommand command, string name)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = name;
        command.Parameters.Add(parameter);
        return parameter;
    }
}
