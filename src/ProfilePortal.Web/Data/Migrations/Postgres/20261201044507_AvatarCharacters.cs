using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ProfilePortal.Web.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class AvatarCharacters : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<byte[]>(
                name: "FullBody",
                table: "UserAvatars",
                type: "bytea",
                nullable: true);

            migrationBuilder.AddColumn<bool>(
                name: "AvatarIsCharacter",
                table: "AspNetUsers",
                type: "boolean",
                nullable: false,
                defaultValue: false);

            migrationBuilder.CreateTable(
                name: "AvatarCharacters",
                columns: table => new
                {
                    UserId = table.Column<Guid>(type: "uuid", nullable: false),
                    Document = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: false),
                    UpdatedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AvatarCharacters", x => x.UserId);
                    table.ForeignKey(
                        name: "FK_AvatarCharacters_AspNetUsers_UserId",
                        column: x => x.UserId,
                        principalTable: "AspNetUsers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "AvatarCharacters");

            migrationBuilder.DropColumn(
                name: "FullBody",
                table: "UserAvatars");

            migrationBuilder.DropColumn(
                name: "AvatarIsCharacter",
                table: "AspNetUsers");
        }
    }
}
