using Modular.Core.Money;
using Shouldly;
using Xunit;

namespace Modular.Core.Tests;

public sealed class MoneyTests
{
    [Theory]
    [InlineData("2.345", "2.35")]
    [InlineData("2.344", "2.34")]
    [InlineData("-2.345", "-2.35")]
    [InlineData("0.005", "0.01")]
    public void Rounding_is_half_away_from_zero_to_the_minor_unit(string amount, string expected)
    {
        Money.Money.Of(decimal.Parse(amount, System.Globalization.CultureInfo.InvariantCulture), "RON").Rounded().Amount
            .ShouldBe(decimal.Parse(expected, System.Globalization.CultureInfo.InvariantCulture));
    }

    [Fact]
    public void Arithmetic_keeps_precision_until_rounded()
    {
        var unit = Money.Money.Of(5.123m, "RON");
        (unit * 3m).Amount.ShouldBe(15.369m);
        (unit * 3m).Rounded().Amount.ShouldBe(15.37m);
    }

    [Fact]
    public void Mixing_currencies_is_a_bug_and_throws()
    {
        Should.Throw<InvalidOperationException>(() => Money.Money.Of(1, "RON") + Money.Money.Of(1, "EUR"));
    }

    [Theory]
    [InlineData("ron", true)]
    [InlineData("EUR", true)]
    [InlineData("EURO", false)]
    [InlineData("", false)]
    [InlineData("12A", false)]
    public void Currency_codes_are_three_letters(string code, bool valid)
    {
        Currency.TryParse(code, out var currency).ShouldBe(valid);
        if (valid)
        {
            currency.Code.ShouldBe(code.ToUpperInvariant());
        }
    }

    [Fact]
    public void Formatting_uses_invariant_digits_and_the_code() => Money.Money.Of(1234.5m, "EUR").ToString().ShouldBe("1234.50 EUR");
}
