using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Modular.Accounts.Contracts;
using Modular.Accounts.Persistence;
using Modular.Core.PersonalData;

namespace Modular.Accounts.PersonalData;

/// <summary>Core's port: the customers a portal user represents now; none for a closed or unknown account.</summary>
internal sealed class AccountsPersonalDataSubjects(AccountsDbContext db) : IPersonalDataSubjects
{
    public async Task<PersonalDataSubject?> FindAsync(Guid userId, CancellationToken cancellationToken)
    {
        if (!await db.Users.AnyAsync(u => u.Id == userId && u.ClosedAt == null, cancellationToken))
        {
            return null;
        }

        var customers = await db.UserCustomers.Where(l => l.UserId == userId).OrderBy(l => l.LinkedAt).Select(l => l.CustomerId).ToListAsync(cancellationToken);
        var contracts = await db.Contracts.Where(c => customers.Contains(c.CustomerId)).OrderBy(c => c.ContractNumber).Select(c => c.Id).ToListAsync(cancellationToken);
        return new PersonalDataSubject(userId, customers, contracts);
    }
}

/// <summary>
/// Accounts' section of the archive: the portal user's profile, the linked customers with their contracts, and the
/// user's sessions (never a password hash, a session secret or an email link token).
/// </summary>
internal sealed class AccountsPersonalDataSection(AccountsDbContext db) : IPersonalDataSection
{
    public string Name => "accounts";

    public async Task WriteAsync(PersonalDataSubject subject, PersonalDataWriter writer, CancellationToken cancellationToken)
    {
        var user = await db.Users.AsNoTracking().Where(u => u.Id == subject.UserId).Select(u => new
        {
            u.Id, u.Email, u.Phone, u.Culture, u.CreatedAt, u.EmailConfirmedAt, u.TermsVersion, u.TermsAcceptedAt,
            u.InvoiceByEmail, u.InvoiceConditionsVersion, u.InvoiceConditionsAcceptedAt, u.LastLoginAt,
        }).SingleAsync(cancellationToken);
        await writer.WriteJsonAsync("profile", "Your portal account: email, phone, language, terms and invoice-by-email consent", user, cancellationToken);

        var ids = subject.CustomerIds.ToList();
        var customers = await db.Customers.AsNoTracking().Where(c => ids.Contains(c.Id)).OrderBy(c => c.ClientCode).ToListAsync(cancellationToken);
        var contracts = await db.Contracts.AsNoTracking().Where(c => ids.Contains(c.CustomerId)).OrderBy(c => c.ContractNumber).ToListAsync(cancellationToken);
        var linkedAt = await db.UserCustomers.AsNoTracking().Where(l => l.UserId == subject.UserId)
            .ToDictionaryAsync(l => l.CustomerId, l => l.LinkedAt, cancellationToken);
        var linked = customers.Select(c => new
        {
            c.Id, c.ClientCode, LegalType = c.LegalType.ToString(), c.Name, c.Email, c.Phone, c.TaxId, c.RegistrationNumber, c.PersonalCode,
            Address = c.ToAddress(), LinkedAt = linkedAt.TryGetValue(c.Id, out var at) ? at : (NodaTime.Instant?)null,
            Contracts = contracts.Where(k => k.CustomerId == c.Id).Select(k => new
            {
                k.Id, k.ContractNumber, k.InternalCode, k.ServiceAddress, Services = k.Services.ToString(), k.StartDate, k.EndDate,
            }).ToList(),
        }).ToList();
        await writer.WriteJsonAsync("customers", "The customers linked to your account, as the utility's directory holds them, with their contracts",
            linked, cancellationToken);

        var sessions = db.Sessions.AsNoTracking().Where(s => s.Kind == SessionKind.Customer && s.PrincipalId == subject.UserId)
            .OrderBy(s => s.CreatedAt).AsAsyncEnumerable();
        await writer.WriteCsvAsync("sessions", "Where you signed in to the portal: started, last active, ended, address and browser",
            ["session_id", "started_at", "last_seen_at", "expires_at", "ended_at", "end_reason", "client_address", "user_agent"], sessions,
            s => [s.Id.ToString(), Iso(s.CreatedAt), Iso(s.LastSeenAt), Iso(s.ExpiresAt), s.EndedAt is { } e ? Iso(e) : null, s.EndReason,
                s.ClientAddress, s.UserAgent], cancellationToken);
    }

    private static string Iso(NodaTime.Instant instant) => instant.ToString(null, CultureInfo.InvariantCulture);
}
