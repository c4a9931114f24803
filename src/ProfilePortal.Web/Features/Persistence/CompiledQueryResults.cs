namespace ProfilePortal.Web.Features.Persistence;

/// <summary>Reading what a compiled async query (EF.CompileAsyncQuery) returns.</summary>
public static class CompiledQueryResults
{
    /// <summary>
    /// Every row, in order. Not IAsyncEnumerable's ToListAsync(): that is System.Linq.AsyncEnumerable's, an assembly
    /// every node would load and keep for it (0.8 MB mapped; banned in BannedSymbols.txt).
    /// </summary>
    public static async Task<List<T>> ReadAllAsync<T>(this IAsyncEnumerable<T> rows, CancellationToken cancellationToken)
    {
        var list = new List<T>();
        await foreach (var row in rows.WithCancellation(cancellationToken)) list.Add(row);
        return list;
    }
}
