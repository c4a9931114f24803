using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace ProfilePortal.Web.Data.Migrations;

/// <summary>Server-side sessions behind the authentication cookie (SPEC 2.7).</summary>
[DbContext(typeof(AppDbContext))]
[Migration("20261122130000_UserSessions")]
public sealed class UserSessions : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.CreateTable(
            name: "UserSessions",
            columns: table => new
            {
                Id = table.Column<Guid>(nullable: false),
                KeyHash = table.Column<string>(maxLength: 64, nullable: false),
                UserId = table.Column<Guid>(nullable: false),
                Ticket = table.Column<byte[]>(nullable: false),
                CreatedAt = table.Column<DateTime>(nullable: false),
                LastActivityAt = table.Column<DateTime>(nullable: false),
                ExpiresAt = table.Column<DateTime>(nullable: false),
                IsPersistent = table.Column<bool>(nullable: false),
                IpAddress = table.Column<string>(maxLength: 45, nullable: true),
                UserAgent = table.Column<string>(maxLength: 512, nullable: true),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_UserSessions", x => x.Id);
                table.ForeignKey("FK_UserSessions_AspNetUsers_UserId", x => x.UserId, "AspNetUsers", "Id", onDelete: ReferentialAction.Cascade);
            });

        migrationBuilder.CreateIndex("IX_UserSessions_KeyHash", "UserSessions", "KeyHash", unique: true);
        migrationBuilder.CreateIndex("IX_UserSessions_UserId", "UserSessions", "UserId");
    }

    protected override void Down(MigrationBuilder migrationBuilder) => migrationBuilder.DropTable("UserSessions");
}
