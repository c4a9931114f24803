using System.Diagnostics;

namespace ProfilePortal.Tests.Infrastructure;

/// <summary>Waits for something a background thread or another process does: polls until it holds or a deadline passes.</summary>
public static class Eventually
{
    /// <summary>
    /// Generous: a test run shares two cores with the browser tests, and a deadline only bounds a wait that fails, so
    /// a longer one weakens no assertion.
    /// </summary>
    public static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    /// <summary>Returns once <paramref name="condition"/> holds; throws naming <paramref name="what"/> (and <paramref name="details"/>) when it has not within <paramref name="timeout"/>.</summary>
    public static async Task TrueAsync(Func<Task<bool>> condition, string what, TimeSpan? timeout = null, Func<string>? details = null)
    {
        var limit = timeout ?? Patience;
        var waited = Stopwatch.StartNew();
        while (!await condition())
        {
            if (waited.Elapsed > limit) throw new TimeoutException($"Not within {limit}: {what}\n{details?.Invoke()}");
            await Task.Delay(20);
        }
    }

    /// <inheritdoc cref="TrueAsync(Func{Task{bool}}, string, TimeSpan?, Func{string}?)"/>
    public static Task TrueAsync(Func<bool> condition, string what, TimeSpan? timeout = null)
        => TrueAsync(() => Task.FromResult(condition()), what, timeout);

    /// <summary>Returns what <paramref name="find"/> returns once it returns something (not null).</summary>
    public static async Task<T> FoundAsync<T>(Func<T?> find, string what, TimeSpan? timeout = null, Func<string>? details = null) where T : class
    {
        T? found = null;
        await TrueAsync(() => Task.FromResult((found = find()) is not null), what, timeout, details);
        return found!;
    }
}
