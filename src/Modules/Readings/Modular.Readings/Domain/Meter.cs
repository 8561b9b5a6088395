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

    /// <summary>10^digits: the register shows capacity - 1 at most, then starts again from zero.</summary>
    public decimal Capacity => Pow10(IntegerDigits);

    public bool IsRemoved => RemovedOn is not null;

    /// <summary>Checks that an index fits the register: not negative, below capacity, no more decimals than the register shows.</summary>
    public Error? CheckIndex(decimal index, string field = "Index")
    {
        if (index < 0)
        {
            return Error.Of(ReadingErrors.IndexNegative, field);
        }

        if (index >= Capacity)
        {
            return Error.Of(ReadingErrors.IndexTooLarge, field, ("max", Capacity - (1m / Pow10(DecimalPlaces))), ("digits", IntegerDigits));
        }

        return decimal.Round(index, DecimalPlaces) != index
            ? Error.Of(ReadingErrors.IndexTooManyDecimals, field, ("decimals", DecimalPlaces))
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
