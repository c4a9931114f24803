using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace ProfilePortal.Web.Data.Migrations;

/// <summary>Uploaded avatars (SPEC 2.2) and the avatar state on the user.</summary>
[DbContext(typeof(AppDbContext))]
[Migration("20261122140000_UserAvatars")]
public sealed class UserAvatars : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.AddColumn<bool>(name: "HasAvatar", table: "AspNetUsers", nullable: false, defaultValue: false);
        migrationBuilder.AddColumn<int>(name: "AvatarVersion", table: "AspNetUsers", nullable: false, defaultValue: 0);

        migrationBuilder.CreateTable(
            name: "UserAvatars",
            columns: table => new
            {
                UserId = table.Column<Guid>(nullable: false),
                Image512 = table.Column<byte[]>(nullable: false),
                Image128 = table.Column<byte[]>(nullable: false),
                ContentType = table.Column<string>(maxLength: 50, nullable: false),
                Version = table.Column<int>(nullable: false),
                UpdatedAt = table.Column<DateTime>(nullable: false),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_UserAvatars", x => x.UserId);
                table.ForeignKey("FK_UserAvatars_AspNetUsers_UserId", x => x.UserId, "AspNetUsers", "Id", onDelete: ReferentialAction.Cascade);
            });
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.DropTable("UserAvatars");
        migrationBuilder.DropColumn("AvatarVersion", "AspNetUsers");
        migrationBuilder.DropColumn("HasAvatar", "AspNetUsers");
    }
}
