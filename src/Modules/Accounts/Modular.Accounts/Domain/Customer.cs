using Modular.Accounts.Contracts;
using NodaTime;

namespace Modular.Accounts.Domain;

/// <summary>A customer of the utility, identified by the client code printed on every invoice.</summary>
internal sealed class Customer
{
    public Guid Id { get; set; }

    public string ClientCode { get; set; } = string.Empty;

    public LegalType LegalType { get; set; }

    public string Name { get; set; } = string.Empty;

    public string? Email { get; set; }

    /// <summary>Normalized to the national format (e.g. 07xxxxxxxx) so it can serve as a proof.</summary>
    public string? Phone { get; set; }

    public Instant UpdatedAt { get; set; }

    /// <summary>Applies master data; answers whether anything changed.</summary>
    public bool Apply(LegalType legalType, string name, string? email, string? phone, Instant now)
    {
        if (LegalType == legalType && Name == name && Email == email && Phone == phone)
        {
            return false;
        }

        (LegalType, Name, Email, Phone, UpdatedAt) = (legalType, name, email, phone, now);
        return true;
    }
}

/// <summary>A supply contract at one service point. Meters belong to the Readings module.</summary>
internal sealed class Contract
{
    public Guid Id { get; set; }

    public Guid CustomerId { get; set; }

    public string ContractNumber { get; set; } = string.Empty;

    public string? InternalCode { get; set; }

    public string ServiceAddress { get; set; } = string.Empty;

    public ConnectedServices Services { get; set; }

    public LocalDate StartDate { get; set; }

    public LocalDate? EndDate { get; set; }

    public Instant UpdatedAt { get; set; }

    public bool Apply(string? internalCode, string serviceAddress, ConnectedServices services, LocalDate start, LocalDate? end, Instant now)
    {
        if (InternalCode == internalCode && ServiceAddress == serviceAddress && Services == services && StartDate == start && EndDate == end)
        {
            return false;
        }

        (InternalCode, ServiceAddress, Services, StartDate, EndDate, UpdatedAt) = (internalCode, serviceAddress, services, start, end, now);
        return true;
    }
}
