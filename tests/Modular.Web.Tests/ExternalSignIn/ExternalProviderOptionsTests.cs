using System.ComponentModel.DataAnnotations;
using Modular.Accounts.Web.ExternalSignIn;
using Shouldly;
using Xunit;

namespace Modular.Web.Tests.ExternalSignIn;

/// <summary>Provider settings are checked when the portal starts, each mistake named with where it is.</summary>
public sealed class ExternalProviderOptionsTests
{
    [Fact]
    public void Each_mistake_in_the_provider_settings_is_named_at_start()
    {
        var options = new ExternalProvidersOptions
        {
            ExternalProviders =
            [
                new ExternalProviderOptions { Scheme = "Bank One", Authority = "http://bank.example/", ClientId = "", ClientSecret = "s" },
                new ExternalProviderOptions
                {
                    Scheme = "eid", Authority = "https://eid.example/", ClientId = "c", ClientSecret = "s", DisplayName = { ["en"] = "eID" },
                },
                new ExternalProviderOptions
                {
                    Scheme = "eid", Authority = "https://eid.example/", ClientId = "c", ClientSecret = "s", DisplayName = { ["en"] = "eID" },
                },
            ],
        };

        var errors = new List<ValidationResult>();
        Validator.TryValidateObject(options, new ValidationContext(options), errors, validateAllProperties: true).ShouldBeFalse();

        var messages = errors.Select(e => e.ErrorMessage!).ToList();
        messages.ShouldContain(m => m.StartsWith("ExternalProviders:0:Scheme 'Bank One'", StringComparison.Ordinal));
        messages.ShouldContain(m => m.StartsWith("ExternalProviders:0:Authority must use https", StringComparison.Ordinal));
        messages.ShouldContain(m => m.StartsWith("ExternalProviders:0:ClientId is required", StringComparison.Ordinal));
        messages.ShouldContain(m => m.StartsWith("ExternalProviders:0:DisplayName", StringComparison.Ordinal));
        messages.ShouldContain(m => m.StartsWith("ExternalProviders:2:Scheme 'eid' is configured twice", StringComparison.Ordinal));
        messages.ShouldContain(m => m.StartsWith("Modular:Accounts:IdentityHashKey is required", StringComparison.Ordinal));
    }

    [Fact]
    public void No_providers_need_no_identity_hash_key()
    {
        var options = new ExternalProvidersOptions();

        Validator.TryValidateObject(options, new ValidationContext(options), [], validateAllProperties: true).ShouldBeTrue();
    }
}
