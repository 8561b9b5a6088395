using System.Collections.Frozen;

namespace Modular.Core.Geography;

/// <summary>
/// Country and subdivision codes that invoices and customer data use: ISO 3166-1 alpha-2 (plus 1A, Kosovo, and XI, Northern
/// Ireland, as EN 16931's code list has them) and ISO 3166-2:RO (the 41 counties and Bucharest, whose localities are its
/// six sectors).
/// </summary>
public static class PlaceCodes
{
    public const string Romania = "RO";
    public const string Latvia = "LV";
    public const string Bucharest = "RO-B";

    private static readonly FrozenSet<string> Countries = (
        "1A AD AE AF AG AI AL AM AO AQ AR AS AT AU AW AX AZ BA BB BD BE BF BG BH BI BJ BL BM BN BO BQ BR BS BT BV BW BY BZ CA CC CD CF CG " +
        "CH CI CK CL CM CN CO CR CU CV CW CX CY CZ DE DJ DK DM DO DZ EC EE EG EH ER ES ET FI FJ FK FM FO FR GA GB GD GE GF GG GH GI GL GM " +
        "GN GP GQ GR GS GT GU GW GY HK HM HN HR HT HU ID IE IL IM IN IO IQ IR IS IT JE JM JO JP KE KG KH KI KM KN KP KR KW KY KZ LA LB LC " +
        "LI LK LR LS LT LU LV LY MA MC MD ME MF MG MH MK ML MM MN MO MP MQ MR MS MT MU MV MW MX MY MZ NA NC NE NF NG NI NL NO NP NR NU NZ " +
        "OM PA PE PF PG PH PK PL PM PN PR PS PT PW PY QA RE RO RS RU RW SA SB SC SD SE SG SH SI SJ SK SL SM SN SO SR SS ST SV SX SY SZ TC " +
        "TD TF TG TH TJ TK TL TM TN TO TR TT TV TW TZ UA UG UM US UY UZ VA VC VE VG VI VN VU WF WS XI YE YT ZA ZM ZW")
        .Split(' ').ToFrozenSet(StringComparer.Ordinal);

    private static readonly FrozenSet<string> RomanianCounties = (
        "AB AR AG BC BH BN BT BR BV B BZ CL CS CJ CT CV DB DJ GL GR GJ HR HD IL IS IF MM MH MS NT OT PH SJ SM SB SV TR TM TL VL VS VN")
        .Split(' ').Select(c => "RO-" + c).ToFrozenSet(StringComparer.Ordinal);

    private static readonly FrozenSet<string> BucharestSectors =
        new[] { "SECTOR1", "SECTOR2", "SECTOR3", "SECTOR4", "SECTOR5", "SECTOR6" }.ToFrozenSet(StringComparer.Ordinal);

    /// <summary>Whether <paramref name="code"/> is a country code (exactly, upper case).</summary>
    public static bool IsCountry(string? code) => code is not null && Countries.Contains(code);

    /// <summary>Whether <paramref name="code"/> is a Romanian county in ISO form (RO-BV, RO-B).</summary>
    public static bool IsRomanianCounty(string? code) => code is not null && RomanianCounties.Contains(code);

    /// <summary>Whether <paramref name="city"/> is one of Bucharest's sectors as CIUS-RO codes them (SECTOR1…SECTOR6).</summary>
    public static bool IsBucharestSector(string? city) => city is not null && BucharestSectors.Contains(city);
}
