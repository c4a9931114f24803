using System.Runtime.CompilerServices;

namespace ProfilePortal.Tests.Infrastructure;

/// <summary>
/// File watchers poll in test processes: each app instance a test starts watches its content and web roots, and with
/// inotify every watcher takes one of the user's 128 inotify instances (fs.inotify.max_user_instances); a run starts
/// hundreds of app instances and ran out ("The configured user limit (128) on the number of inotify instances has been
/// reached"). Set before any host is built, and inherited by the processes tests start.
/// </summary>
internal static class FileWatching
{
    [ModuleInitializer]
    internal static void PollInsteadOfInotify() => Environment.SetEnvironmentVariable("DOTNET_USE_POLLING_FILE_WATCHER", "true");
}
