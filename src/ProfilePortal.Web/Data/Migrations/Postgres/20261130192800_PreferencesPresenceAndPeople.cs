using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ProfilePortal.Web.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class PreferencesPresenceAndPeople : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_AspNetUsers_OrganizationId",
                table: "AspNetUsers");

            migrationBuilder.AddColumn<string>(
                name: "ActivityStatus",
                table: "AspNetUsers",
                type: "character varying(20)",
                maxLength: 20,
                nullable: false,
                defaultValue: "Online");

            migrationBuilder.AddColumn<string>(
                name: "Appearance",
                table: "AspNetUsers",
                type: "character varying(10)",
                maxLength: 10,
                nullable: false,
                defaultValue: "System");

            migrationBuilder.AddColumn<int>(
                name: "HiddenPeopleCardFields",
                table: "AspNetUsers",
                type: "integer",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<string>(
                name: "PreferredLanguage",
                table: "AspNetUsers",
                type: "character varying(16)",
                maxLength: 16,
                nullable: true);

            migrationBuilder.CreateIndex(
                name: "IX_AspNetUsers_OrganizationId_NormalizedFullName",
                table: "AspNetUsers",
                columns: new[] { "OrganizationId", "NormalizedFullName" });

            migrationBuilder.CreateIndex(
                name: "IX_AspNetUsers_OrganizationId_NormalizedSortName",
                table: "AspNetUsers",
                columns: new[] { "OrganizationId", "NormalizedSortName" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_AspNetUsers_OrganizationId_NormalizedFullName",
                table: "AspNetUsers");

            migrationBuilder.DropIndex(
                name: "IX_AspNetUsers_OrganizationId_NormalizedSortName",
                table: "AspNetUsers");

            migrationBuilder.DropColumn(
                name: "ActivityStatus",
                table: "AspNetUsers");

            migrationBuilder.DropColumn(
                name: "Appearance",
                table: "AspNetUsers");

            migrationBuilder.DropColumn(
                name: "HiddenPeopleCardFields",
                table: "AspNetUsers");

            migrationBuilder.DropColumn(
                name: "PreferredLanguage",
                table: "AspNetUsers");

            migrationBuilder.CreateIndex(
                name: "IX_AspNetUsers_OrganizationId",
                table: "AspNetUsers",
                column: "OrganizationId");
        }
    }
}
