using System.Net;
using System.Web;
using Modular.Accounts.Contracts;
using NodaTime;
using OtpNet;
using Shouldly;

namespace Modular.Web.Tests.Backoffice;

/// <summary>A staff member created through Accounts, with the secrets their enrolment showed once.</summary>
public sealed record StaffMember(Guid Id, string Email, string Password, string Role, StaffEnrolment Enrolment)
{
    /// <summary>The authenticator's code at <paramref name="at"/>.</summary>
    public string CodeAt(Instant at) =>
        new Totp(Base32Encoding.ToBytes(HttpUtility.ParseQueryString(new Uri(Enrolment.TotpUri).Query)["secret"]!)).ComputeTotp(at.ToDateTimeUtc());
}

/// <summary>Staff accounts and signed-in back-office browsers over a <see cref="DemoPortal"/>.</summary>
public static class StaffDesk
{
    public const string Password = "Birou-de-relatii-cu-clientii-9";

    public static async Task<StaffMember> NewStaffAsync(this DemoPortal demo, string role)
    {
        var email = $"staff-{Guid.NewGuid():N}@utility.example";
        var enrolment = await demo.AsSystemAsync(async m => (await m.Send(new CreateStaffMember(email, "Ana Pop", [role], Password))).Value);
        return new StaffMember(enrolment.StaffId, email, Password, role, enrolment);
    }

    /// <summary>A browser (HTTPS: the staff cookie is Secure) signed in through the real sign-in page with a TOTP code.</summary>
    public static async Task<HttpClient> SignInAsync(this DemoPortal demo, StaffMember staff, string? code = null)
    {
        var client = demo.Portal.Client(https: true);
        var response = await PostSignInAsync(client, staff.Email, staff.Password, code ?? staff.CodeAt(demo.Portal.Clock.GetCurrentInstant()));
        response.StatusCode.ShouldBe(HttpStatusCode.Redirect, await response.Content.ReadAsStringAsync());
        return client;
    }

    public static async Task<HttpResponseMessage> PostSignInAsync(HttpClient client, string email, string password, string code)
    {
        var token = await PortalFactory.AntiforgeryTokenAsync(client, "/staff/Login");
        return await PortalFactory.PostFormAsync(client, "/staff/Login", token, ("Email", email), ("Password", password), ("Code", code));
    }

    /// <summary>Posts a form of <paramref name="page"/> with that page's antiforgery token.</summary>
    public static async Task<HttpResponseMessage> PostAsync(HttpClient client, string page, string action, params (string Name, string? Value)[] fields)
    {
        var token = await PortalFactory.AntiforgeryTokenAsync(client, page);
        return await PortalFactory.PostFormAsync(client, action, token, fields);
    }

    public static void ShouldBeSentToStaffSignIn(this HttpResponseMessage response)
    {
        response.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        response.Headers.Location!.ToString().ShouldContain("/staff/Login");
    }

    public static void ShouldBeRefused(this HttpResponseMessage response)
    {
        response.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        response.Headers.Location!.ToString().ShouldContain("/staff/Denied");
    }
}
