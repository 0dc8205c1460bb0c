using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Graft.Storage.Migrations
{
    /// <inheritdoc />
    public partial class ModelDatasets : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "DatasetsJson",
                table: "ModelVersions",
                type: "TEXT",
                nullable: false,
                defaultValue: "[]");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "DatasetsJson",
                table: "ModelVersions");
        }
    }
}
