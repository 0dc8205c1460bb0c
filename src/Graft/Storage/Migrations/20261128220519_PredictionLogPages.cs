using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Graft.Storage.Migrations
{
    /// <inheritdoc />
    public partial class PredictionLogPages : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "PredictionPages",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    UseCaseId = table.Column<string>(type: "TEXT", nullable: false),
                    FirstId = table.Column<string>(type: "TEXT", nullable: false),
                    LastId = table.Column<string>(type: "TEXT", nullable: false),
                    Count = table.Column<int>(type: "INTEGER", nullable: false),
                    Records = table.Column<byte[]>(type: "BLOB", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_PredictionPages", x => x.Id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_PredictionPages_UseCaseId_FirstId_LastId",
                table: "PredictionPages",
                columns: new[] { "UseCaseId", "FirstId", "LastId" });

            // Each use case's records, a page for each 256 ms of ids (their first ten digits), well within a page's
            // span. SQL cannot compress them, so these pages hold their JSON as it is (the reader takes both).
            migrationBuilder.Sql("""
                INSERT INTO "PredictionPages" ("UseCaseId", "FirstId", "LastId", "Count", "Records")
                SELECT "UseCaseId", min("Id"), max("Id"), count(*), CAST(json_group_array(json("Record")) AS BLOB)
                FROM (
                    SELECT "UseCaseId", "Id", substr("Id", 1, 10) AS "Part",
                        json_object('id', "Id", 'at', replace("At", ' ', 'T') || 'Z', 'model_version', "ModelVersion", 'stage', "Stage",
                            'route', "Route", 'fallback_reason', "FallbackReason", 'entity_id', "EntityId", 'inputs', json("InputsJson"),
                            'output', json("OutputJson"), 'latency_ms', "LatencyMs", 'key_id', "KeyId") AS "Record"
                    FROM "PredictionRecords"
                    ORDER BY "UseCaseId", "Id")
                GROUP BY "UseCaseId", "Part";
                """);

            migrationBuilder.DropTable(
                name: "PredictionRecords");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "PredictionRecords",
                columns: table => new
                {
                    Id = table.Column<string>(type: "TEXT", nullable: false),
                    At = table.Column<DateTime>(type: "TEXT", nullable: false),
                    EntityId = table.Column<string>(type: "TEXT", nullable: true),
                    FallbackReason = table.Column<string>(type: "TEXT", nullable: true),
                    InputsJson = table.Column<string>(type: "TEXT", nullable: false),
                    KeyId = table.Column<string>(type: "TEXT", nullable: true),
                    LatencyMs = table.Column<double>(type: "REAL", nullable: false),
                    ModelVersion = table.Column<string>(type: "TEXT", nullable: true),
                    OutputJson = table.Column<string>(type: "TEXT", nullable: false),
                    Route = table.Column<string>(type: "TEXT", nullable: false),
                    Stage = table.Column<string>(type: "TEXT", nullable: false),
                    UseCaseId = table.Column<string>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_PredictionRecords", x => x.Id);
                });

            // Only the uncompressed pages go back a row a record: SQL cannot read gzip, so the records of the pages
            // the writer compressed are lost on the way down.
            migrationBuilder.Sql("""
                INSERT INTO "PredictionRecords" ("Id", "UseCaseId", "At", "ModelVersion", "Stage", "Route", "FallbackReason", "EntityId",
                    "InputsJson", "OutputJson", "LatencyMs", "KeyId")
                SELECT json_extract(r.value, '$.id'), p."UseCaseId", replace(rtrim(json_extract(r.value, '$.at'), 'Z'), 'T', ' '),
                    json_extract(r.value, '$.model_version'), json_extract(r.value, '$.stage'), json_extract(r.value, '$.route'),
                    json_extract(r.value, '$.fallback_reason'), json_extract(r.value, '$.entity_id'), json_extract(r.value, '$.inputs'),
                    json_extract(r.value, '$.output'), json_extract(r.value, '$.latency_ms'), json_extract(r.value, '$.key_id')
                FROM "PredictionPages" AS p, json_each(CAST(p."Records" AS TEXT)) AS r
                WHERE substr(p."Records", 1, 1) = CAST('[' AS BLOB);
                """);

            migrationBuilder.DropTable(
                name: "PredictionPages");
        }
    }
}
