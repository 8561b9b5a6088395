using System.Globalization;
using System.Runtime.CompilerServices;
using CsvHelper;
using Modular.Accounts.Contracts;
using NodaTime;
using NodaTime.Text;

namespace Modular.Accounts.Import;

/// <summary>A parsed CSV row: the directory row, or why it could not be read.</summary>
internal sealed record ParsedRow(int Row, string? ClientCode, CustomerDirectoryRow? Value, string? ErrorCode, string? Column = null);

/// <summary>
/// Reads the import CSV (UTF-8, header row, comma or semicolon delimited). Columns: client_code, legal_type, name, email, phone,
/// contract_number, internal_code, service_address, services, start_date, end_date; optional customer identifiers and address
/// (e-invoices): tax_id, registration_number, personal_code, street, city, county, postal_code, country; optional premises
/// coordinates (WGS 84 decimal degrees, '.' decimals, both or neither): latitude, longitude.
/// </summary>
internal static class CsvCustomerReader
{
    public static readonly string[] Required = ["client_code", "legal_type", "name", "contract_number", "service_address", "services", "start_date"];

    public static readonly string[] Optional =
        ["email", "phone", "internal_code", "end_date", "tax_id", "registration_number", "personal_code", "street", "city", "county", "postal_code", "country", "latitude",
         "longitude"];

    /// <summary>The required columns missing from the header (all of them when the file is empty).</summary>
    public static async Task<IReadOnlyList<string>> MissingColumnsAsync(CsvReader csv, CancellationToken cancellationToken)
    {
        await csv.ReadHeaderAsync(cancellationToken);
        var headers = csv.Headers.Select(h => h.Trim()).ToList();
        return Required.Where(c => !headers.Contains(c, StringComparer.OrdinalIgnoreCase)).ToList();
    }

    /// <summary>UTF-8 unless a byte order mark says otherwise; the separator (comma, semicolon, tab) is detected.</summary>
    public static CsvReader Open(Stream stream) => CsvReader.Create(stream, new CsvReaderOptions
    {
        TrimWhitespace = true,
        IncludeValuesInExceptions = false,
    }, leaveOpen: true);

    public static async IAsyncEnumerable<ParsedRow> ReadAsync(CsvReader csv, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var columns = csv.Headers.Select(h => h.Trim().ToLowerInvariant()).ToHashSet();
        var row = 0;
        while (await csv.ReadAsync(cancellationToken))
        {
            row++;
            yield return Parse(csv, columns, row);
        }
    }

    private static ParsedRow Parse(CsvReader csv, HashSet<string> columns, int row)
    {
        string? Field(string name) => columns.Contains(name) && csv.GetStringOrNull(name) is { } value && !string.IsNullOrWhiteSpace(value)
            ? value.Trim()
            : null;

        var clientCode = Field("client_code");
        foreach (var column in Required)
        {
            if (Field(column) is null)
            {
                return new ParsedRow(row, clientCode, null, ImportErrors.Required, column);
            }
        }

        if (!TryLegalType(Field("legal_type")!, out var legalType))
        {
            return new ParsedRow(row, clientCode, null, ImportErrors.LegalTypeInvalid, "legal_type");
        }

        if (!TryServices(Field("services")!, out var services))
        {
            return new ParsedRow(row, clientCode, null, ImportErrors.ServicesInvalid, "services");
        }

        var start = LocalDatePattern.Iso.Parse(Field("start_date")!);
        if (!start.Success)
        {
            return new ParsedRow(row, clientCode, null, ImportErrors.DateInvalid, "start_date");
        }

        LocalDate? end = null;
        if (Field("end_date") is { } endText)
        {
            var parsed = LocalDatePattern.Iso.Parse(endText);
            if (!parsed.Success)
            {
                return new ParsedRow(row, clientCode, null, ImportErrors.DateInvalid, "end_date");
            }

            end = parsed.Value;
        }

        if (!TryCoordinate(Field("latitude"), out var latitude))
        {
            return new ParsedRow(row, clientCode, null, ImportErrors.CoordinatesInvalid, "latitude");
        }

        if (!TryCoordinate(Field("longitude"), out var longitude))
        {
            return new ParsedRow(row, clientCode, null, ImportErrors.CoordinatesInvalid, "longitude");
        }

        return new ParsedRow(row, clientCode, new CustomerDirectoryRow(clientCode!, legalType, Field("name")!, Field("email"), Field("phone"),
            Field("contract_number")!, Field("internal_code"), Field("service_address")!, services, start.Value, end,
            Field("tax_id"), Field("registration_number"), Field("personal_code"), Address(), latitude, longitude), null);

        PostalAddress? Address() => Field("street") is null && Field("city") is null && Field("county") is null && Field("postal_code") is null
            && Field("country") is null
            ? null
            : new PostalAddress(Field("street"), Field("city"), Field("county"), Field("postal_code"), Field("country"));
    }

    /// <summary>A coordinate in decimal degrees with '.' decimals (empty: none).</summary>
    private static bool TryCoordinate(string? text, out double? value)
    {
        value = null;
        if (text is null)
        {
            return true;
        }

        if (double.TryParse(text, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var parsed)
            && double.IsFinite(parsed))
        {
            value = parsed;
            return true;
        }

        return false;
    }

    /// <summary>individual, company, public_institution, owners_association (any case; dashes, spaces or none between words).</summary>
    public static bool TryLegalType(string text, out LegalType legalType) =>
        Enum.TryParse(text.Replace("_", string.Empty).Replace("-", string.Empty).Replace(" ", string.Empty), ignoreCase: true, out legalType)
        && Enum.IsDefined(legalType) && !int.TryParse(text, out _);

    /// <summary>water, sewerage, rain_water separated by ';', '|', '+', ',' or spaces; at least one.</summary>
    public static bool TryServices(string text, out ConnectedServices services)
    {
        services = ConnectedServices.None;
        foreach (var part in text.Split([';', '|', '+', ',', ' '], StringSplitOptions.RemoveEmptyEntries))
        {
            switch (part.Replace("_", string.Empty).Replace("-", string.Empty).ToLowerInvariant())
            {
                case "water":
                    services |= ConnectedServices.Water;
                    break;
                case "sewerage":
                    services |= ConnectedServices.Sewerage;
                    break;
                case "rainwater":
                    services |= ConnectedServices.RainWater;
                    break;
                default:
                    return false;
            }
        }

        return services != ConnectedServices.None;
    }
}

internal static class ImportErrors
{
    public const string ColumnsMissing = "accounts.import.columns_missing";
    public const string Required = "accounts.import.required";
    public const string LegalTypeInvalid = "accounts.import.legal_type_invalid";
    public const string ServicesInvalid = "accounts.import.services_invalid";
    public const string DateInvalid = "accounts.import.date_invalid";
    public const string EndBeforeStart = "accounts.import.end_before_start";
    public const string EmailInvalid = "accounts.import.email_invalid";
    public const string PhoneInvalid = "accounts.import.phone_invalid";
    public const string TooLong = "accounts.import.too_long";
    public const string ContractOfOtherCustomer = "accounts.import.contract_of_other_customer";
    public const string SourceMissing = "accounts.import.source_missing";
    public const string CountryInvalid = "accounts.import.country_invalid";
    public const string CountyInvalid = "accounts.import.county_invalid";
    public const string BucharestSectorRequired = "accounts.import.bucharest_sector_required";
    public const string PostalCodeInvalid = "accounts.import.postal_code_invalid";
    public const string TaxIdInvalid = "accounts.import.tax_id_invalid";
    public const string PersonalCodeInvalid = "accounts.import.personal_code_invalid";
    public const string PersonalCodeNotIndividual = "accounts.import.personal_code_not_individual";
    public const string CoordinatesInvalid = "accounts.import.coordinates_invalid";
}
