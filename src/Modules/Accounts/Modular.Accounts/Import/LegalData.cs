using Modular.Accounts.Contracts;
using Modular.Accounts.Domain;

namespace Modular.Accounts.Import;

/// <summary>
/// Checks and normalizes a row's identifiers and postal address (see <see cref="LegalIdentifiers"/>): the first problem is
/// answered as an import error code and the column it is in.
/// </summary>
internal static class LegalData
{
    public readonly record struct Outcome(CustomerDirectoryRow? Row, string? Code, string? Column);

    public static Outcome Clean(CustomerDirectoryRow row, string defaultCountry)
    {
        var address = row.Address;
        var street = Text(address?.Street);
        var city = Text(address?.City);
        var county = Text(address?.County);
        var postalCode = Text(address?.PostalCode);
        var countryText = Text(address?.Country);
        string? country = null;
        if (countryText is not null && (country = LegalIdentifiers.TryCountry(countryText)) is null)
        {
            return Error(ImportErrors.CountryInvalid, "country");
        }

        var hasAddress = street is not null || city is not null || county is not null || postalCode is not null || country is not null;
        country ??= hasAddress ? defaultCountry : null;
        var rulesOf = country ?? defaultCountry;
        if (street?.Length > 150 || city?.Length > 50)
        {
            return Error(ImportErrors.TooLong, street?.Length > 150 ? "street" : "city");
        }

        if (county is { } countyText && (county = LegalIdentifiers.TryCounty(countyText, country)) is null)
        {
            return Error(ImportErrors.CountyInvalid, "county");
        }

        if (county == LegalIdentifiers.Bucharest && (city = LegalIdentifiers.TryBucharestSector(city ?? string.Empty)) is null)
        {
            return Error(ImportErrors.BucharestSectorRequired, "city");
        }

        if (postalCode is { } postalText && (postalCode = LegalIdentifiers.TryPostalCode(postalText, country)) is null)
        {
            return Error(ImportErrors.PostalCodeInvalid, "postal_code");
        }

        var taxId = Text(row.TaxId);
        if (taxId is { } taxText && (taxId = LegalIdentifiers.TryTaxId(taxText, rulesOf)) is null)
        {
            return Error(ImportErrors.TaxIdInvalid, "tax_id");
        }

        var registration = Text(row.RegistrationNumber);
        if (registration?.Length > 50)
        {
            return Error(ImportErrors.TooLong, "registration_number");
        }

        var personalCode = Text(row.PersonalCode);
        if (personalCode is { } personalText)
        {
            if (row.LegalType != LegalType.Individual)
            {
                return Error(ImportErrors.PersonalCodeNotIndividual, "personal_code");
            }

            if ((personalCode = LegalIdentifiers.TryPersonalCode(personalText, rulesOf)) is null)
            {
                return Error(ImportErrors.PersonalCodeInvalid, "personal_code");
            }
        }

        return new Outcome(row with
        {
            TaxId = taxId,
            RegistrationNumber = registration,
            PersonalCode = personalCode,
            Address = hasAddress ? new PostalAddress(street, city, county, postalCode, country) : null,
        }, null, null);

        static Outcome Error(string code, string column) => new(null, code, column);
    }

    private static string? Text(string? value) => string.IsNullOrWhiteSpace(value) ? null : string.Join(' ', value.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
}
