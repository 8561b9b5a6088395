using System.Reflection;
using Autofac;
using Modular.Accounts.Contracts;
using Modular.Core.Localization;
using Modular.Core.Templates;
using Modular.TestSupport;
using Shouldly;
using Xunit;

namespace Modular.Accounts.Tests;

/// <summary>Every error code has a message and every email a template in ro, en and lv.</summary>
public abstract class ResourcesTests(TestDatabase database) : AccountsTestBase(database)
{
    private static readonly string[] Cultures = ["ro", "en", "lv"];

    public static TheoryData<string> ErrorCodes()
    {
        var data = new TheoryData<string>();
        var assembly = typeof(AccountsModule).Assembly;
        foreach (var type in new[] { "Modular.Accounts.AccountsErrors", "Modular.Accounts.Import.ImportErrors" })
        {
            foreach (var field in assembly.GetType(type)!.GetFields(BindingFlags.Public | BindingFlags.Static))
            {
                data.Add((string)field.GetValue(null)!);
            }
        }

        return data;
    }

    [DbTheory]
    [MemberData(nameof(ErrorCodes))]
    public void Every_error_code_has_a_message_in_each_language(string code)
    {
        var texts = Host.Container.Resolve<ITextCatalog>();
        foreach (var culture in Cultures)
        {
            texts.Contains(code, culture).ShouldBeTrue($"{code} has no {culture} text");
        }

        texts.Get(code, "ro").ShouldNotBe(texts.Get(code, "en"));
        texts.Get(code, "lv").ShouldNotBe(texts.Get(code, "en"));
    }

    [DbTheory]
    [InlineData("confirm-email")]
    [InlineData("already-registered")]
    [InlineData("password-reset")]
    [InlineData("confirm-email-change")]
    [InlineData("email-changed")]
    [InlineData("password-changed")]
    public async Task Every_email_has_its_own_text_in_each_language(string template)
    {
        var renderer = Host.Container.Resolve<ITemplateRenderer>();
        var model = new { link = "http://localhost:5000/x?token=abc", email = "a@b.ro", newEmail = "c@d.ro", hours = 24, portal = "http://localhost:5000" };
        var subjects = new List<string>();
        foreach (var culture in Cultures)
        {
            subjects.Add(await renderer.RenderAsync("Accounts", template + ".subject", model, culture));
            var html = await renderer.RenderAsync("Accounts", template + ".html", model, culture);
            html.ShouldNotBeNullOrWhiteSpace();
        }

        subjects.Distinct().Count().ShouldBe(3);
    }
}

public sealed class SqliteResourcesTests(SqliteDatabase database) : ResourcesTests(database), IClassFixture<SqliteDatabase>;

[Postgres]
public sealed class PostgresResourcesTests(PostgresDatabase database) : ResourcesTests(database), IClassFixture<PostgresDatabase>;
