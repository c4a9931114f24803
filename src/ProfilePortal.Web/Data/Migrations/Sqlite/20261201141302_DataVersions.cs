using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ProfilePortal.Web.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class DataVersions : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<long>(
                name: "DataVersion",
                table: "AspNetUsers",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0L);

            migrationBuilder.CreateTable(
                name: "SharedDataVersion",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false),
                    Version = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_SharedDataVersion", x => x.Id);
                });

            migrationBuilder.InsertData(
                table: "SharedDataVersion",
                columns: new[] { "Id", "Version" },
                values: new object[] { 1, 0L });

            // The data versions (Data/DataVersions.cs) are raised here, in the writing transaction, whoever writes.
            // A person's own row: any change to it. (The nested update does not fire this trigger again: SQLite's
            // recursive triggers are off, and the WHEN clause stops it if they are on.)
            migrationBuilder.Sql("""
                CREATE TRIGGER "DataVersion_AspNetUsers_Update" AFTER UPDATE ON "AspNetUsers"
                WHEN NEW."DataVersion" = OLD."DataVersion"
                BEGIN UPDATE "AspNetUsers" SET "DataVersion" = OLD."DataVersion" + 1 WHERE "Id" = NEW."Id"; END;
                """);
            // Rows that belong to one person: their role assignments and attribute values.
            migrationBuilder.Sql("""
                CREATE TRIGGER "DataVersion_AspNetUserRoles_Insert" AFTER INSERT ON "AspNetUserRoles"
                BEGIN UPDATE "AspNetUsers" SET "DataVersion" = "DataVersion" + 1 WHERE "Id" = NEW."UserId"; END;
                """);
            migrationBuilder.Sql("""
                CREATE TRIGGER "DataVersion_AspNetUserRoles_Update" AFTER UPDATE ON "AspNetUserRoles"
                BEGIN UPDATE "AspNetUsers" SET "DataVersion" = "DataVersion" + 1 WHERE "Id" = OLD."UserId"; UPDATE "AspNetUsers" SET "DataVersion" = "DataVersion" + 1 WHERE "Id" = NEW."UserId"; END;
                """);
            migrationBuilder.Sql("""
                CREATE TRIGGER "DataVersion_AspNetUserRoles_Delete" AFTER DELETE ON "AspNetUserRoles"
                BEGIN UPDATE "AspNetUsers" SET "DataVersion" = "DataVersion" + 1 WHERE "Id" = OLD."UserId"; END;
                """);
            migrationBuilder.Sql("""
                CREATE TRIGGER "DataVersion_AccountAttributeValues_Insert" AFTER INSERT ON "AccountAttributeValues"
                BEGIN UPDATE "AspNetUsers" SET "DataVersion" = "DataVersion" + 1 WHERE "Id" = NEW."UserId"; END;
                """);
            migrationBuilder.Sql("""
                CREATE TRIGGER "DataVersion_AccountAttributeValues_Update" AFTER UPDATE ON "AccountAttributeValues"
                BEGIN UPDATE "AspNetUsers" SET "DataVersion" = "DataVersion" + 1 WHERE "Id" = OLD."UserId"; UPDATE "AspNetUsers" SET "DataVersion" = "DataVersion" + 1 WHERE "Id" = NEW."UserId"; END;
                """);
            migrationBuilder.Sql("""
                CREATE TRIGGER "DataVersion_AccountAttributeValues_Delete" AFTER DELETE ON "AccountAttributeValues"
                BEGIN UPDATE "AspNetUsers" SET "DataVersion" = "DataVersion" + 1 WHERE "Id" = OLD."UserId"; END;
                """);
            // Rows many people share: roles and their permissions, departments, organizations, attribute definitions.
            migrationBuilder.Sql("""
                CREATE TRIGGER "DataVersion_AspNetRoles_Insert" AFTER INSERT ON "AspNetRoles"
                BEGIN UPDATE "SharedDataVersion" SET "Version" = "Version" + 1 WHERE "Id" = 1; END;
                """);
            migrationBuilder.Sql("""
                CREATE TRIGGER "DataVersion_AspNetRoles_Update" AFTER UPDATE ON "AspNetRoles"
                BEGIN UPDATE "SharedDataVersion" SET "Version" = "Version" + 1 WHERE "Id" = 1; END;
                """);
            migrationBuilder.Sql("""
                CREATE TRIGGER "DataVersion_AspNetRoles_Delete" AFTER DELETE ON "AspNetRoles"
                BEGIN UPDATE "SharedDataVersion" SET "Version" = "Version" + 1 WHERE "Id" = 1; END;
                """);
            migrationBuilder.Sql("""
                CREATE TRIGGER "DataVersion_AspNetRoleClaims_Insert" AFTER INSERT ON "AspNetRoleClaims"
                BEGIN UPDATE "SharedDataVersion" SET "Version" = "Version" + 1 WHERE "Id" = 1; END;
                """);
            migrationBuilder.Sql("""
                CREATE TRIGGER "DataVersion_AspNetRoleClaims_Update" AFTER UPDATE ON "AspNetRoleClaims"
                BEGIN UPDATE "SharedDataVersion" SET "Version" = "Version" + 1 WHERE "Id" = 1; END;
                """);
            migrationBuilder.Sql("""
                CREATE TRIGGER "DataVersion_AspNetRoleClaims_Delete" AFTER DELETE ON "AspNetRoleClaims"
                BEGIN UPDATE "SharedDataVersion" SET "Version" = "Version" + 1 WHERE "Id" = 1; END;
                """);
            migrationBuilder.Sql("""
                CREATE TRIGGER "DataVersion_Departments_Insert" AFTER INSERT ON "Departments"
                BEGIN UPDATE "SharedDataVersion" SET "Version" = "Version" + 1 WHERE "Id" = 1; END;
                """);
            migrationBuilder.Sql("""
                CREATE TRIGGER "DataVersion_Departments_Update" AFTER UPDATE ON "Departments"
                BEGIN UPDATE "SharedDataVersion" SET "Version" = "Version" + 1 WHERE "Id" = 1; END;
                """);
            migrationBuilder.Sql("""
                CREATE TRIGGER "DataVersion_Departments_Delete" AFTER DELETE ON "Departments"
                BEGIN UPDATE "SharedDataVersion" SET "Version" = "Version" + 1 WHERE "Id" = 1; END;
                """);
            migrationBuilder.Sql("""
                CREATE TRIGGER "DataVersion_Organizations_Insert" AFTER INSERT ON "Organizations"
                BEGIN UPDATE "SharedDataVersion" SET "Version" = "Version" + 1 WHERE "Id" = 1; END;
                """);
            migrationBuilder.Sql("""
                CREATE TRIGGER "DataVersion_Organizations_Update" AFTER UPDATE ON "Organizations"
                BEGIN UPDATE "SharedDataVersion" SET "Version" = "Version" + 1 WHERE "Id" = 1; END;
                """);
            migrationBuilder.Sql("""
                CREATE TRIGGER "DataVersion_Organizations_Delete" AFTER DELETE ON "Organizations"
                BEGIN UPDATE "SharedDataVersion" SET "Version" = "Version" + 1 WHERE "Id" = 1; END;
                """);
            migrationBuilder.Sql("""
                CREATE TRIGGER "DataVersion_AccountAttributeDefinitions_Insert" AFTER INSERT ON "AccountAttributeDefinitions"
                BEGIN UPDATE "SharedDataVersion" SET "Version" = "Version" + 1 WHERE "Id" = 1; END;
                """);
            migrationBuilder.Sql("""
                CREATE TRIGGER "DataVersion_AccountAttributeDefinitions_Update" AFTER UPDATE ON "AccountAttributeDefinitions"
                BEGIN UPDATE "SharedDataVersion" SET "Version" = "Version" + 1 WHERE "Id" = 1; END;
                """);
            migrationBuilder.Sql("""
                CREATE TRIGGER "DataVersion_AccountAttributeDefinitions_Delete" AFTER DELETE ON "AccountAttributeDefinitions"
                BEGIN UPDATE "SharedDataVersion" SET "Version" = "Version" + 1 WHERE "Id" = 1; END;
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("DROP TRIGGER \"DataVersion_AspNetUsers_Update\";");
            migrationBuilder.Sql("DROP TRIGGER \"DataVersion_AspNetUserRoles_Insert\";");
            migrationBuilder.Sql("DROP TRIGGER \"DataVersion_AspNetUserRoles_Update\";");
            migrationBuilder.Sql("DROP TRIGGER \"DataVersion_AspNetUserRoles_Delete\";");
            migrationBuilder.Sql("DROP TRIGGER \"DataVersion_AccountAttributeValues_Insert\";");
            migrationBuilder.Sql("DROP TRIGGER \"DataVersion_AccountAttributeValues_Update\";");
            migrationBuilder.Sql("DROP TRIGGER \"DataVersion_AccountAttributeValues_Delete\";");
            migrationBuilder.Sql("DROP TRIGGER \"DataVersion_AspNetRoles_Insert\";");
            migrationBuilder.Sql("DROP TRIGGER \"DataVersion_AspNetRoles_Update\";");
            migrationBuilder.Sql("DROP TRIGGER \"DataVersion_AspNetRoles_Delete\";");
            migrationBuilder.Sql("DROP TRIGGER \"DataVersion_AspNetRoleClaims_Insert\";");
            migrationBuilder.Sql("DROP TRIGGER \"DataVersion_AspNetRoleClaims_Update\";");
            migrationBuilder.Sql("DROP TRIGGER \"DataVersion_AspNetRoleClaims_Delete\";");
            migrationBuilder.Sql("DROP TRIGGER \"DataVersion_Departments_Insert\";");
            migrationBuilder.Sql("DROP TRIGGER \"DataVersion_Departments_Update\";");
            migrationBuilder.Sql("DROP TRIGGER \"DataVersion_Departments_Delete\";");
            migrationBuilder.Sql("DROP TRIGGER \"DataVersion_Organizations_Insert\";");
            migrationBuilder.Sql("DROP TRIGGER \"DataVersion_Organizations_Update\";");
            migrationBuilder.Sql("DROP TRIGGER \"DataVersion_Organizations_Delete\";");
            migrationBuilder.Sql("DROP TRIGGER \"DataVersion_AccountAttributeDefinitions_Insert\";");
            migrationBuilder.Sql("DROP TRIGGER \"DataVersion_AccountAttributeDefinitions_Update\";");
            migrationBuilder.Sql("DROP TRIGGER \"DataVersion_AccountAttributeDefinitions_Delete\";");

            migrationBuilder.DropTable(
                name: "SharedDataVersion");

            migrationBuilder.DropColumn(
                name: "DataVersion",
                table: "AspNetUsers");
        }
    }
}
