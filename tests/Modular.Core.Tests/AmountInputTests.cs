using Modular.Core.Localization;
using Shouldly;
using Xunit;

namespace Modular.Core.Tests;

/// <summary>Amounts typed by people are read in their language's own form, and anything that could mean two amounts is refused.</summary>
public sealed class AmountInputTests
{
    [Theory]
    [InlineData("en", "125.50", "125.50")]
    [InlineData("en", "1,250.50", "1250.50")]
    [InlineData("en", "1 250.5", "1250.5")]
    [InlineData("en", " 7 ", "7")]
    [InlineData("en", "1,000,000", "1000000")]
    [InlineData("ro", "125,50", "125.50")]
    [InlineData("ro", "1.250,50", "1250.50")]
    [InlineData("ro", "1.500", "1500")]
    [InlineData("lv", "1 250,50", "1250.50")]
    [InlineData("lv", "1\u00a0250,50", "1250.50")]
    public void An_amount_in_the_languages_own_form_is_read(string language, string text, string expected)
    {
        CultureFormats.TryParseAmount(text, CultureFormats.Regional(language), 2, out var amount).ShouldBeTrue(text);
        amount.ShouldBe(decimal.Parse(expected, System.Globalization.CultureInfo.InvariantCulture));
    }

    [Theory]
    [InlineData("en", "1,00")]
    [InlineData("en", "12,5")]
    [InlineData("en", "1,2,3")]
    [InlineData("en", "1,000 000")]
    [InlineData("en", "10.505")]
    [InlineData("en", "-5")]
    [InlineData("en", "+5")]
    [InlineData("en", "1e3")]
    [InlineData("en", "5 RON")]
    [InlineData("en", "")]
    [InlineData("en", ".5")]
    [InlineData("en", "5.")]
    [InlineData("en", "١٢٣")]
    [InlineData("ro", "1.00")]
    [InlineData("ro", "12.5")]
    [InlineData("ro", "10,505")]
    [InlineData("lv", "1.000,00")]
    [InlineData("lv", "1,000.00")]
    [InlineData("en", "9999999999999")]
    public void An_amount_that_is_not_certain_in_the_languages_form_is_refused(string language, string text)
    {
        CultureFormats.TryParseAmount(text, CultureFormats.Regional(language), 2, out _).ShouldBeFalse(text);
    }
}
