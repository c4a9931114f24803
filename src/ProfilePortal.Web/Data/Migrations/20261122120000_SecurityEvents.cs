using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace ProfilePortal.Web.Data.Migrations;

/// <summary>The append-only security log (SPEC 2.4).</summary>
[DbContext(typeof(AppDbContext))]
[Migration("20261122120000_SecurityEvents")]
public sealed class SecurityEvents : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.CreateTable(
            name: "SecurityEvents",
            columns: table => new
            {
                Id = table.Column<long>(nullable: false).Annotation("Sqlite:Autoincrement", true),
                UserId = table.Column<Guid>(nullable: false),
                Type = table.Column<string>(maxLength: 40, nullable: false),
                OccurredAt = table.Column<DateTime>(nullable: false),
                IpAddress = table.Column<string>(maxLength: 45, nullable: true),
                UserAgent = table.Column<string>(maxLength: 512, nullable: true),
                Detail = table.Column<string>(maxLength: 500, nullable: true),
                ActorId = table.Column<Guid>(nullable: true),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_SecurityEvents", x => x.Id);
                table.ForeignKey("FK_SecurityEvents_AspNetUsers_UserId", x => x.UserId, "AspNetUsers", "Id", onDelete: ReferentialAction.Cascade);
            });

        migrationBuilder.CreateIndex("IX_SecurityEvents_UserId_OccurredAt", "SecurityEvents", ["UserId", "OccurredAt"]);
    }

    protected override void Down(MigrationBuilder migrationBuilder) => migrationBuilder.DropTable("SecurityEvents");
}
