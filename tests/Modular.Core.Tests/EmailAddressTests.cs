using Modular.Core.Email;
using Shouldly;
using Xunit;

namespace Modular.Core.Tests;

/// <summary>Only addresses mail servers will take are accepted (an address that bounces for ever must not be stored).</summary>
public sealed class EmailAddressTests
{
    [Theory]
    [InlineData("ana@example.ro")]
    [InlineData("ana.maria+facturi@apa-nova.example.ro")]
    [InlineData("o'brien_1@example.com")]
    [InlineData("ion@bucurești.ro")]
    [InlineData("ion@xn--mnchen-3ya.de")]
    public void Deliverable_addresses_are_accepted(string address) => EmailAddresses.IsDeliverable(address).ShouldBeTrue();

    [Theory]
    [InlineData("\u202Ea@x.ro")]
    [InlineData("a\u202E@x.ro")]
    [InlineData("a@x\u202E.ro")]
    [InlineData("a\u200B@x.ro")]
    [InlineData("a@x\u200D.ro")]
    [InlineData("a\u0000@x.ro")]
    [InlineData("a b@x.ro")]
    [InlineData("a\u00A0@x.ro")]
    [InlineData("ștefan@x.ro")]
    [InlineData("\"quoted\"@x.ro")]
    [InlineData("a(comment)@x.ro")]
    [InlineData(".a@x.ro")]
    [InlineData("a.@x.ro")]
    [InlineData("a..b@x.ro")]
    [InlineData("a@b@x.ro")]
    [InlineData("a@x")]
    [InlineData("a@x..ro")]
    [InlineData("a@-x.ro")]
    [InlineData("a@x-.ro")]
    [InlineData("a@x_y.ro")]
    [InlineData("a@[127.0.0.1]")]
    [InlineData("a@1.2.3.4")]
    [InlineData("@x.ro")]
    [InlineData("a@")]
    [InlineData("")]
    public void Addresses_mail_servers_refuse_are_refused(string address) => EmailAddresses.IsDeliverable(address).ShouldBeFalse();

    [Fact]
    public void Parts_longer_than_mail_servers_take_are_refused()
    {
        EmailAddresses.IsDeliverable(new string('a', 64) + "@x.ro").ShouldBeTrue();
        EmailAddresses.IsDeliverable(new string('a', 65) + "@x.ro").ShouldBeFalse();
        EmailAddresses.IsDeliverable("a@" + new string('b', 64) + ".ro").ShouldBeFalse();
        EmailAddresses.IsDeliverable("a@" + string.Join('.', Enumerable.Repeat(new string('b', 60), 5)) + ".ro").ShouldBeFalse();
        EmailAddresses.IsDeliverable(new string('a', 1_000_000) + "@x.ro").ShouldBeFalse();
    }
}
