using System.Globalization;
using Modular.Accounts.Contracts;
using NodaTime;

namespace Modular.Accounts.Demo;

/// <summary>
/// Deterministic demo data: the same seed and count always give the same customers and contracts (Romanian names and
/// addresses with diacritics; about one in eight a company, one in twenty a public institution, one in ten an owners'
/// association). Client codes are <c>100001</c>, <c>100002</c>, … whatever the seed; the first customer is always an
/// individual with the single contract <see cref="FirstContractNumber"/>, so hosts can link a demo user to it.
/// </summary>
public static class DemoCustomers
{
    public const string FirstClientCode = "100001";
    public const string FirstContractNumber = "CT-100001-1";
    public const string DemoUserEmail = "demo@portal.example";
    public const string DemoUserPassword = "Apă-rece-de-munte-2026";

    /// <summary>How many customers the demo data has.</summary>
    public const int Count = 25;

    private static readonly string[] FirstNames =
        ["Ioana", "Ștefan", "Mădălina", "Răzvan", "Andreea", "Cătălin", "Ionuț", "Gheorghe", "Elena", "Florența", "Tănase", "Maria",
         "Mihai", "Ana", "Bogdan", "Irina", "Dănuț", "Oana", "Vlăduț", "Cristina", "Sorin", "Gabriela", "Nicolae", "Alexandra"];

    private static readonly string[] LastNames =
        ["Popescu", "Ionescu", "Rădulescu", "Dumitrescu", "Stănescu", "Constantinescu", "Munteanu", "Vasilescu", "Țurcanu", "Bălan",
         "Mureșan", "Șerban", "Neagu", "Lupu", "Ștefănescu", "Dobrică", "Pătrașcu", "Găină", "Cojocaru", "Tătaru", "Nistor", "Oprișan"];

    private static readonly string[] CompanyWords =
        ["Apă Limpede", "Brutăria Sfântul Ioan", "Pădurea Verde", "Construcții Jiul", "Tâmplăria Bălan", "Farmacia Speranței",
         "Mecanica Petroșani", "Grădinița Veselă", "Cofetăria Dulce Viață", "Transport Dunărea", "Agro Câmpia", "Tipografia Națională"];

    private static readonly string[] Institutions =
        ["Școala Gimnazială nr. {0}", "Primăria Comunei {1}", "Spitalul Orășenesc {1}", "Biblioteca Județeană", "Liceul Tehnologic nr. {0}",
         "Direcția de Asistență Socială {1}"];

    private static readonly string[] Streets =
        ["Strada Mihai Eminescu", "Bulevardul Ștefan cel Mare", "Strada Mărășești", "Calea Bucureștilor", "Strada Libertății",
         "Strada Trandafirilor", "Aleea Teilor", "Strada Unirii", "Strada Căprioarei", "Strada Nicolae Bălcescu", "Strada Tudor Vladimirescu",
         "Strada Avram Iancu", "Strada Horea", "Strada Fântânele"];

    private static readonly string[] Towns = ["Petroșani", "Giurgiu", "Lupeni", "Vulcan", "Petrila", "Uricani", "Aninoasa", "Călugăreni"];

    /// <summary>County (ISO 3166-2:RO) and postal code of each town, in the order of <see cref="Towns"/>.</summary>
    private static readonly (string County, string PostalCode)[] TownCodes =
        [("RO-HD", "332009"), ("RO-GR", "080001"), ("RO-HD", "335600"), ("RO-HD", "336200"), ("RO-HD", "335800"), ("RO-HD", "336300"),
         ("RO-HD", "335100"), ("RO-GR", "087040")];

    /// <summary>
    /// Where each town's houses are, in the order of <see cref="Towns"/>: the centre (latitude, longitude, WGS 84) and how far
    /// (degrees) its streets reach around it.
    /// </summary>
    private static readonly (double Latitude, double Longitude, double Reach)[] TownCentres =
        [(45.4122, 23.3734, 0.012), (43.9037, 25.9699, 0.015), (45.3560, 23.2345, 0.010), (45.3795, 23.2741, 0.010), (45.4478, 23.4161, 0.008),
         (45.3369, 23.1514, 0.006), (45.4089, 23.3131, 0.005), (44.1167, 25.9833, 0.006)];

    /// <summary>One row per contract, ready for <see cref="SeedDemoCustomers"/> or a host's own import.</summary>
    public static IReadOnlyList<CustomerDirectoryRow> Generate(int seed, int count)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        var random = new Random(seed);
        var rows = new List<CustomerDirectoryRow>(count * 2);
        for (var i = 0; i < count; i++)
        {
            var clientCode = (100001 + i).ToString(CultureInfo.InvariantCulture);
            var roll = random.Next(100);
            var legalType = i == 0 ? LegalType.Individual
                : roll < 12 ? LegalType.Company
                : roll < 17 ? LegalType.PublicInstitution
                : roll < 27 ? LegalType.OwnersAssociation
                : LegalType.Individual;
            var townIndex = random.Next(Towns.Length);
            var town = Towns[townIndex];
            var street = Pick(random, Streets);
            var name = legalType switch
            {
                LegalType.Company => $"SC {Pick(random, CompanyWords)} {(random.Next(3) == 0 ? "SA" : "SRL")}",
                LegalType.PublicInstitution => string.Format(CultureInfo.InvariantCulture, Pick(random, Institutions), random.Next(1, 12), town),
                LegalType.OwnersAssociation => $"Asociația de Proprietari Bloc {random.Next(1, 90)} {street}",
                _ => $"{Pick(random, LastNames)} {Pick(random, FirstNames)}",
            };
            var phone = "07" + random.Next(20_000_000, 99_999_999).ToString(CultureInfo.InvariantCulture);
            var email = random.Next(3) == 0 ? null : $"client{clientCode}@example.ro";
            var contracts = i == 0 ? 1 : legalType == LegalType.Individual ? 1 + (random.Next(6) == 0 ? 1 : 0) : 1 + random.Next(3);
            for (var n = 1; n <= contracts; n++)
            {
                var number = random.Next(1, 140);
                var address = legalType == LegalType.Individual && random.Next(2) == 0
                    ? $"{street} nr. {number}, bl. {random.Next(1, 40)}, ap. {random.Next(1, 80)}, {town}"
                    : $"{street} nr. {number}, {town}";
                var services = random.Next(10) switch
                {
                    0 => ConnectedServices.Water,
                    1 => ConnectedServices.Water | ConnectedServices.Sewerage | ConnectedServices.RainWater,
                    _ => ConnectedServices.Water | ConnectedServices.Sewerage,
                };
                var start = new LocalDate(2005, 1, 1).PlusDays(random.Next(0, 7000));
                LocalDate? end = random.Next(25) == 0 ? start.PlusDays(random.Next(400, 3000)) : null;
                rows.Add(new CustomerDirectoryRow(clientCode, legalType, name, email, phone, $"CT-{clientCode}-{n}",
                    $"IC{clientCode}{n}", address, services, start, end, TaxId(legalType, i), Registration(legalType, i, townIndex),
                    Address: new PostalAddress($"{street} nr. {1 + (i % 120)}", town, TownCodes[townIndex].County, TownCodes[townIndex].PostalCode, "RO"))
                {
                    Latitude = Coordinate(TownCentres[townIndex].Latitude, TownCentres[townIndex].Reach, $"{clientCode}-{n}", 0),
                    Longitude = Coordinate(TownCentres[townIndex].Longitude, TownCentres[townIndex].Reach * 1.4, $"{clientCode}-{n}", 1),
                });
            }
        }

        return rows;
    }

    /// <summary>
    /// A coordinate near <paramref name="centre"/> derived from the contract alone (not from the shared random sequence, so
    /// the rest of the demo stays as it was), rounded to six decimals (about 10 cm).
    /// </summary>
    private static double Coordinate(double centre, double reach, string contract, int axis)
    {
        var hash = 17u;
        foreach (var c in contract)
        {
            hash = unchecked((hash * 31) + c);
        }

        var unit = ((unchecked(hash * (axis == 0 ? 2654435761u : 40503u)) % 10_000) / 10_000d * 2) - 1;
        return Math.Round(centre + (unit * reach), 6);
    }

    private static string Pick(Random random, string[] values) => values[random.Next(values.Length)];

    /// <summary>
    /// Organizations get a fiscal code with a valid check digit derived from their position (every other company is
    /// registered for VAT); individuals none, as most utilities do not hold personal codes.
    /// </summary>
    private static string? TaxId(LegalType legalType, int index)
    {
        if (legalType == LegalType.Individual)
        {
            return null;
        }

        const string Key = "753217532";
        var body = (2_000_000 + index).ToString(CultureInfo.InvariantCulture).PadLeft(9, '0');
        var sum = body.Select((c, k) => (c - '0') * (Key[k] - '0')).Sum();
        var cui = body.TrimStart('0') + (sum * 10 % 11 % 10).ToString(CultureInfo.InvariantCulture);
        return legalType == LegalType.Company && index % 2 == 0 ? "RO" + cui : cui;
    }

    private static string? Registration(LegalType legalType, int index, int townIndex) => legalType == LegalType.Company
        ? string.Create(CultureInfo.InvariantCulture, $"J{(TownCodes[townIndex].County == "RO-HD" ? 20 : 52)}/{100 + index}/2010")
        : null;
}
