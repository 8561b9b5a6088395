using System.Globalization;

namespace Modular.Core.Money;

/// <summary>
/// An amount in a currency. Arithmetic keeps full precision; <see cref="Rounded"/> applies the one
/// rounding policy of the SDK (<see cref="MoneyRounding"/>). Mixing currencies throws: it is a bug.
/// </summary>
public readonly record struct Money(decimal Amount, Currency Currency) : IComparable<Money>
{
    public static Money Zero(Currency currency) => new(0m, currency);

    public static Money Of(decimal amount, string currency) => new(amount, Currency.Of(currency));

    public Money Rounded() => new(MoneyRounding.Round(Amount, Currency), Currency);

    public bool IsZero => Amount == 0m;

    public bool IsNegative => Amount < 0m;

    public static Money operator +(Money a, Money b) => new(a.Amount + b.SameCurrency(a).Amount, a.Currency);

    public static Money operator -(Money a, Money b) => new(a.Amount - b.SameCurrency(a).Amount, a.Currency);

    public static Money operator -(Money a) => new(-a.Amount, a.Currency);

    public static Money operator *(Money a, decimal factor) => new(a.Amount * factor, a.Currency);

    public static bool operator <(Money a, Money b) => a.CompareTo(b) < 0;

    public static bool operator >(Money a, Money b) => a.CompareTo(b) > 0;

    public static bool operator <=(Money a, Money b) => a.CompareTo(b) <= 0;

    public static bool operator >=(Money a, Money b) => a.CompareTo(b) >= 0;

    public static Money Min(Money a, Money b) => a <= b ? a : b;

    public int CompareTo(Money other) => Amount.CompareTo(other.SameCurrency(this).Amount);

    public override string ToString() =>
        string.Create(CultureInfo.InvariantCulture, $"{MoneyRounding.Round(Amount, Currency):F2} {Currency.Code}");

    private Money SameCurrency(Money other) =>
        other.Currency == Currency
            ? this
            : throw new InvalidOperationException($"Cannot combine {Currency} with {other.Currency}.");
}

/// <summary>The single rounding rule: to the currency's minor unit, half away from zero (Romanian and Latvian practice).</summary>
public static class MoneyRounding
{
    public const MidpointRounding Mode = MidpointRounding.AwayFromZero;

    public static decimal Round(decimal amount, Currency currency) => Math.Round(amount, currency.MinorUnits, Mode);

    /// <summary>Rounds to the given number of decimals with the same mode (quantities, unit prices).</summary>
    public static decimal Round(decimal value, int decimals) => Math.Round(value, decimals, Mode);
}
