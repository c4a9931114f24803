using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace ProfilePortal.Web.Data.Migrations;

/// <summary>
/// Administration (SPEC 2.9): the upper-case name columns and indexes the users list searches and sorts with, and
/// the append-only admin audit trail.
/// </summary>
[DbContext(typeof(AppDbContext))]
[Migration("20261122160000_Administration")]
public sealed class Administration : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.AddColumn<string>(name: "NormalizedFullName", table: "AspNetUsers", maxLength: 201, nullable: false, defaultValue: "");
        migrationBuilder.AddColumn<string>(name: "NormalizedSortName", table: "AspNetUsers", maxLength: 201, nullable: false, defaultValue: "");
        // Existing people: upper() folds ASCII letters on SQLite (all letters on PostgreSQL); the next save of a
        // profile stores the full Unicode upper case computed by the application.
        migrationBuilder.Sql("""
            UPDATE "AspNetUsers"
            SET "NormalizedFullName" = upper(trim("FirstName" || ' ' || "LastName")),
                "NormalizedSortName" = upper(trim("LastName" || ' ' || "FirstName"));
            """);

        // The department filter sorted by name uses the composite index, which also serves the foreign key.
        migrationBuilder.DropIndex(name: "IX_AspNetUsers_DepartmentId", table: "AspNetUsers");
        migrationBuilder.CreateIndex("IX_AspNetUsers_DepartmentId_NormalizedSortName", "AspNetUsers", ["DepartmentId", "NormalizedSortName"]);
        migrationBuilder.CreateIndex("IX_AspNetUsers_NormalizedFullName", "AspNetUsers", "NormalizedFullName");
        migrationBuilder.CreateIndex("IX_AspNetUsers_NormalizedSortName", "AspNetUsers", "NormalizedSortName");
        migrationBuilder.CreateIndex("IX_AspNetUsers_CreatedAt", "AspNetUsers", "CreatedAt");
        migrationBuilder.CreateIndex("IX_AspNetUsers_LockoutEnd", "AspNetUsers", "LockoutEnd", filter: "\"LockoutEnd\" IS NOT NULL");
        migrationBuilder.CreateIndex("IX_AspNetUsers_DisabledAt", "AspNetUsers", "DisabledAt", filter: "\"DisabledAt\" IS NOT NULL");

        migrationBuilder.CreateTable(
            name: "AdminAuditEntries",
            columns: table => new
            {
                Id = table.Column<long>(nullable: false).Annotation("Sqlite:Autoincrement", true),
                ActorId = table.Column<Guid>(nullable: false),
                Action = table.Column<string>(maxLength: 40, nullable: false),
                OccurredAt = table.Column<DateTime>(nullable: false),
                TargetUserId = table.Column<Guid>(nullable: true),
                TargetOrganizationId = table.Column<Guid>(nullable: true),
                IpAddress = table.Column<string>(maxLength: 45, nullable: true),
                Detail = table.Column<string>(maxLength: 500, nullable: true),
            },
            constraints: table => table.PrimaryKey("PK_AdminAuditEntries", x => x.Id));
        migrationBuilder.CreateIndex("IX_AdminAuditEntries_ActorId_OccurredAt", "AdminAuditEntries", ["ActorId", "OccurredAt"]);
        migrationBuilder.CreateIndex("IX_AdminAuditEntries_TargetUserId_OccurredAt", "AdminAuditEntries", ["TargetUserId", "OccurredAt"]);
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.DropTable("AdminAuditEntries");
        migrationBuilder.DropIndex(name: "IX_AspNetUsers_DisabledAt", table: "AspNetUsers");
        migrationBuilder.DropIndex(name: "IX_AspNetUsers_LockoutEnd", table: "AspNetUsers");
        migrationBuilder.DropIndex(name: "IX_AspNetUsers_CreatedAt", table: "AspNetUsers");
        migrationBuilder.DropIndex(name: "IX_AspNetUsers_NormalizedSortName", table: "AspNetUsers");
        migrationBuilder.DropIndex(name: "IX_AspNetUsers_NormalizedFullName", table: "AspNetUsers");
        migrationBuilder.DropIndex(name: "IX_AspNetUsers_DepartmentId_NormalizedSortName", table: "AspNetUsers");
        migrationBuilder.CreateIndex("IX_AspNetUsers_DepartmentId", "AspNetUsers", "DepartmentId");
        migrationBuilder.DropColumn("NormalizedSortName", "AspNetUsers");
        migrationBuilder.DropColumn("NormalizedFullName", "AspNetUsers");
    }
}
