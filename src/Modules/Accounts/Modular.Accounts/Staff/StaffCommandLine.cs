using System.CommandLine;
using Microsoft.Extensions.Hosting;
using Modular.Accounts.Contracts;
using Modular.Core.Access;
using Modular.Core.Localization;
using Modular.Core.Persistence;
using Microsoft.Extensions.DependencyInjection;

namespace Modular.Accounts.Staff;

/// <summary>
/// The hosts' command line for staff accounts, e.g. <c>staff create --email ana@utility.ro --name "Ana Pop" --role administrator</c>.
/// A host calls it before serving: <c>if (StaffCommandLine.Handles(args)) return await StaffCommandLine.RunAsync(host, args);</c>.
/// It migrates the stores, sends the command as the system, and prints the secrets once.
/// </summary>
public static class StaffCommandLine
{
    public static bool Handles(string[] args) => args is ["staff", ..];

    /// <summary>Runs the staff command in <paramref name="args"/> against a built (not started) host; answers the exit code.</summary>
    public static async Task<int> RunAsync(IHost host, string[] args, TextWriter? output = null, TextReader? input = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(host);
        output ??= Console.Out;
        input ??= Console.In;
        var email = new Option<string>("--email") { Description = "The staff member's email (their log-in).", Required = true };
        var name = new Option<string?>("--name") { Description = "The name shown in the back office (default: the email)." };
        var roles = new Option<string[]>("--role")
        {
            Description = "A role: cashier, customer-service, supervisor, administrator (repeat for several).",
            Required = true,
        };
        var passwordStdin = new Option<bool>("--password-stdin") { Description = "Read the password from the first line of standard input; else one is generated." };
        var create = new Command("create", "Creates a staff account and prints its second-factor enrolment once.") { email, name, roles, passwordStdin };
        create.SetAction(async (parse, token) =>
        {
            var password = parse.GetValue(passwordStdin) ? (await input.ReadLineAsync(token))?.TrimEnd('\r', '\n') : null;
            var address = parse.GetValue(email)!;
            var request = new CreateStaffMember(address, parse.GetValue(name) ?? address, parse.GetValue(roles) ?? [], password);
            await ModularStorage.MigrateAsync(host.Services, token);
            var result = await host.Services.SendAsAsync(Caller.System, request, token);
            if (result.IsFailure)
            {
                var texts = host.Services.GetRequiredService<ITextCatalog>();
                foreach (var error in result.Errors)
                {
                    await output.WriteLineAsync($"error: {error.Code}: {texts.Describe(error, "en")}");
                }

                return 1;
            }

            var enrolment = result.Value;
            await output.WriteLineAsync($"Staff member {enrolment.Email} created ({enrolment.StaffId}).");
            if (enrolment.InitialPassword is { } initial)
            {
                await output.WriteLineAsync($"Initial password (shown once): {initial}");
            }

            await output.WriteLineAsync($"Authenticator (TOTP) provisioning URI (shown once): {enrolment.TotpUri}");
            await output.WriteLineAsync("Recovery codes (each works once; shown once):");
            foreach (var code in enrolment.RecoveryCodes)
            {
                await output.WriteLineAsync("  " + code);
            }

            return 0;
        });
        var root = new RootCommand("Modular host commands.") { new Command("staff", "Staff accounts.") { create } };
        return await root.Parse(args).InvokeAsync(new InvocationConfiguration { Output = output, Error = output }, cancellationToken);
    }
}
