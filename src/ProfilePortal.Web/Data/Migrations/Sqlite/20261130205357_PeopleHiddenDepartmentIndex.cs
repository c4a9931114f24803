using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ProfilePortal.Web.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class PeopleHiddenDepartmentIndex : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateIndex(
                name: "IX_AspNetUsers_DepartmentId_DepartmentHidden",
                table: "AspNetUsers",
                column: "DepartmentId",
                filter: "(\"HiddenPeopleCardFields\" & 2) <> 0");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_AspNetUsers_DepartmentId_DepartmentHidden",
                table: "AspNetUsers");
        }
    }
}
