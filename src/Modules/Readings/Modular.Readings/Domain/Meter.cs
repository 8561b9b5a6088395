using Modular.Core.Results;
using NodaTime;

namespace Modular.Readings.Domain;

/// <summary>A water meter on a contract. <see cref="Version"/> is bumped by every reading so writes per meter serialize.</summary>
internal sealed class Meter
{
    public Guid Id { get; set; }

    public string Serial { get; set; } = string.Empty;

    public Guid ContractId { get; set; }

    public int IntegerDigits { get; set; }

    public int DecimalPlaces { get; set; }

    public LocalDate InstalledOn { get; set; }

    public decimal InitialIndex { get; set; }

    public LocalDate? RemovedOn { get; set; }

    public decimal? FinalIndex { get; set; }

    public LocalDate? VerificationDue { get; set; }

    public bool SelfReadAllowed { get; set; }

    public Guid? ReplacedBy { get; set; }

    public Instant CreatedAt { get; set; }

    public int Version { get; set; }

    /// <summary>
    /// A decimal holds 28–29 significant digits; an index typed with more was rounded when it was parsed, so a value that
    /// fills them may not be what the customer wrote. No register comes near (9 integer digits, 4 decimals).
    /// </summary>
    private const int MaxTrustedDigits = 28;

    /// <summary>10^digits: the register shows capacity - 1 at most, then starts again from zero.</summary>
    public decimal Capacity => Pow10(IntegerDigits);

    public bool IsRemoved => RemovedOn is not null;

    /// <summary>Checks that an index fits the register: not negative, below capacity, no more decimals than the register shows.</summary>
    public Error? CheckIndex(decimal index, string field = "Index")
    {
        if (index < 0)
        {
            return Error.Of(ReadingsErrors.IndexNegative, field);
        }

        if (SignificantDigits(index) >= MaxTrustedDigits)
        {
            return Error.Of(ReadingsErrors.IndexTooManyDigits, field, ("digits", IntegerDigits), ("decimals", DecimalPlaces));
        }

        if (index >= Capacity)
        {
            return Error.Of(ReadingsErrors.IndexTooLarge, field, ("max", Capacity - (1m / Pow10(DecimalPlaces))), ("digits", IntegerDigits));
        }

        return decimal.Round(index, DecimalPlaces) != index
            ? Error.Of(ReadingsErrors.IndexTooManyDecimals, field, ("decimals", DecimalPlaces))
            : null;
    }

    public void Touch() => Version++;

    public static Meter Register(Guid id, string serial, Guid contractId, int integerDigits, int decimalPlaces, LocalDate installedOn,
        decimal initialIndex, LocalDate? verificationDue, bool selfReadAllowed, Instant now) => new()
        {
            Id = id,
            Serial = serial.Trim(),
            ContractId = contractId,
            IntegerDigits = integerDigits,
            DecimalPlaces = decimalPlaces,
            InstalledOn = installedOn,
            InitialIndex = initialIndex,
            VerificationDue = verificationDue,
            SelfReadAllowed = selfReadAllowed,
            CreatedAt = now,
        };

    public void Remove(LocalDate on, decimal finalIndex, Guid replacedBy)
    {
        RemovedOn = on;
        FinalIndex = finalIndex;
        ReplacedBy = replacedBy;
        SelfReadAllowed = false;
        Touch();
    }

    /// <summary>Digits of the decimal's coefficient, trailing zeros included (12.500 has 5).</summary>
    private static int SignificantDigits(decimal value)
    {
        Span<int> bits = stackalloc int[4];
        decimal.GetBits(value, bits);
        var coefficient = ((UInt128)(uint)bits[2] << 64) | ((UInt128)(uint)bits[1] << 32) | (uint)bits[0];
        var digits = 1;
        while ((coefficient /= 10) > 0)
        {
            digits++;
        }

        return digits;
    }

    private static decimal Pow10(int exponent)
    {
        var value = 1m;
        for (var i = 0; i < exponent; i++)
        {
            value *= 10m;
        }

        return value;
    }
}
