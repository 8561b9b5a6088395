using Microsoft.Extensions.Options;
using Modular.Accounts.Contracts;
using Modular.Accounts.Demo;
using Modular.Accounts.Domain;
using Modular.Accounts.Security;
using NodaTime;
using Shouldly;
using Xunit;

namespace Modular.Accounts.Tests;

/// <summary>Rules that need no database: the password policy and hasher, the back-off formula, demo data.</summary>
public sealed class PolicyAndDemoDataTests
{
    private static readonly IOptions<AccountsOptions> Defaults = Options.Create(new AccountsOptions());

    [Fact]
    public void The_embedded_list_has_at_least_two_hundred_common_passwords()
    {
        var policy = new PasswordPolicy(Defaults);
        policy.CommonCount.ShouldBeGreaterThanOrEqualTo(200);
        policy.IsCommon("PAROLA123").ShouldBeTrue();
        policy.IsCommon("qwertyuiop").ShouldBeTrue();
        policy.IsCommon("ceai-de-tei-la-munte").ShouldBeFalse();
    }

    [Fact]
    public void A_bigger_list_from_a_file_is_added_to_the_embedded_one()
    {
        var file = Path.GetTempFileName();
        try
        {
            File.WriteAllLines(file, ["# local list", "ApaNovaBucuresti"]);
            var policy = new PasswordPolicy(Options.Create(new AccountsOptions { CommonPasswordsFile = file }));
            policy.IsCommon("apanovabucuresti").ShouldBeTrue();
            policy.IsCommon("password").ShouldBeTrue();
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Theory]
    [InlineData(7, "accounts.password_too_short")]
    [InlineData(8, null)]
    [InlineData(64, null)]
    [InlineData(256, null)]
    [InlineData(257, "accounts.password_too_long")]
    public void Length_is_counted_in_characters_with_no_composition_rules(int length, string? code)
    {
        var password = new string('ș', length);
        var errors = new PasswordPolicy(Defaults).Check(password, password, "Password");
        errors.Select(e => e.Code).ShouldBe(code is null ? [] : [code]);
    }

    [Fact]
    public void The_email_itself_is_not_accepted_as_a_password()
    {
        new PasswordPolicy(Defaults).Check("ion@example.ro", "ion@example.ro", "Password", "Ion@Example.ro")
            .Single().Code.ShouldBe("accounts.password_too_common");
    }

    [Fact]
    public void Hashes_are_salted_pbkdf2_sha512_and_equivalent_unicode_forms_match()
    {
        var hasher = new PasswordHasher(Defaults);
        var composed = "Ștefan-parolă";
        var decomposed = composed.Normalize(System.Text.NormalizationForm.FormD);
        var hash = hasher.Hash(composed);
        hash.ShouldStartWith("pbkdf2-sha512$210000$");
        hasher.Hash(composed).ShouldNotBe(hash);
        hasher.Verify(hash, decomposed).ShouldBe(PasswordCheck.Correct);
        hasher.Verify(hash, "Ștefan-parola").ShouldBe(PasswordCheck.Wrong);
        hasher.Verify("garbage", composed).ShouldBe(PasswordCheck.Wrong);
    }

    [Fact]
    public void The_back_off_starts_at_the_threshold_doubles_and_is_capped()
    {
        Duration? BackOff(int failures) => User.BackOff(failures, 5, Duration.FromSeconds(30), Duration.FromMinutes(15));
        BackOff(4).ShouldBeNull();
        BackOff(5).ShouldBe(Duration.FromSeconds(30));
        BackOff(6).ShouldBe(Duration.FromSeconds(60));
        BackOff(10).ShouldBe(Duration.FromMinutes(15));
        BackOff(int.MaxValue).ShouldBe(Duration.FromMinutes(15));
    }

    [Fact]
    public void Tokens_are_256_bit_base64url_and_distinct()
    {
        var tokens = Enumerable.Range(0, 100).Select(_ => Tokens.NewToken()).ToList();
        tokens.Distinct().Count().ShouldBe(100);
        tokens.ShouldAllBe(t => t.Length == 43 && t.All(c => char.IsAsciiLetterOrDigit(c) || c == '-' || c == '_'));
        Tokens.HashOf(tokens[0]).Length.ShouldBe(64);
    }

    [Fact]
    public void Demo_data_is_deterministic_per_seed_with_every_legal_type_and_romanian_diacritics()
    {
        var rows = DemoCustomers.Generate(42, 200);
        rows.ShouldBe(DemoCustomers.Generate(42, 200));
        rows.ShouldNotBe(DemoCustomers.Generate(43, 200));
        rows.Select(r => r.ClientCode).Distinct().Count().ShouldBe(200);
        rows.Select(r => r.ContractNumber).Distinct().Count().ShouldBe(rows.Count);
        Enum.GetValues<LegalType>().ShouldAllBe(t => rows.Any(r => r.LegalType == t));
        rows.ShouldContain(r => r.Name.Any(c => "ăâîșțĂÂÎȘȚ".Contains(c)));
        rows.ShouldContain(r => r.ServiceAddress.Any(c => "ăâîșțĂÂÎȘȚ".Contains(c)));
        var first = rows[0];
        (first.ClientCode, first.ContractNumber, first.LegalType).ShouldBe((DemoCustomers.FirstClientCode, DemoCustomers.FirstContractNumber, LegalType.Individual));
        rows.Count(r => r.ClientCode == DemoCustomers.FirstClientCode).ShouldBe(1);
    }

    [Fact]
    public void Options_refuse_weak_or_broken_settings()
    {
        static IEnumerable<string> Problems(AccountsOptions options)
        {
            var results = new List<System.ComponentModel.DataAnnotations.ValidationResult>();
            System.ComponentModel.DataAnnotations.Validator.TryValidateObject(options, new(options), results, validateAllProperties: true);
            return results.SelectMany(r => r.MemberNames);
        }

        Problems(new AccountsOptions()).ShouldBeEmpty();
        Problems(new AccountsOptions { PasswordIterations = 1000 }).ShouldContain(nameof(AccountsOptions.PasswordIterations));
        Problems(new AccountsOptions { MinPasswordLength = 6 }).ShouldContain(nameof(AccountsOptions.MinPasswordLength));
        Problems(new AccountsOptions { MaxPasswordLength = 32 }).ShouldContain(nameof(AccountsOptions.MaxPasswordLength));
        Problems(new AccountsOptions { PhonePattern = "([" }).ShouldContain(nameof(AccountsOptions.PhonePattern));
        Problems(new AccountsOptions { LockoutBaseSeconds = 60, LockoutMaxSeconds = 30 }).ShouldContain(nameof(AccountsOptions.LockoutMaxSeconds));
    }
}
