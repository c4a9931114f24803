using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace ProfilePortal.Web.Data.Configurations;

public sealed class SharedDataVersionConfiguration : IEntityTypeConfiguration<SharedDataVersion>
{
    public void Configure(EntityTypeBuilder<SharedDataVersion> builder)
    {
        builder.ToTable("SharedDataVersion");
        builder.Property(v => v.Id).ValueGeneratedNever();
        builder.HasData(new SharedDataVersion { Id = SharedDataVersion.RowId, Version = 0 });
    }
}
