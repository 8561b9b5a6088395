using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Modular.Accounts.Domain;
using Modular.Accounts.Persistence;
using Modular.Core.Access;
using Modular.Core.Audit;
using Modular.Core.Limits;
using Modular.Core.Results;

namespace Modular.Accounts.Access;

/// <summary>
/// Checks that a caller knows a client code's proof (contract number, or internal code plus phone on file). Unknown
/// codes and wrong proofs give the same answer, so the check does not tell which client codes exist. Every check is
/// limited per portal user, per client code and per client network (<see cref="ProofLimitOptions"/>, shared by all
/// instances) and audited: accepted, wrong, or refused by the back-off.
/// </summary>
internal sealed class ProofChecker(AccountsDbContext db, IOptions<AccountsOptions> options, IOptions<ProofLimitOptions> limits,
    IAttemptLimiter limiter, ICurrentUser caller, IAuditTrail audit)
{
    /// <summary>The longest client code, contract number or internal code a proof may carry (the directory's columns).</summary>
    public const int MaxCodeLength = 50;

    public async Task<Result<Customer>> CheckAsync(string clientCode, string? contractNumber, string? internalCode, string? phone,
        CancellationToken cancellationToken)
    {
        var reservation = await limiter.BeginAsync(Keys(clientCode), cancellationToken);
        if (reservation.IsRefused)
        {
            audit.RecordAttempt(new AuditEvent(SecurityEvents.ProofCheck, AccountsErrors.ProofThrottled, caller.UserId));
            return Error.Of(AccountsErrors.ProofThrottled, nameof(clientCode),
                ("seconds", reservation.RetryAfterSeconds), ("minutes", (reservation.RetryAfterSeconds + 59) / 60));
        }

        var customer = await FindAsync(clientCode, contractNumber, internalCode, phone, cancellationToken);
        if (customer is null)
        {
            audit.RecordAttempt(new AuditEvent(SecurityEvents.ProofCheck, AccountsErrors.ClientCodeOrProofInvalid, caller.UserId));
            return Result<Customer>.Failure(AccountsErrors.ClientCodeOrProofInvalid, nameof(clientCode));
        }

        await limiter.SucceededAsync(reservation, cancellationToken);
        audit.RecordAttempt(new AuditEvent(SecurityEvents.ProofCheck, AuditOutcomes.Ok, caller.UserId, customer.Id));
        return customer;
    }

    /// <summary>The counters an attempt is taken under: the signed-in user, the code as typed (known or not), the client's network.</summary>
    private List<AttemptKey> Keys(string clientCode)
    {
        var settings = limits.Value;
        var keys = new List<AttemptKey>(3);
        if (caller.UserId is { } user)
        {
            keys.Add(new AttemptKey($"accounts.proof:user:{user:N}", settings.Rule(settings.PerUser)));
        }

        var code = clientCode.Trim().ToUpperInvariant();
        keys.Add(new AttemptKey("accounts.proof:code:" + (code.Length > MaxCodeLength ? code[..MaxCodeLength] : code),
            settings.Rule(settings.PerClientCode), ResetOnSuccess: true));
        if (ClientAddresses.Partition(caller.ClientAddress) is { } network)
        {
            keys.Add(new AttemptKey("accounts.proof:address:" + network, settings.Rule(settings.PerAddress)));
        }

        return keys;
    }

    private async Task<Customer?> FindAsync(string clientCode, string? contractNumber, string? internalCode, string? phone,
        CancellationToken cancellationToken)
    {
        var code = clientCode.Trim();
        var customer = await db.Customers.SingleOrDefaultAsync(c => c.ClientCode == code, cancellationToken);
        if (customer is null)
        {
            return null;
        }

        var contracts = db.Contracts.Where(c => c.CustomerId == customer.Id);
        var ok = options.Value.RegistrationProof switch
        {
            RegistrationProof.ContractNumber => contractNumber is not null
                && await contracts.AnyAsync(c => c.ContractNumber == contractNumber.Trim(), cancellationToken),
            RegistrationProof.InternalCodeAndPhone => internalCode is not null && phone is not null
                && customer.Phone is not null && customer.Phone == Phones.Normalize(phone)
                && await contracts.AnyAsync(c => c.InternalCode == internalCode.Trim(), cancellationToken),
            _ => false,
        };
        return ok ? customer : null;
    }
}

internal static partial class Phones
{
    /// <summary>Removes separators and turns the international prefix (+40 / 0040) into the national 0.</summary>
    public static string Normalize(string phone)
    {
        var digits = Separators().Replace(phone.Trim(), string.Empty);
        if (digits.StartsWith("+40", StringComparison.Ordinal))
        {
            return "0" + digits[3..];
        }

        return digits.StartsWith("0040", StringComparison.Ordinal) ? "0" + digits[4..] : digits;
    }

    public static bool IsValid(string phone, string pattern) => Regex.IsMatch(Normalize(phone), pattern, RegexOptions.None, TimeSpan.FromSeconds(1));

    [GeneratedRegex(@"[\s.\-()/]")]
    private static partial Regex Separators();
}
