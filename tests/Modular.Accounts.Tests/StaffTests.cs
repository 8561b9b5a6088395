using Modular.Accounts.Contracts;
using Modular.Core.Access;
using Modular.Core.Results;
using Modular.TestSupport;
using NodaTime;
using Shouldly;
using Xunit;

namespace Modular.Accounts.Tests;

/// <summary>Staff accounts: password plus a TOTP second factor (each code once, one step of drift), recovery codes, back-off, disabling.</summary>
public abstract class StaffTests(TestDatabase database) : AccountsTestBase(database)
{
    [DbFact]
    public async Task A_staff_member_signs_in_with_the_current_code_and_the_same_code_never_works_twice()
    {
        var (enrolment, password) = await CreateStaffAsync();
        var code = CodeAt(enrolment, Host.Clock.GetCurrentInstant());
        var signedIn = await Host.SendAsync(new StaffLogIn(enrolment.Email, password, code), Caller.AnonymousOn(Channel.Staff));
        signedIn.Value.Roles.ShouldBe([StaffRoles.Cashier]);
        signedIn.Value.Session.Secret.ShouldNotBeNullOrEmpty();
        (await Host.SendAsync(new StaffLogIn(enrolment.Email, password, code))).Error.Code.ShouldBe("accounts.second_factor_invalid");
    }

    [DbFact]
    public async Task Codes_one_step_off_are_accepted_two_steps_off_are_not_and_time_never_goes_back()
    {
        var (enrolment, password) = await CreateStaffAsync();
        var now = Host.Clock.GetCurrentInstant();
        (await LogInAsync(enrolment, password, CodeAt(enrolment, now - Duration.FromSeconds(60)))).Error.Code.ShouldBe("accounts.second_factor_invalid");
        (await LogInAsync(enrolment, password, CodeAt(enrolment, now + Duration.FromSeconds(60)))).Error.Code.ShouldBe("accounts.second_factor_invalid");
        (await LogInAsync(enrolment, password, CodeAt(enrolment, now - Duration.FromSeconds(30)))).IsSuccess.ShouldBeTrue();
        (await LogInAsync(enrolment, password, CodeAt(enrolment, now + Duration.FromSeconds(30)))).IsSuccess.ShouldBeTrue();
        (await LogInAsync(enrolment, password, CodeAt(enrolment, now))).Error.Code.ShouldBe("accounts.second_factor_invalid", "a step older than one already used");
    }

    [DbFact]
    public async Task Two_sign_ins_racing_with_one_code_let_only_one_in()
    {
        var (enrolment, password) = await CreateStaffAsync();
        var code = CodeAt(enrolment, Host.Clock.GetCurrentInstant());
        var results = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => LogInAsync(enrolment, password, code)));
        results.Count(r => r.IsSuccess).ShouldBe(1);
    }

    [DbFact]
    public async Task A_recovery_code_works_once()
    {
        var (enrolment, password) = await CreateStaffAsync();
        var recovery = enrolment.RecoveryCodes[3];
        (await LogInAsync(enrolment, password, recovery.ToLowerInvariant().Replace("-", " "))).IsSuccess.ShouldBeTrue();
        (await LogInAsync(enrolment, password, recovery)).Error.Code.ShouldBe("accounts.second_factor_invalid");
        (await LogInAsync(enrolment, password, enrolment.RecoveryCodes[4])).IsSuccess.ShouldBeTrue();
        var listed = (await Host.SendAsync(new ListStaffMembers())).Value.Single(s => s.StaffId == enrolment.StaffId);
        listed.RecoveryCodesLeft.ShouldBe(8);
    }

    [DbFact]
    public async Task Wrong_passwords_and_wrong_codes_lead_to_the_back_off()
    {
        var (enrolment, password) = await CreateStaffAsync();
        for (var i = 0; i < 2; i++)
        {
            (await LogInAsync(enrolment, "nu-e-parola", "000000")).Error.Code.ShouldBe("accounts.invalid_credentials");
            (await LogInAsync(enrolment, password, "000000")).Error.Code.ShouldBe("accounts.second_factor_invalid");
        }

        (await LogInAsync(enrolment, "nu-e-parola", "000000")).Error.Code.ShouldBe("accounts.invalid_credentials");

        var refused = await LogInAsync(enrolment, password, CodeAt(enrolment, Host.Clock.GetCurrentInstant()));
        refused.Error.Code.ShouldBe("accounts.login_throttled");
        Host.Clock.Advance(Duration.FromMinutes(15));
        (await LogInAsync(enrolment, password, CodeAt(enrolment, Host.Clock.GetCurrentInstant()))).IsSuccess.ShouldBeTrue();
    }

    [DbFact]
    public async Task Disabling_a_staff_member_ends_their_sessions_at_once()
    {
        var (enrolment, password) = await CreateStaffAsync();
        var session = (await LogInAsync(enrolment, password, CodeAt(enrolment, Host.Clock.GetCurrentInstant()))).Value.Session;
        (await Host.SendAsync(new ValidateSession(session.Secret))).Value.Kind.ShouldBe(SessionKind.Staff);
        (await Host.SendAsync(new DisableStaffMember(enrolment.StaffId))).IsSuccess.ShouldBeTrue();
        (await Host.SendAsync(new ValidateSession(session.Secret))).Error.Code.ShouldBe("accounts.session_invalid");
        Host.Clock.Advance(Duration.FromMinutes(1));
        (await LogInAsync(enrolment, password, CodeAt(enrolment, Host.Clock.GetCurrentInstant()))).Error.Code.ShouldBe("accounts.invalid_credentials");
    }

    [DbFact]
    public async Task Resetting_the_second_factor_retires_the_old_secret_and_codes()
    {
        var (enrolment, password) = await CreateStaffAsync();
        var renewed = (await Host.SendAsync(new ResetStaffSecondFactor(enrolment.StaffId))).Value;
        renewed.TotpUri.ShouldNotBe(enrolment.TotpUri);
        (await LogInAsync(enrolment, password, enrolment.RecoveryCodes[0])).Error.Code.ShouldBe("accounts.second_factor_invalid");
        (await LogInAsync(enrolment, password, CodeAt(renewed, Host.Clock.GetCurrentInstant()))).IsSuccess.ShouldBeTrue();
    }

    [DbFact]
    public async Task A_staff_email_may_also_be_a_customers_without_mixing_the_accounts()
    {
        var email = NewEmail();
        await CreateConfirmedUserAsync(email, await CreateCustomerAsync());
        var created = await Host.SendAsync(new CreateStaffMember(email, "Ana Pop", [StaffRoles.Supervisor], "o-alta-parola-lunga-de-tot"));
        var enrolment = created.Value;
        (await LogInAsync(enrolment, Password, CodeAt(enrolment, Host.Clock.GetCurrentInstant()))).Error.Code.ShouldBe("accounts.invalid_credentials");
        (await Host.SendAsync(new LogIn(email, "o-alta-parola-lunga-de-tot"))).Error.Code.ShouldBe("accounts.invalid_credentials");
        (await Host.SendAsync(new LogIn(email, Password))).IsSuccess.ShouldBeTrue();
        (await Host.SendAsync(new CreateStaffMember(email, "Ana", [StaffRoles.Cashier]))).Error.Code.ShouldBe("accounts.staff_email_taken");
    }

    [DbFact]
    public async Task Only_known_roles_are_given_and_only_administrators_create_staff()
    {
        (await Host.SendAsync(new CreateStaffMember(NewEmail(), "X", ["janitor"]))).Error.Code.ShouldBe("accounts.staff_role_unknown");
        var supervisor = Caller.Staff(Guid.NewGuid(), [StaffRoles.Supervisor]);
        (await Host.SendAsync(new CreateStaffMember(NewEmail(), "X", [StaffRoles.Cashier]), supervisor)).Error.Code.ShouldBe("core.forbidden");
        var administrator = Caller.Staff(Guid.NewGuid(), [StaffRoles.Administrator]);
        (await Host.SendAsync(new CreateStaffMember(NewEmail(), "X", [StaffRoles.Cashier]), administrator)).IsSuccess.ShouldBeTrue();
    }

    [DbFact]
    public async Task Any_staff_member_reads_colleagues_names_by_id_and_nothing_else()
    {
        var (enrolment, _) = await CreateStaffAsync();
        var cashier = Caller.Staff(Guid.NewGuid(), [StaffRoles.Cashier]);
        var unknown = Guid.NewGuid();

        var names = (await Host.SendAsync(new GetStaffNames([enrolment.StaffId, unknown, enrolment.StaffId]), cashier)).Value;

        names.Keys.ShouldBe([enrolment.StaffId]);
        names[enrolment.StaffId].ShouldBe((await Host.SendAsync(new ListStaffMembers())).Value.Single(s => s.StaffId == enrolment.StaffId).DisplayName);
        (await Host.SendAsync(new GetStaffNames([enrolment.StaffId]), Caller.AnonymousOn(Channel.Portal))).Error.Code.ShouldBe(CoreErrors.Forbidden);
        (await Host.SendAsync(new GetStaffNames(Enumerable.Range(0, 501).Select(_ => Guid.NewGuid()).ToList()), cashier)).IsFailure.ShouldBeTrue();
    }

    [DbFact]
    public async Task The_command_line_creates_an_administrator_and_prints_the_secrets_once()
    {
        var output = new StringWriter();
        var email = NewEmail();
        var exit = await Staff.StaffCommandLine.RunAsync(Host.Host, ["staff", "create", "--email", email, "--name", "Ion Pop", "--role", "administrator"], output);
        exit.ShouldBe(0, output.ToString());
        var text = output.ToString();
        text.ShouldContain("otpauth://totp/");
        text.ShouldContain("Initial password (shown once): ");
        var staff = (await Host.SendAsync(new ListStaffMembers())).Value.Single(s => s.Email == email);
        staff.Roles.ShouldBe([StaffRoles.Administrator]);
        staff.RecoveryCodesLeft.ShouldBe(10);
        (await Staff.StaffCommandLine.RunAsync(Host.Host, ["staff", "create", "--email", email, "--role", "nobody"], new StringWriter())).ShouldBe(1);
    }

    private Task<Core.Results.Result<StaffLogInResult>> LogInAsync(StaffEnrolment enrolment, string password, string code) =>
        Host.SendAsync(new StaffLogIn(enrolment.Email, password, code), Caller.AnonymousOn(Channel.Staff));
}

public sealed class SqliteStaffTests(SqliteDatabase database) : StaffTests(database), IClassFixture<SqliteDatabase>;

[Postgres]
public sealed class PostgresStaffTests(PostgresDatabase database) : StaffTests(database), IClassFixture<PostgresDatabase>;
