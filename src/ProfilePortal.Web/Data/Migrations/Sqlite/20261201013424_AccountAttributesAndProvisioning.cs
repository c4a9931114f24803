using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

#pragma warning disable CA1814 // Prefer jagged arrays over multidimensional

namespace ProfilePortal.Web.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class AccountAttributesAndProvisioning : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "ExternalId",
                table: "AspNetUsers",
                type: "TEXT",
                maxLength: 256,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "NormalizedProvisionedUserName",
                table: "AspNetUsers",
                type: "TEXT",
                maxLength: 256,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "ProvisionedUserName",
                table: "AspNetUsers",
                type: "TEXT",
                maxLength: 256,
                nullable: true);

            migrationBuilder.CreateTable(
                name: "AccountAttributeDefinitions",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    Key = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    Label = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    Type = table.Column<string>(type: "TEXT", maxLength: 10, nullable: false),
                    Choices = table.Column<string>(type: "TEXT", maxLength: 5152, nullable: false),
                    EditableBy = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    ShownOnProfile = table.Column<bool>(type: "INTEGER", nullable: false),
                    Position = table.Column<int>(type: "INTEGER", nullable: false),
                    IsBuiltIn = table.Column<bool>(type: "INTEGER", nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AccountAttributeDefinitions", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "ProvisioningTokens",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    Name = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    Hash = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    DisplayPrefix = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    CreatedById = table.Column<Guid>(type: "TEXT", nullable: false),
                    RevokedAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    LastUsedAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    LastUsedIp = table.Column<string>(type: "TEXT", maxLength: 45, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ProvisioningTokens", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "AccountAttributeValues",
                columns: table => new
                {
                    UserId = table.Column<Guid>(type: "TEXT", nullable: false),
                    DefinitionId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Value = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    UpdatedAt = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AccountAttributeValues", x => new { x.UserId, x.DefinitionId });
                    table.ForeignKey(
                        name: "FK_AccountAttributeValues_AccountAttributeDefinitions_DefinitionId",
                        column: x => x.DefinitionId,
                        principalTable: "AccountAttributeDefinitions",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_AccountAttributeValues_AspNetUsers_UserId",
                        column: x => x.UserId,
                        principalTable: "AspNetUsers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.InsertData(
                table: "AccountAttributeDefinitions",
                columns: new[] { "Id", "Choices", "CreatedAt", "EditableBy", "IsBuiltIn", "Key", "Label", "Position", "ShownOnProfile", "Type" },
                values: new object[,]
                {
                    { new Guid("3b0e6f1c-5a43-4d0e-9a55-0f3c1d2b7a01"), "[]", new DateTime(2026, 12, 1, 0, 0, 0, 0, DateTimeKind.Utc), "Administrators", true, "former_student", "Former student", 1, true, "YesNo" },
                    { new Guid("3b0e6f1c-5a43-4d0e-9a55-0f3c1d2b7a02"), "[]", new DateTime(2026, 12, 1, 0, 0, 0, 0, DateTimeKind.Utc), "Administrators", true, "exclude_from_sync", "Exclude from sync", 2, true, "YesNo" }
                });

            migrationBuilder.CreateIndex(
                name: "IX_AspNetUsers_ExternalId",
                table: "AspNetUsers",
                column: "ExternalId",
                filter: "\"ExternalId\" IS NOT NULL");

            migrationBuilder.CreateIndex(
                name: "IX_AspNetUsers_NormalizedProvisionedUserName",
                table: "AspNetUsers",
                column: "NormalizedProvisionedUserName",
                unique: true,
                filter: "\"NormalizedProvisionedUserName\" IS NOT NULL");

            migrationBuilder.CreateIndex(
                name: "IX_AccountAttributeDefinitions_Key",
                table: "AccountAttributeDefinitions",
                column: "Key",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_AccountAttributeValues_DefinitionId",
                table: "AccountAttributeValues",
                column: "DefinitionId");

            migrationBuilder.CreateIndex(
                name: "IX_ProvisioningTokens_Hash",
                table: "ProvisioningTokens",
                column: "Hash",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_ProvisioningTokens_Name",
                table: "ProvisioningTokens",
                column: "Name",
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "AccountAttributeValues");

            migrationBuilder.DropTable(
                name: "ProvisioningTokens");

            migrationBuilder.DropTable(
                name: "AccountAttributeDefinitions");

            migrationBuilder.DropIndex(
                name: "IX_AspNetUsers_ExternalId",
                table: "AspNetUsers");

            migrationBuilder.DropIndex(
                name: "IX_AspNetUsers_NormalizedProvisionedUserName",
                table: "AspNetUsers");

            migrationBuilder.DropColumn(
                name: "ExternalId",
                table: "AspNetUsers");

            migrationBuilder.DropColumn(
                name: "NormalizedProvisionedUserName",
                table: "AspNetUsers");

            migrationBuilder.DropColumn(
                name: "ProvisionedUserName",
                table: "AspNetUsers");
        }
    }
}
