using System.Web;
using Modular.Accounts.Contracts;
using Modular.Core.Access;
using NodaTime;
using OtpNet;
using Shouldly;

namespace Modular.Accounts.Tests;

/// <summary>Staff accounts for tests: a cashier with a known password, and the codes of their authenticator.</summary>
public abstract partial class AccountsTestBase
{
    protected async Task<(StaffEnrolment Enrolment, string Password)> CreateStaffAsync(string role = StaffRoles.Cashier)
    {
        const string password = "parola-de-casier-2026";
        var enrolment = (await Host.SendAsync(new CreateStaffMember(NewEmail(), "Maria Casier", [role], password))).Value;
        enrolment.RecoveryCodes.Count.ShouldBe(10);
        enrolment.InitialPassword.ShouldBeNull();
        return (enrolment, password);
    }

    protected static string SecretOf(StaffEnrolment enrolment) => HttpUtility.ParseQueryString(new Uri(enrolment.TotpUri).Query)["secret"]!;

    protected static string CodeAt(StaffEnrolment enrolment, Instant at) => new Totp(Base32Encoding.ToBytes(SecretOf(enrolment))).ComputeTotp(at.ToDateTimeUtc());
}
