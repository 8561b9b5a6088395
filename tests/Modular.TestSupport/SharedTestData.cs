namespace Modular.TestSupport;

/// <summary>
/// Where the shared test data lives (inputs and checkers written by others, used by path, never copied into the
/// repository): <c>../shared</c> next to the repository root, or <c>MODULAR_SHARED_DIR</c>.
/// </summary>
public static class SharedTestData
{
    public static string Root
    {
        get
        {
            var shared = Environment.GetEnvironmentVariable("MODULAR_SHARED_DIR");
            if (string.IsNullOrEmpty(shared))
            {
                var dir = new DirectoryInfo(AppContext.BaseDirectory);
                while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Modular.sln")))
                {
                    dir = dir.Parent;
                }

                shared = Path.Combine(dir?.FullName ?? throw new DirectoryNotFoundException("Repository root (Modular.sln) not found."), "..", "shared");
            }

            return Path.GetFullPath(shared);
        }
    }

    /// <summary>A file or folder under <c>test-data</c>; fails (never skips) when it is missing, naming what to provide.</summary>
    public static string TestData(params string[] parts)
    {
        var path = Path.Combine([Root, "test-data", .. parts]);
        if (!File.Exists(path) && !Directory.Exists(path))
        {
            throw new FileNotFoundException(
                $"Shared test data '{path}' is missing: put the shared folder next to the repository root or set MODULAR_SHARED_DIR.", path);
        }

        return path;
    }
}
