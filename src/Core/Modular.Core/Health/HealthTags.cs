namespace Modular.Core.Health;

/// <summary>Tags that place a health check in an endpoint: readiness runs every check tagged <see cref="Ready"/>.</summary>
public static class HealthTags
{
    /// <summary>The host can do its work: database reachable, no dead letters piling up, schedules on time.</summary>
    public const string Ready = "ready";
}
