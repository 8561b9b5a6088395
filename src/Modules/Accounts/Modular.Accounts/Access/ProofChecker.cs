using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Modular.Accounts.Domain;
using Modular.Accounts.Persistence;

namespace Modular.Accounts.Access;

/// <summary>
/// Checks that a caller knows a client code's proof (contract number, or internal code plus phone on file). Unknown
/// codes and wrong proofs give the same answer, so the check does not tell which client codes exist.
/// </summary>
internal sealed class ProofChecker(AccountsDbContext db, IOptions<AccountsOptions> options)
{
    public async Task<Customer?> FindAsync(string clientCode, string? contractNumber, string? internalCode, string? phone,
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
