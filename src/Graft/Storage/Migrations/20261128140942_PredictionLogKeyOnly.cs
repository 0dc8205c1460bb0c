using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Graft.Storage.Migrations
{
    /// <inheritdoc />
    public partial class PredictionLogKeyOnly : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_PredictionRecords_UseCaseId_At",
                table: "PredictionRecords");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateIndex(
                name: "IX_PredictionRecords_UseCaseId_At",
                table: "PredictionRecords",
                columns: new[] { "UseCaseId", "At" });
        }
    }
}
