using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ProfilePortal.Web.Data.Migrations.Postgres
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
                type: "bigint",
                nullable: false,
                defaultValue: 0L);

            migrationBuilder.CreateTable(
                name: "SharedDataVersion",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false),
                    Version = table.Column<long>(type: "bigint", nullable: false)
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
            // A person's own row: any change to it raises its version (unless the statement set the version itself).
            migrationBuilder.Sql("""
                CREATE FUNCTION "DataVersion_RaisePerson"() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                    IF NEW."DataVersion" = OLD."DataVersion" THEN
                        NEW."DataVersion" := OLD."DataVersion" + 1;
                    END IF;
                    RETURN NEW;
                END $$;
                CREATE TRIGGER "DataVersion_AspNetUsers" BEFORE UPDATE ON "AspNetUsers"
                    FOR EACH ROW EXECUTE FUNCTION "DataVersion_RaisePerson"();
                """);
            // Rows that belong to one person: their role assignments and attribute values.
            migrationBuilder.Sql("""
                CREATE FUNCTION "DataVersion_RaiseOwner"() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                    IF TG_OP IN ('INSERT', 'UPDATE') THEN
                        UPDATE "AspNetUsers" SET "DataVersion" = "DataVersion" + 1 WHERE "Id" = NEW."UserId";
                    END IF;
                    IF TG_OP IN ('UPDATE', 'DELETE') THEN
                        UPDATE "AspNetUsers" SET "DataVersion" = "DataVersion" + 1 WHERE "Id" = OLD."UserId";
                    END IF;
                    RETURN NULL;
                END $$;
                """);
            migrationBuilder.Sql("""
                CREATE TRIGGER "DataVersion_AspNetUserRoles" AFTER INSERT OR UPDATE OR DELETE ON "AspNetUserRoles"
                    FOR EACH ROW EXECUTE FUNCTION "DataVersion_RaiseOwner"();
                """);
            migrationBuilder.Sql("""
                CREATE TRIGGER "DataVersion_AccountAttributeValues" AFTER INSERT OR UPDATE OR DELETE ON "AccountAttributeValues"
                    FOR EACH ROW EXECUTE FUNCTION "DataVersion_RaiseOwner"();
                """);
            // Rows many people share: roles and their permissions, departments, organizations, attribute definitions.
            migrationBuilder.Sql("""
                CREATE FUNCTION "DataVersion_RaiseShared"() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                    UPDATE "SharedDataVersion" SET "Version" = "Version" + 1 WHERE "Id" = 1;
                    RETURN NULL;
                END $$;
                """);
            migrationBuilder.Sql("""
                CREATE TRIGGER "DataVersion_AspNetRoles" AFTER INSERT OR UPDATE OR DELETE ON "AspNetRoles"
                    FOR EACH STATEMENT EXECUTE FUNCTION "DataVersion_RaiseShared"();
                """);
            migrationBuilder.Sql("""
                CREATE TRIGGER "DataVersion_AspNetRoleClaims" AFTER INSERT OR UPDATE OR DELETE ON "AspNetRoleClaims"
                    FOR EACH STATEMENT EXECUTE FUNCTION "DataVersion_RaiseShared"();
                """);
            migrationBuilder.Sql("""
                CREATE TRIGGER "DataVersion_Departments" AFTER INSERT OR UPDATE OR DELETE ON "Departments"
                    FOR EACH STATEMENT EXECUTE FUNCTION "DataVersion_RaiseShared"();
                """);
            migrationBuilder.Sql("""
                CREATE TRIGGER "DataVersion_Organizations" AFTER INSERT OR UPDATE OR DELETE ON "Organizations"
                    FOR EACH STATEMENT EXECUTE FUNCTION "DataVersion_RaiseShared"();
                """);
            migrationBuilder.Sql("""
                CREATE TRIGGER "DataVersion_AccountAttributeDefinitions" AFTER INSERT OR UPDATE OR DELETE ON "AccountAttributeDefinitions"
                    FOR EACH STATEMENT EXECUTE FUNCTION "DataVersion_RaiseShared"();
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("DROP TRIGGER \"DataVersion_AspNetUsers\" ON \"AspNetUsers\";");
            migrationBuilder.Sql("DROP TRIGGER \"DataVersion_AspNetUserRoles\" ON \"AspNetUserRoles\";");
            migrationBuilder.Sql("DROP TRIGGER \"DataVersion_AccountAttributeValues\" ON \"AccountAttributeValues\";");
            migrationBuilder.Sql("DROP TRIGGER \"DataVersion_AspNetRoles\" ON \"AspNetRoles\";");
            migrationBuilder.Sql("DROP TRIGGER \"DataVersion_AspNetRoleClaims\" ON \"AspNetRoleClaims\";");
            migrationBuilder.Sql("DROP TRIGGER \"DataVersion_Departments\" ON \"Departments\";");
            migrationBuilder.Sql("DROP TRIGGER \"DataVersion_Organizations\" ON \"Organizations\";");
            migrationBuilder.Sql("DROP TRIGGER \"DataVersion_AccountAttributeDefinitions\" ON \"AccountAttributeDefinitions\";");
            migrationBuilder.Sql("DROP FUNCTION \"DataVersion_RaisePerson\"();");
            migrationBuilder.Sql("DROP FUNCTION \"DataVersion_RaiseOwner\"();");
            migrationBuilder.Sql("DROP FUNCTION \"DataVersion_RaiseShared\"();");

            migrationBuilder.DropTable(
                name: "SharedDataVersion");

            migrationBuilder.DropColumn(
                name: "DataVersion",
                table: "AspNetUsers");
        }
    }
}
