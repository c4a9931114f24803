namespace ProfilePortal.Web.Features.Avatars;

/// <summary>
/// Runs image work on the thread pool, at most one job per core at a time: a burst of uploads queues here instead
/// of starving every other request of CPU.
/// </summary>
public sealed class AvatarProcessingGate : IDisposable
{
    private readonly SemaphoreSlim _slots = new(Environment.ProcessorCount, Environment.ProcessorCount);

    public async Task<T> RunAsync<T>(Func<T> work, CancellationToken cancellationToken)
    {
        await _slots.WaitAsync(cancellationToken);
        try
        {
            return await Task.Run(work, cancellationToken);
        }
        finally
        {
            _slots.Release();
        }
    }

    public void Dispose() => _slots.Dispose();
}
