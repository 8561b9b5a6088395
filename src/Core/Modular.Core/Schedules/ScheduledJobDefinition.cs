using System.Text.RegularExpressions;

namespace Modular.Core.Schedules;

/// <summary>A job as a module declared it: its name, its type and its default cron expression.</summary>
internal sealed partial record ScheduledJobDefinition(string Name, string Module, Type JobType, string DefaultCron)
{
    /// <summary>Letters and digits, starting with a letter: the name is a configuration key and an environment variable part.</summary>
    public static bool IsValidName(string name) => NamePattern().IsMatch(name);

    [GeneratedRegex("^[A-Za-z][A-Za-z0-9]{0,99}$")]
    private static partial Regex NamePattern();
}
