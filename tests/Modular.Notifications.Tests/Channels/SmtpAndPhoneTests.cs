using Modular.Billing.Contracts;
using Modular.Notifications.Contracts;
using Modular.TestSupport;
using NodaTime;
using Shouldly;
using Xunit;

namespace Modular.Notifications.Tests.Channels;

/// <summary>Email through a real SMTP server with its unsubscribe headers; phone numbers verified by a code sent by SMS.</summary>
public abstract class SmtpAndPhoneTests(TestDatabase database)
{
    [DbFact]
    public async Task An_invoice_email_reaches_a_real_smtp_server_with_its_pdf_and_one_click_unsubscribe_headers()
    {
        await using var smtp = await SmtpListener.StartAsync();
        await using var host = await NotificationsHost.StartAsync(database, settings: new Dictionary<string, string?>
        {
            ["Modular:Email:Delivery"] = "Smtp",
            ["Modular:Email:Smtp:Host"] = "127.0.0.1",
            ["Modular:Email:Smtp:Port"] = smtp.Port.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Modular:Email:From"] = "portal@apa.example",
        });
        var (customer, user) = host.CustomerWithUser("lv");
        var invoice = host.World.AddInvoice(customer, new LocalDate(2026, 11, 26), new LocalDate(2026, 12, 16));
        await host.PublishAsync(new InvoiceIssued(Guid.NewGuid(), host.Clock.GetCurrentInstant(), invoice.InvoiceId, invoice.Number, customer.CustomerId,
            customer.ContractId, invoice.Total, invoice.DueDate, false));
        await host.DispatchAsync();

        var mail = await smtp.WaitForMessageAsync(m => m.To.Contains(host.World.EmailOf(user)));
        mail.Subject.ShouldStartWith($"Rēķins {invoice.Number}");
        mail.Headers["list-unsubscribe"].ShouldStartWith("<https://portal.example/notifications/unsubscribe?t=");
        mail.Headers["list-unsubscribe-post"].ShouldBe("List-Unsubscribe=One-Click");
        mail.AttachmentNames.ShouldBe([invoice.Number + ".pdf"]);
        mail.Body.ShouldContain(customer.ContractNumber);
    }

    [DbFact]
    public async Task A_number_is_verified_by_the_code_sent_to_it_and_wrong_or_late_codes_are_refused()
    {
        await using var host = await NotificationsHost.StartAsync(database);
        var (_, user) = host.CustomerWithUser("ro");
        var number = "07" + Random.Shared.Next(20, 29) + Random.Shared.Next(100000, 999999);
        (await host.SendAsync(new StartPhoneVerification("12"), user)).Error.Code.ShouldBe("notifications.phone_invalid");
        (await host.SendAsync(new StartPhoneVerification(number), user)).IsSuccess.ShouldBeTrue();
        (await host.SendAsync(new StartPhoneVerification(number), user)).Error.Code.ShouldBe("notifications.code_too_soon");

        var e164 = "+40" + number[1..];
        var sms = (await host.SmsAsync()).Last(s => s.To == e164);
        sms.Text.ShouldStartWith("Codul dumneavoastră de verificare:");
        var code = new string(sms.Text.Where(char.IsDigit).Take(6).ToArray());

        (await host.SendAsync(new ConfirmPhone(code == "000000" ? "111111" : "000000"), user)).Error.Code.ShouldBe("notifications.code_wrong");
        (await host.SendAsync(new GetMyNotificationSettings(), user)).Value.PhoneVerified.ShouldBeFalse();
        (await host.SendAsync(new ConfirmPhone(code), user)).IsSuccess.ShouldBeTrue();
        var settings = (await host.SendAsync(new GetMyNotificationSettings(), user)).Value;
        settings.Phone.ShouldBe(e164);
        settings.PhoneVerified.ShouldBeTrue();
        (await host.SendAsync(new FindUsersByVerifiedPhone(e164))).Value.ShouldHaveSingleItem().UserId.ShouldBe(user.UserId!.Value);

        host.Clock.Advance(Duration.FromMinutes(2));
        var other = host.CustomerWithUser().User;
        (await host.SendAsync(new StartPhoneVerification("+40733" + Random.Shared.Next(100000, 999999)), other)).IsSuccess.ShouldBeTrue();
        host.Clock.Advance(Duration.FromMinutes(11));
        (await host.SendAsync(new ConfirmPhone("123456"), other)).Error.Code.ShouldBe("notifications.code_expired");
    }
}

public sealed class SqliteSmtpAndPhoneTests(SqliteDatabase database) : SmtpAndPhoneTests(database), IClassFixture<SqliteDatabase>;

[Postgres]
public sealed class PostgresSmtpAndPhoneTests(PostgresDatabase database) : SmtpAndPhoneTests(database), IClassFixture<PostgresDatabase>;
