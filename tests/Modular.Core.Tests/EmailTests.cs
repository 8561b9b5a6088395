using Autofac;
using Modular.Core.Email;
using Modular.TestSupport;
using Shouldly;
using Xunit;

namespace Modular.Core.Tests;

public sealed class EmailTests(SqliteDatabase database) : IClassFixture<SqliteDatabase>
{
    [Fact]
    public async Task The_pickup_sender_writes_one_eml_file_per_message()
    {
        await using var host = await TestHost.StartAsync(database, m => { });
        var sender = host.Container.Resolve<IEmailSender>().ShouldBeOfType<PickupDirectoryEmailSender>();
        await sender.SendAsync(new EmailMessage("ana@example.ro", "Factură nouă – școală", "<p>Plată</p>", "Plată")
        {
            Attachments = [new EmailAttachment("factura.txt", "text/plain", "țară"u8.ToArray())],
        });
        var file = Directory.GetFiles(sender.Directory, "*.eml").ShouldHaveSingleItem();
        var mail = MailFile.Parse(await File.ReadAllTextAsync(file));
        mail.To.ShouldContain("ana@example.ro");
        mail.Subject.ShouldBe("Factură nouă – școală");
        mail.Raw.ShouldContain("factura.txt");
    }

    [Fact]
    public async Task A_reader_of_the_pickup_folder_only_ever_finds_whole_messages()
    {
        await using var host = await TestHost.StartAsync(database, m => { });
        var sender = host.Container.Resolve<IEmailSender>().ShouldBeOfType<PickupDirectoryEmailSender>();
        // Large enough that the mail client writes each file in many pieces; a reader racing it must never see a piece.
        var html = string.Concat(Enumerable.Repeat("<p>Apă rece de munte</p>", 20_000)) + "<p>sfârșitul mesajului</p>";
        var sending = Task.WhenAll(Enumerable.Range(0, 6).Select(i =>
            Task.Run(() => sender.SendAsync(new EmailMessage($"cititor-{i}@example.ro", "Mesaj lung", html)))));

        do
        {
            foreach (var file in Directory.GetFiles(sender.Directory, "*.eml"))
            {
                MailFile.Parse(await File.ReadAllTextAsync(file)).Body.ShouldContain("sfârșitul mesajului");
            }
        }
        while (!sending.IsCompleted);

        await sending;
        Directory.GetFiles(sender.Directory, "*.eml").Length.ShouldBe(6);
        Directory.GetFiles(sender.Directory, "*", SearchOption.AllDirectories).ShouldAllBe(f => Path.GetDirectoryName(f) == sender.Directory);
    }

    [Fact]
    public async Task The_smtp_sender_delivers_to_a_real_smtp_server()
    {
        await using var smtp = await SmtpListener.StartAsync();
        await using var host = await TestHost.StartAsync(database, m => { }, new Dictionary<string, string?>
        {
            ["Modular:Email:Delivery"] = "Smtp",
            ["Modular:Email:Smtp:Host"] = "127.0.0.1",
            ["Modular:Email:Smtp:Port"] = smtp.Port.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Modular:Email:From"] = "portal@apa.example",
        });
        var sender = host.Container.Resolve<IEmailSender>().ShouldBeOfType<SmtpEmailSender>();
        await sender.SendAsync(new EmailMessage("ion@example.lv", "Rēķins – ūdens", "<p>Ūdens</p>"));
        var mail = await smtp.WaitForMessageAsync(m => m.To.Contains("ion@example.lv"));
        mail.Subject.ShouldBe("Rēķins – ūdens");
        mail.From.ShouldContain("portal@apa.example");
    }
}
