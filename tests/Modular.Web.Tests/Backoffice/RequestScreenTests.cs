using System.Net;
using System.Text.RegularExpressions;
using Autofac;
using MediatR;
using Microsoft.Extensions.DependencyInjection;
using Modular.Core.Access;
using Modular.Core.Audit;
using Modular.Requests.Contracts;
using Modular.TestSupport;
using Shouldly;
using Xunit;

namespace Modular.Web.Tests.Backoffice;

/// <summary>
/// The requests screens: the inbox and a request's page with <c>requests.read</c>; assignment with <c>requests.assign</c>;
/// answers, notes and status changes with <c>requests.handle</c>; a request entered while acting on the customer's behalf;
/// the customer page's section; two staff members changing one request at once.
/// </summary>
public abstract class RequestScreenTests(DemoPortal demo)
{
    public static TheoryData<string, bool, bool> Roles => new()
    {
        // role, handles, assigns
        { StaffRoles.Cashier, false, false },
        { StaffRoles.CustomerService, true, false },
        { StaffRoles.Supervisor, true, true },
        { StaffRoles.Administrator, true, true },
    };

    [DbTheory]
    [MemberData(nameof(Roles))]
    public async Task Each_role_reaches_the_screens_and_posts_its_permissions_allow(string role, bool handles, bool assigns)
    {
        var request = await SubmitForAliceAsync();
        var browser = await demo.SignInAsync(await demo.NewStaffAsync(role));
        var page = $"/staff/requests/{request.RequestId}";

        var inbox = await browser.GetAsync("/staff/requests");
        inbox.StatusCode.ShouldBe(HttpStatusCode.OK);
        var inboxHtml = await inbox.Content.ReadAsStringAsync();
        inboxHtml.ShouldContain($"data-request=\"{request.Number}\"");
        inboxHtml.ShouldContain("href=\"/staff/requests\"");
        var html = await browser.GetStringAsync(page);
        html.Contains("handler=Status", StringComparison.Ordinal).ShouldBe(handles);
        html.Contains("handler=Message", StringComparison.Ordinal).ShouldBe(handles);
        html.Contains("handler=Assign", StringComparison.Ordinal).ShouldBe(assigns);

        var assign = await StaffDesk.PostAsync(browser, page, page + "?handler=Assign", ("staffId", Guid.NewGuid().ToString()), ("version", "1"));
        if (assigns)
        {
            assign.StatusCode.ShouldBe(HttpStatusCode.Redirect);
            (await DetailsAsync(request.RequestId)).Summary.Status.ShouldBe(RequestStatus.Assigned);
        }
        else
        {
            assign.ShouldBeRefused();
            (await DetailsAsync(request.RequestId)).Summary.Status.ShouldBe(RequestStatus.Submitted);
        }

        var note = await StaffDesk.PostAsync(browser, page, page + "?handler=Message", ("Body", "Verificat în sistem."), ("isInternal", "true"));
        if (handles)
        {
            note.StatusCode.ShouldBe(HttpStatusCode.Redirect);
            (await DetailsAsync(request.RequestId)).Messages.ShouldHaveSingleItem().Internal.ShouldBeTrue();
        }
        else
        {
            note.ShouldBeRefused();
            (await DetailsAsync(request.RequestId)).Messages.ShouldBeEmpty();
        }
    }

    [DbFact]
    public async Task Nobody_signed_out_reaches_the_inbox_and_an_unknown_request_is_not_found()
    {
        var visitor = demo.Portal.Client(https: true);
        (await visitor.GetAsync("/staff/requests")).ShouldBeSentToStaffSignIn();
        var supervisor = await demo.SignInAsync(await demo.NewStaffAsync(StaffRoles.Supervisor));
        (await supervisor.GetAsync($"/staff/requests/{Guid.NewGuid()}")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }

    [DbFact]
    public async Task A_supervisor_assigns_an_agent_answers_and_resolves_and_the_customer_reads_the_answer()
    {
        var request = await SubmitForAliceAsync();
        var agentMember = await demo.NewStaffAsync(StaffRoles.CustomerService);
        var supervisor = await demo.SignInAsync(await demo.NewStaffAsync(StaffRoles.Supervisor));
        var page = $"/staff/requests/{request.RequestId}";
        (await supervisor.GetStringAsync(page)).ShouldContain($"value=\"{agentMember.Id}\"");
        (await StaffDesk.PostAsync(supervisor, page, page + "?handler=Assign", ("staffId", agentMember.Id.ToString()), ("version", "1")))
            .StatusCode.ShouldBe(HttpStatusCode.Redirect);

        var agent = await demo.SignInAsync(agentMember);
        (await agent.GetStringAsync("/staff/requests?Mine=true")).ShouldContain($"data-request=\"{request.Number}\"");
        // A number typed in the search box finds that request alone.
        var searched = await agent.GetStringAsync("/staff/requests?Number=" + Uri.EscapeDataString(request.Number.ToLowerInvariant()));
        Regex.Matches(searched, "data-request=\"").Count.ShouldBe(1);
        searched.ShouldContain($"data-request=\"{request.Number}\"");
        (await StaffDesk.PostAsync(agent, page, page + "?handler=Status", ("status", "InProgress"), ("version", "2"))).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await StaffDesk.PostAsync(agent, page, page + "?handler=Message", ("Body", "Contorul va fi verificat joi."), ("isInternal", "false")))
            .StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await StaffDesk.PostAsync(agent, page, page + "?handler=Status", ("status", "Resolved"), ("version", "3"))).StatusCode.ShouldBe(HttpStatusCode.Redirect);

        var customer = await demo.LogInAsync(demo.Alice);
        var seen = WebUtility.HtmlDecode(await customer.GetStringAsync($"/Requests/{request.RequestId}"));
        seen.ShouldContain("Contorul va fi verificat joi.");
        seen.ShouldContain("Rezolvată");
        seen.ShouldContain("data-testid=\"reopen\"");

        var trail = await demo.AsSystemAsync(async m => (await m.Send(new GetAuditTrail(StaffId: agentMember.Id, PageSize: 100))).Value);
        trail.Entries.Count(e => e.Action.EndsWith("ChangeRequestStatus", StringComparison.Ordinal)).ShouldBe(2);
        trail.Entries.ShouldContain(e => e.Action.EndsWith("PostStaffMessage", StringComparison.Ordinal) && e.Ids!.Contains(request.RequestId.ToString()));
    }

    [DbFact]
    public async Task The_second_of_two_colleagues_posting_on_the_same_version_is_told_and_an_empty_answer_is_refused_at_its_field()
    {
        var request = await SubmitForAliceAsync();
        var a = await demo.SignInAsync(await demo.NewStaffAsync(StaffRoles.Supervisor));
        var b = await demo.SignInAsync(await demo.NewStaffAsync(StaffRoles.Supervisor));
        var page = $"/staff/requests/{request.RequestId}";
        (await StaffDesk.PostAsync(a, page, page + "?handler=Status", ("status", "Rejected"), ("version", "1"))).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var late = await StaffDesk.PostAsync(b, page, page + "?handler=Assign", ("staffId", Guid.NewGuid().ToString()), ("version", "1"));
        late.StatusCode.ShouldBe(HttpStatusCode.OK);
        WebUtility.HtmlDecode(await late.Content.ReadAsStringAsync()).ShouldContain("Între timp altcineva a modificat cererea.");
        (await DetailsAsync(request.RequestId)).Summary.Status.ShouldBe(RequestStatus.Rejected);

        var empty = await StaffDesk.PostAsync(a, page, page + "?handler=Message", ("Body", ""), ("isInternal", "true"));
        WebUtility.HtmlDecode(await empty.Content.ReadAsStringAsync()).ShouldContain("id=\"Body-error\"");
    }

    [DbFact]
    public async Task Staff_enter_a_request_while_acting_for_the_customer_and_the_customer_page_lists_it()
    {
        var staff = await demo.NewStaffAsync(StaffRoles.CustomerService);
        var agent = await demo.SignInAsync(staff);
        (await agent.GetStringAsync("/staff/requests/new")).ShouldContain("data-testid=\"not-acting\"");
        var customerPage = $"/staff/customers/{demo.Bob.Customer.CustomerId}";
        (await StaffDesk.PostAsync(agent, customerPage, "/staff/customers/acting?handler=Start", ("customerId", demo.Bob.Customer.CustomerId.ToString()),
            ("reason", "apel telefonic"))).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await agent.GetStringAsync(customerPage)).ShouldContain("data-testid=\"enter-request\"");
        (await agent.GetStringAsync("/staff/requests/new")).ShouldContain("data-form=\"leak-report\"");

        var response = await RequestPagesTests.PostMultipartAsync(agent, "/staff/requests/new/leak-report", "/staff/requests/new/leak-report",
            [("f.address", "Str. Bucureşti 12, Giurgiu"), ("f.place", "street"), ("f.details", "Apă pe carosabil, sunat de client.")]);
        response.StatusCode.ShouldBe(HttpStatusCode.Redirect, await response.Content.ReadAsStringAsync());
        var id = Guid.Parse(response.Headers.Location!.ToString().Split('/')[^1]);
        var details = await DetailsAsync(id);
        details.Channel.ShouldBe("Staff");
        details.Summary.CustomerId.ShouldBe(demo.Bob.Customer.CustomerId);
        (await agent.GetStringAsync(customerPage)).ShouldContain($"data-request=\"{details.Summary.Number}\"");

        var trail = await demo.AsSystemAsync(async m => (await m.Send(new GetAuditTrail(StaffId: staff.Id, PageSize: 100))).Value);
        trail.Entries.ShouldContain(e => e.Action.EndsWith("SubmitRequest", StringComparison.Ordinal) && e.CustomerId == demo.Bob.Customer.CustomerId);
    }

    private async Task<SubmittedRequest> SubmitForAliceAsync()
    {
        await using var scope = demo.Portal.Services.GetRequiredService<ILifetimeScope>().BeginCallerScope(Caller.Customer(demo.Alice.UserId));
        var result = await scope.Resolve<IMediator>().Send(new SubmitRequest("meter-verification", new Dictionary<string, string?>
        {
            ["contract"] = demo.Alice.Meters[0].ContractId.ToString(), ["meter"] = demo.Alice.Meters[0].MeterId.ToString(), ["reason"] = "verification",
        }, [], Guid.NewGuid().ToString("N")));
        result.IsSuccess.ShouldBeTrue(result.ToString());
        return result.Value;
    }

    private Task<RequestDetails> DetailsAsync(Guid id) => demo.AsSystemAsync(async m => (await m.Send(new GetRequest(id))).Value);
}

public sealed class SqliteRequestScreenTests(SqliteDemoPortal demo) : RequestScreenTests(demo), IClassFixture<SqliteDemoPortal>;

[Postgres]
public sealed class PostgresRequestScreenTests(PostgresDemoPortal demo) : RequestScreenTests(demo), IClassFixture<PostgresDemoPortal>;
