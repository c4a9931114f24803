using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace ProfilePortal.Web.Data;

/// <summary>
/// Which version of Identity's tables the model has. Identity reads it from <see cref="IdentityOptions"/> in the
/// context's application service provider while building the model (not from anything on the context), so the app
/// sets it in AddIdentity and every context built outside the app (design time, tests) is given the same option here.
/// EF Core caches the model per context type: a context built without it would cache a model without passkeys.
/// </summary>
public static class IdentityStoreSchema
{
    /// <summary>Version 3 adds the passkey table (AspNetUserPasskeys).</summary>
    public static readonly Version Version = IdentitySchemaVersions.Version3;

    private static readonly IServiceProvider StoreOptions = new ServiceCollection()
        .Configure<IdentityOptions>(options => options.Stores.SchemaVersion = Version)
        .BuildServiceProvider();

    /// <summary>Gives a context built outside the app's container the app's Identity store options.</summary>
    public static DbContextOptionsBuilder<TContext> UseIdentityStoreSchema<TContext>(this DbContextOptionsBuilder<TContext> builder)
        where TContext : DbContext
        => builder.UseApplicationServiceProvider(StoreOptions);
}
