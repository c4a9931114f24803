using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace ProfilePortal.Web.Data.Migrations;

/// <summary>Personal access tokens for the API (SPEC 2.5): hashes only, never the token values.</summary>
[DbContext(typeof(AppDbContext))]
[Migration("20261122150000_PersonalAccessTokens")]
public sealed class PersonalAccessTokens : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.CreateTable(
            name: "PersonalAccessTokens",
            columns: table => new
            {
                Id = table.Column<Guid>(nullable: false),
                UserId = table.Column<Guid>(nullable: false),
                Hash = table.Column<string>(maxLength: 64, nullable: false),
                DisplayPrefix = table.Column<string>(maxLength: 16, nullable: false),
                Description = table.Column<string>(maxLength: 100, nullable: true),
                Scopes = table.Column<int>(nullable: false),
                CreatedAt = table.Column<DateTime>(nullable: false),
                ExpiresAt = table.Column<DateTime>(nullable: true),
                RevokedAt = table.Column<DateTime>(nullable: true),
                LastUsedAt = table.Column<DateTime>(nullable: true),
                LastUsedIp = table.Column<string>(maxLength: 45, nullable: true),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_PersonalAccessTokens", x => x.Id);
                table.ForeignKey("FK_PersonalAccessTokens_AspNetUsers_UserId", x => x.UserId, "AspNetUsers", "Id", onDelete: ReferentialAction.Cascade);
            });

        migrationBuilder.CreateIndex("IX_PersonalAccessTokens_Hash", "PersonalAccessTokens", "Hash", unique: true);
        migrationBuilder.CreateIndex("IX_PersonalAccessTokens_UserId", "PersonalAccessTokens", "UserId");
    }

    protected override void Down(MigrationBuilder migrationBuilder) => migrationBuilder.DropTable("PersonalAccessTokens");
}
