using Modular.Accounts.Contracts;
using Modular.Core.Access;
using Modular.Core.Audit;
using Modular.TestSupport;
using NodaTime;
using Shouldly;
using Xunit;

namespace Modular.Accounts.Tests;

/// <summary>
/// Proofs of a client code (registration, linking) are limited per portal user, per client code and per client network
/// (an IPv6 client per /64), with a back-off every instance sees through the database, and every check is audited.
/// </summary>
public abstract class ProofLimitTests(TestDatabase database) : AccountsTestBase(database)
{
    private const int PerUser = 5;
    private const int PerCode = 10;
    private const int PerAddress = 8;

    protected override IDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["Modular:Accounts:ProofLimits:PerUser"] = PerUser.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["Modular:Accounts:ProofLimits:PerClientCode"] = PerCode.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["Modular:Accounts:ProofLimits:PerAddress"] = PerAddress.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["Modular:Accounts:ProofLimits:BaseSeconds"] = "60",
    };

    [DbFact]
    public async Task Three_hundred_wrong_contract_numbers_then_the_right_one_do_not_link_and_each_check_is_audited()
    {
        var stranger = await CreateCustomerAsync();
        var (userId, caller) = await NewUserAsync("198.51.100.20");

        // As fast as the attacker could send them, twenty at a time.
        var wrong = new List<Core.Results.Result>();
        foreach (var chunk in Enumerable.Range(0, 300).Chunk(20))
        {
            wrong.AddRange(await Task.WhenAll(chunk.Select(i =>
                Task.Run(() => Host.SendAsync(new LinkClientCode(stranger.ClientCode, $"K-guess-{i}", null, null), caller)))));
        }

        var right = await Host.SendAsync(new LinkClientCode(stranger.ClientCode, stranger.ContractNumber, null, null), caller);

        right.Error.Code.ShouldBe("accounts.proof_throttled");
        ((int)right.Error.Arguments["seconds"]!).ShouldBeInRange(1, 60);
        wrong.ShouldAllBe(r => r.IsFailure);
        wrong.Count(r => r.Error.Code == "accounts.client_code_or_proof_invalid").ShouldBe(PerUser);
        (await Host.SendAsync(new GetProfile(), caller)).Value.Customers.ShouldNotContain(c => c.ClientCode == stranger.ClientCode);

        var checks = await ProofChecksAsync(userId);
        checks.Count(c => c.Outcome == "accounts.client_code_or_proof_invalid").ShouldBe(PerUser);
        checks.Count(c => c.Outcome == "accounts.proof_throttled").ShouldBe(300 - PerUser + 1);
        checks.ShouldAllBe(c => c.ClientAddress == "198.51.100.20");
    }

    [DbFact]
    public async Task After_the_back_off_the_right_proof_links_and_the_accepted_check_is_audited_with_the_customer()
    {
        var stranger = await CreateCustomerAsync();
        var (userId, caller) = await NewUserAsync("198.51.100.21");
        for (var i = 0; i < PerUser; i++)
        {
            await Host.SendAsync(new LinkClientCode(stranger.ClientCode, $"K-guess-{i}", null, null), caller);
        }

        Host.Clock.Advance(Duration.FromSeconds(59));
        (await Link(stranger, caller)).Error.Code.ShouldBe("accounts.proof_throttled");
        Host.Clock.Advance(Duration.FromSeconds(1));
        (await Link(stranger, caller)).IsSuccess.ShouldBeTrue();

        (await ProofChecksAsync(userId)).ShouldContain(c => c.Outcome == AuditOutcomes.Ok && c.CustomerId == stranger.Id);
    }

    [DbFact]
    public async Task The_back_off_doubles_with_each_further_failure()
    {
        var stranger = await CreateCustomerAsync();
        var (_, caller) = await NewUserAsync(null);
        for (var i = 0; i < PerUser; i++)
        {
            await Host.SendAsync(new LinkClientCode(stranger.ClientCode, $"K-guess-{i}", null, null), caller);
        }

        Host.Clock.Advance(Duration.FromSeconds(60));
        (await Host.SendAsync(new LinkClientCode(stranger.ClientCode, "K-guess-more", null, null), caller)).Error.Code.ShouldBe("accounts.client_code_or_proof_invalid");
        (await Link(stranger, caller)).Error.Arguments["seconds"].ShouldBe(120);
    }

    [DbFact]
    public async Task The_limit_holds_across_two_hosts_on_one_database()
    {
        var stranger = await CreateCustomerAsync();
        var (_, caller) = await NewUserAsync("198.51.100.22");
        var (second, _) = await StartHostAsync(Settings);
        await using (second)
        {
            second.Clock.Set(Host.Clock.GetCurrentInstant());
            for (var i = 0; i < PerUser; i++)
            {
                var host = i % 2 == 0 ? Host : second;
                (await host.SendAsync(new LinkClientCode(stranger.ClientCode, $"K-guess-{i}", null, null), caller)).Error.Code
                    .ShouldBe("accounts.client_code_or_proof_invalid");
            }

            (await second.SendAsync(new LinkClientCode(stranger.ClientCode, stranger.ContractNumber, null, null), caller)).Error.Code
                .ShouldBe("accounts.proof_throttled");
            (await Host.SendAsync(new LinkClientCode(stranger.ClientCode, stranger.ContractNumber, null, null), caller)).Error.Code
                .ShouldBe("accounts.proof_throttled");
        }
    }

    [DbFact]
    public async Task Someone_elses_failures_block_another_user_only_through_the_per_code_limit()
    {
        var target = await CreateCustomerAsync();
        var other = await CreateCustomerAsync();
        var (_, attacker) = await NewUserAsync("198.51.100.30");
        for (var i = 0; i < PerUser; i++)
        {
            await Host.SendAsync(new LinkClientCode(target.ClientCode, $"K-guess-{i}", null, null), attacker);
        }

        (await Link(other, attacker)).Error.Code.ShouldBe("accounts.proof_throttled");

        // Another user elsewhere: the attacker's back-off is not theirs, and the code has fewer failures than its limit.
        var (_, owner) = await NewUserAsync("203.0.113.40");
        (await Link(other, owner)).IsSuccess.ShouldBeTrue();
        (await Link(target, owner)).IsSuccess.ShouldBeTrue();

        // A correct proof forgot the code's failures; guesses from ever new users and networks count up to the code's limit.
        for (var i = 0; i < PerCode; i++)
        {
            var (_, guesser) = await NewUserAsync($"192.0.2.{i + 1}");
            (await Host.SendAsync(new LinkClientCode(target.ClientCode, $"K-guess-{i}", null, null), guesser)).Error.Code
                .ShouldBe("accounts.client_code_or_proof_invalid");
        }

        var (_, late) = await NewUserAsync("203.0.113.41");
        (await Link(target, late)).Error.Code.ShouldBe("accounts.proof_throttled");
        (await Link(other, late)).IsSuccess.ShouldBeTrue();
    }

    [DbFact]
    public async Task An_ipv6_client_is_limited_per_64_whatever_addresses_it_rotates_through()
    {
        for (var i = 0; i < PerAddress; i++)
        {
            var (_, rotating) = await NewUserAsync($"2001:db8:77:1:{i:x}::{i + 1:x}");
            var code = await CreateCustomerAsync();
            (await Host.SendAsync(new LinkClientCode(code.ClientCode, "K-guess", null, null), rotating)).Error.Code
                .ShouldBe("accounts.client_code_or_proof_invalid");
        }

        var fresh = await CreateCustomerAsync();
        var (_, sameNetwork) = await NewUserAsync("2001:db8:77:1:ffff:ffff:ffff:fffe");
        (await Link(fresh, sameNetwork)).Error.Code.ShouldBe("accounts.proof_throttled");
        var (_, nextNetwork) = await NewUserAsync("2001:db8:77:2::1");
        (await Link(fresh, nextNetwork)).IsSuccess.ShouldBeTrue();
    }

    [DbFact]
    public async Task Registration_proofs_count_toward_the_same_limits_and_a_throttled_registration_creates_nothing()
    {
        var customer = await CreateCustomerAsync();
        var from = Caller.Anonymous.From("198.51.100.50");
        for (var i = 0; i < PerCode; i++)
        {
            var guess = new RegisterUser(NewEmail(), customer.ClientCode, $"K-guess-{i}", null, null, Password, Password, "1");
            (await Host.SendAsync(guess, i % 2 == 0 ? from : Caller.Anonymous)).Error.Code.ShouldBe("accounts.client_code_or_proof_invalid");
        }

        var email = NewEmail();
        (await Host.SendAsync(Registration(email, customer), Caller.Anonymous.From("203.0.113.50"))).Error.Code.ShouldBe("accounts.proof_throttled");
        await Host.DrainOutboxAsync();
        Mail.To(email).ShouldBeEmpty();
        (await Host.SendAsync(new LogIn(email, Password))).Error.Code.ShouldBe("accounts.invalid_credentials");
    }

    [DbFact]
    public async Task An_overlong_client_code_or_proof_is_refused_like_a_wrong_one_and_counts_nothing()
    {
        var customer = await CreateCustomerAsync();
        var (userId, caller) = await NewUserAsync(null);
        (await Host.SendAsync(new LinkClientCode(new string('9', 100_000), "K", null, null), caller)).Error.Code.ShouldBe("accounts.client_code_or_proof_invalid");
        (await Host.SendAsync(new LinkClientCode(customer.ClientCode, new string('K', 51), null, null), caller)).Error.Code.ShouldBe("accounts.client_code_or_proof_invalid");
        (await ProofChecksAsync(userId)).ShouldBeEmpty();
    }

    private Task<Core.Results.Result> Link(TestCustomer customer, Caller caller) =>
        Host.SendAsync(new LinkClientCode(customer.ClientCode, customer.ContractNumber, null, null), caller);

    /// <summary>A confirmed user with a code of their own, signed in from <paramref name="address"/>.</summary>
    private async Task<(Guid UserId, Caller Caller)> NewUserAsync(string? address)
    {
        var userId = await CreateConfirmedUserAsync(NewEmail(), await CreateCustomerAsync());
        return (userId, As(userId).From(address));
    }

    private async Task<List<AuditEntryView>> ProofChecksAsync(Guid userId)
    {
        var entries = new List<AuditEntryView>();
        for (var page = 1; ; page++)
        {
            var found = (await Host.SendAsync(new GetAuditTrail(UserId: userId, Page: page, PageSize: 500))).Value;
            entries.AddRange(found.Entries);
            if (entries.Count >= found.Total || found.Entries.Count == 0)
            {
                return entries.Where(e => e.Action == SecurityEvents.ProofCheck).ToList();
            }
        }
    }
}

public sealed class SqliteProofLimitTests(SqliteDatabase database) : ProofLimitTests(database), IClassFixture<SqliteDatabase>;

[Postgres]
public sealed class PostgresProofLimitTests(PostgresDatabase database) : ProofLimitTests(database), IClassFixture<PostgresDatabase>;
