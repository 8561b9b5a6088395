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

    /// <summary>Fiscal code: a VAT identifier with its country prefix, or a bare CUI/CIF or registration number.</summary>
    public string? TaxId { get; set; }

    /// <summary>Trade register number.</summary>
    public string? RegistrationNumber { get; set; }

    /// <summary>An individual's personal code (CNP, personas kods).</summary>
    public string? PersonalCode { get; set; }

    public string? Street { get; set; }

    public string? City { get; set; }

    /// <summary>ISO 3166-2 subdivision (RO-BV).</summary>
    public string? County { get; set; }

    public string? PostalCode { get; set; }

    /// <summary>ISO 3166-1 alpha-2.</summary>
    public string? Country { get; set; }

    public Instant UpdatedAt { get; set; }

    /// <summary>Applies master data (a row already checked and normalized); answers whether anything changed.</summary>
    public bool Apply(CustomerDirectoryRow row, Instant now)
    {
        var address = row.Address;
        if (LegalType == row.LegalType && Name == row.Name && Email == row.Email && Phone == row.Phone && TaxId == row.TaxId
            && RegistrationNumber == row.RegistrationNumber && PersonalCode == row.PersonalCode && Street == address?.Street
            && City == address?.City && County == address?.County && PostalCode == address?.PostalCode && Country == address?.Country)
        {
            return false;
        }

        (LegalType, Name, Email, Phone, UpdatedAt) = (row.LegalType, row.Name, row.Email, row.Phone, now);
        (TaxId, RegistrationNumber, PersonalCode) = (row.TaxId, row.RegistrationNumber, row.PersonalCode);
        (Street, City, County, PostalCode, Country) = (address?.Street, address?.City, address?.County, address?.PostalCode, address?.Country);
        return true;
    }

    public PostalAddress ToAddress() => new(Street, City, County, PostalCode, Country);
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

    /// <summary>The premises' latitude (WGS 84), when the utility's master data has it (outage areas drawn on a map).</summary>
    public double? Latitude { get; set; }

    /// <summary>The premises' longitude (WGS 84).</summary>
    public double? Longitude { get; set; }

    /// <summary>Applies the premises' coordinates (both or neither, already checked); answers whether they changed.</summary>
    public bool ApplyCoordinates(double? latitude, double? longitude, Instant now)
    {
        if (Latitude == latitude && Longitude == longitude)
        {
            return false;
        }

        (Latitude, Longitude, UpdatedAt) = (latitude, longitude, now);
        return true;
    }

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
