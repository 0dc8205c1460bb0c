using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace Graft.Storage;

/// <summary>Lets <c>dotnet ef migrations add</c> build the model without a running store.</summary>
internal sealed class DesignTimeDbFactory : IDesignTimeDbContextFactory<GraftDb>
{
    public GraftDb CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<GraftDb>().UseSqlite("Data Source=design.db").Options);
}
