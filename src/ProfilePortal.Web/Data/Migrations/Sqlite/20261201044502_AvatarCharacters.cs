using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ProfilePortal.Web.Data.Migrations.Sqlite
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
                type: "BLOB",
                nullable: true);

            migrationBuilder.AddColumn<bool>(
                name: "AvatarIsCharacter",
                table: "AspNetUsers",
                type: "INTEGER",
                nullable: false,
                defaultValue: false);

            migrationBuilder.CreateTable(
                name: "AvatarCharacters",
                columns: table => new
                {
                    UserId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Document = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: false),
                    UpdatedAt = table.Column<DateTime>(type: "TEXT", nullable: false)
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
