using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;
using Modular.Core.Composition;
using NodaTime;

namespace Modular.Core.Schedules;

/// <summary>A declared job with the cron expression and switch that configuration gives it in this host.</summary>
internal sealed record ScheduledJobEntry(ScheduledJobDefinition Definition, CronSchedule Schedule, bool Enabled)
{
    public string Name => Definition.Name;
}

/// <summary>
/// The jobs this host declares, with <c>Modular:Schedules:{Job}:Cron</c> and <c>:Enabled</c> applied. <see cref="Validate"/>
/// runs when the host starts (through <see cref="ScheduleOptionsValidator"/>), so a bad value stops the host with its key.
/// </summary>
internal sealed class ScheduleCatalog
{
    public const string Section = ModularBuilder.SectionName + ":Schedules";

    private readonly Lazy<IReadOnlyList<ScheduledJobEntry>> _jobs;

    // Hosted services (and so this catalog) are built before the host validates options at start, so the jobs are read
    // on first use: the validator has reported any bad setting (and the zone) by then.
    public ScheduleCatalog(IEnumerable<ScheduledJobDefinition> definitions, IConfiguration configuration, Func<DateTimeZone> zone) =>
        _jobs = new Lazy<IReadOnlyList<ScheduledJobEntry>>(() =>
        {
            Build(definitions.ToList(), configuration, zone(), out var jobs);
            return jobs;
        });

    public IReadOnlyList<ScheduledJobEntry> Jobs => _jobs.Value;

    public ScheduledJobEntry? Find(string name) => Jobs.FirstOrDefault(j => j.Name == name);

    public static IReadOnlyList<string> Validate(IEnumerable<ScheduledJobDefinition> definitions, IConfiguration configuration, DateTimeZone zone) =>
        Build(definitions.ToList(), configuration, zone, out _);

    private static List<string> Build(List<ScheduledJobDefinition> definitions, IConfiguration configuration, DateTimeZone zone,
        out List<ScheduledJobEntry> jobs)
    {
        var errors = new List<string>();
        jobs = [];
        if (definitions.Count == 0)
        {
            return errors;
        }

        var timeZone = CronSchedule.FindZone(zone);
        if (timeZone is null)
        {
            errors.Add($"{ModularBuilder.SectionName}:Time:TimeZone: this system has no time zone data for '{zone.Id}', which schedules need " +
                "(install the tzdata package).");
            return errors;
        }

        foreach (var duplicate in definitions.GroupBy(d => d.Name, StringComparer.OrdinalIgnoreCase).Where(g => g.Count() > 1))
        {
            errors.Add($"{Section}:{duplicate.Key}: the job name is declared more than once (modules {string.Join(", ", duplicate.Select(d => d.Module))}).");
        }

        foreach (var definition in definitions)
        {
            var key = $"{Section}:{definition.Name}";
            var section = configuration.GetSection(key);
            var configured = section["Cron"];
            var schedule = CronSchedule.TryParse(configured ?? definition.DefaultCron, timeZone, out var error);
            if (schedule is null)
            {
                errors.Add(configured is null
                    ? $"{key}:Cron: the default of module {definition.Module} is invalid: {error}"
                    : $"{key}:Cron: {error}");
            }

            var enabled = true;
            if (section["Enabled"] is { } text && !bool.TryParse(text, out enabled))
            {
                errors.Add($"{key}:Enabled: '{text}' is not true or false.");
            }

            if (schedule is not null)
            {
                jobs.Add(new ScheduledJobEntry(definition, schedule, enabled));
            }
        }

        return errors;
    }
}

/// <summary>Validates <see cref="ScheduleOptions"/> and every job's configuration when the host starts.</summary>
internal sealed class ScheduleOptionsValidator(IEnumerable<ScheduledJobDefinition> definitions, IConfiguration configuration, Func<DateTimeZone> zone)
    : IValidateOptions<ScheduleOptions>
{
    public ValidateOptionsResult Validate(string? name, ScheduleOptions options)
    {
        if (!definitions.Any())
        {
            return ValidateOptionsResult.Success;
        }

        DateTimeZone utilityZone;
        try
        {
            utilityZone = zone();
        }
        catch (Exception ex) when (ex is OptionsValidationException || ex.InnerException is not null && ex.GetBaseException() is OptionsValidationException)
        {
            // A bad Modular:Time:TimeZone is reported by its own options; the jobs cannot be read without it.
            return ValidateOptionsResult.Skip;
        }

        var errors = ScheduleCatalog.Validate(definitions, configuration, utilityZone);
        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
