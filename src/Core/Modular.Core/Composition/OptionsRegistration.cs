using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Modular.Core.Composition;

public static class OptionsRegistration
{
    /// <summary>Binds options from a configuration path and validates them (data annotations) when the host starts.</summary>
    public static OptionsBuilder<TOptions> AddValidatedOptions<TOptions>(this IServiceCollection services, IConfiguration configuration, string path)
        where TOptions : class
    {
        services.AddSingleton<IValidateOptions<TOptions>>(new DataAnnotationsOptionsValidator<TOptions>(path));
        return services.AddOptions<TOptions>().Bind(configuration.GetSection(path)).ValidateOnStart();
    }
}

/// <summary>Validates options with data annotations; messages name the configuration key so an operator can fix it.</summary>
internal sealed class DataAnnotationsOptionsValidator<TOptions>(string path) : IValidateOptions<TOptions>
    where TOptions : class
{
    public ValidateOptionsResult Validate(string? name, TOptions options)
    {
        var results = new List<ValidationResult>();
        Validator.TryValidateObject(options, new ValidationContext(options), results, validateAllProperties: true);
        if (results.Count == 0)
        {
            return ValidateOptionsResult.Success;
        }

        return ValidateOptionsResult.Fail(results.Select(r =>
            $"{path}:{string.Join(",", r.MemberNames.DefaultIfEmpty("*"))}: {r.ErrorMessage}"));
    }
}
