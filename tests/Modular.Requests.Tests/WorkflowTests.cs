using Modular.Accounts.Contracts;
using Modular.Core.Access;
using Modular.Core.Audit;
using Modular.Core.Results;
using Modular.Requests.Contracts;
using NodaTime;
using Shouldly;
using Xunit;

namespace Modular.Requests.Tests;

/// <summary>The workflow: legal and illegal steps, the thread and who sees what, reopening, concurrent staff, permissions and the audit trail.</summary>
public abstract class WorkflowTests(TestDatabase database) : IAsyncLifetime
{
    private RequestsHost _host = null!;

    public async Task InitializeAsync() => _host = await RequestsHost.StartAsync(database);

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [DbFact]
    public async Task Illegal_steps_are_refused_and_change_nothing()
    {
        var (_, user) = _host.CustomerWithUser();
        var request = await _host.SubmitAsync(user);
        var supervisor = RequestsHost.Staff(StaffRoles.Supervisor);
        foreach (var illegal in new[] { RequestStatus.InProgress, RequestStatus.WaitingForCustomer, RequestStatus.Resolved, RequestStatus.Assigned })
        {
            var result = await _host.SendAsync(new ChangeRequestStatus(request.RequestId, illegal, 1), supervisor);
            result.Error.Code.ShouldBe("requests.transition_not_allowed");
            result.Error.Arguments["from"].ShouldBe("Submitted");
        }

        await _host.MoveAsync(request.RequestId, RequestStatus.Assigned, RequestStatus.InProgress, RequestStatus.Resolved);
        (await _host.SendAsync(new ChangeRequestStatus(request.RequestId, RequestStatus.InProgress, await _host.VersionOf(request.RequestId)), supervisor))
            .Error.Code.ShouldBe("requests.transition_not_allowed");
        var details = (await _host.SendAsync(new GetRequest(request.RequestId), user)).Value;
        details.Summary.Status.ShouldBe(RequestStatus.Resolved);
        details.History.Select(h => h.To).ShouldBe([RequestStatus.Submitted, RequestStatus.Assigned, RequestStatus.InProgress, RequestStatus.Resolved]);
        details.CanReply.ShouldBeFalse();
        (await _host.EventsAbout(request.RequestId)).Count(m => m.Type.Contains(nameof(RequestStatusChanged), StringComparison.Ordinal)).ShouldBe(3);
    }

    [DbFact]
    public async Task Two_staff_members_changing_one_request_at_once_one_wins_and_the_other_is_told()
    {
        var (_, user) = _host.CustomerWithUser();
        var request = await _host.SubmitAsync(user);
        await _host.MoveAsync(request.RequestId, RequestStatus.Assigned, RequestStatus.InProgress);
        var version = await _host.VersionOf(request.RequestId);
        var a = RequestsHost.Staff(StaffRoles.CustomerService);
        var b = RequestsHost.Staff(StaffRoles.CustomerService);
        var results = await Task.WhenAll(
            _host.SendAsync(new ChangeRequestStatus(request.RequestId, RequestStatus.Resolved, version), a),
            _host.SendAsync(new ChangeRequestStatus(request.RequestId, RequestStatus.WaitingForCustomer, version), b));
        results.Count(r => r.IsSuccess).ShouldBe(1);
        results.Single(r => r.IsFailure).Error.Code.ShouldBe("requests.changed_meanwhile");
        var history = (await _host.SendAsync(new GetRequest(request.RequestId), user)).Value.History;
        history.Count.ShouldBe(4);
        (await _host.VersionOf(request.RequestId)).ShouldBe(version + 1);
    }

    [DbFact]
    public async Task The_customer_sees_answers_but_never_internal_notes_and_a_reply_to_a_waiting_request_resumes_it()
    {
        var (_, user) = _host.CustomerWithUser();
        var request = await _host.SubmitAsync(user);
        await _host.MoveAsync(request.RequestId, RequestStatus.Assigned, RequestStatus.InProgress, RequestStatus.WaitingForCustomer);
        var agent = RequestsHost.Staff(StaffRoles.CustomerService);
        (await _host.SendAsync(new PostStaffMessage(request.RequestId, "Vă rugăm să trimiteți o fotografie a contorului.", false), agent)).IsSuccess.ShouldBeTrue();
        (await _host.SendAsync(new PostStaffMessage(request.RequestId, "Clientul a mai sunat de două ori.", true), agent)).IsSuccess.ShouldBeTrue();

        var seen = (await _host.SendAsync(new GetRequest(request.RequestId), user)).Value;
        seen.Messages.Single().Body.ShouldBe("Vă rugăm să trimiteți o fotografie a contorului.");
        seen.Messages.ShouldAllBe(m => !m.Internal);
        (await _host.SendAsync(new GetRequest(request.RequestId), agent)).Value.Messages.Count.ShouldBe(2);

        var reply = await _host.SendAsync(new ReplyToRequest(request.RequestId, "Am atașat fotografia.",
            [new AttachmentUpload("contor.png", RequestsHost.Png)], "reply-1"), user);
        reply.IsSuccess.ShouldBeTrue(reply.ToString());
        (await _host.SendAsync(new ReplyToRequest(request.RequestId, "Am atașat fotografia.", [new AttachmentUpload("contor.png", RequestsHost.Png)],
            "reply-1"), user)).Value.ShouldBe(reply.Value);
        var after = (await _host.SendAsync(new GetRequest(request.RequestId), user)).Value;
        after.Summary.Status.ShouldBe(RequestStatus.InProgress);
        after.Messages.Count.ShouldBe(2);
        after.Attachments.Single().MessageId.ShouldBe(reply.Value);
        var posted = (await _host.EventsAbout(request.RequestId)).Where(m => m.Type.Contains(nameof(RequestMessagePosted), StringComparison.Ordinal)).ToList();
        posted.Count.ShouldBe(2);
    }

    [DbFact]
    public async Task Another_customers_request_and_its_files_are_not_found()
    {
        var (_, owner) = _host.CustomerWithUser();
        var (_, stranger) = _host.CustomerWithUser();
        var request = await _host.SubmitAsync(owner, RequestsHost.FreeMessage(files: new AttachmentUpload("a.pdf", RequestsHost.Pdf, "file")));
        var attachment = (await _host.SendAsync(new GetRequest(request.RequestId), owner)).Value.Attachments.Single();

        (await _host.SendAsync(new GetRequest(request.RequestId), stranger)).Error.Code.ShouldBe("requests.request_not_found");
        (await _host.SendAsync(new GetRequestAttachment(request.RequestId, attachment.AttachmentId), stranger)).Error.Code.ShouldBe("requests.attachment_not_found");
        (await _host.SendAsync(new ReplyToRequest(request.RequestId, "Hello", []), stranger)).Error.Code.ShouldBe("requests.request_not_found");
        (await _host.SendAsync(new GetMyRequests(), stranger)).Value.ShouldBeEmpty();
        var acting = RequestsHost.Staff(StaffRoles.CustomerService).OnBehalfOf(_host.World.AddCustomer().CustomerId);
        (await _host.SendAsync(new GetRequest(request.RequestId), acting)).Error.Code.ShouldBe("requests.request_not_found");
    }

    [DbFact]
    public async Task A_resolved_request_can_be_reopened_only_within_the_window()
    {
        var (_, user) = _host.CustomerWithUser();
        var request = await _host.SubmitAsync(user);
        await _host.MoveAsync(request.RequestId, RequestStatus.Assigned, RequestStatus.InProgress, RequestStatus.Resolved);
        var details = (await _host.SendAsync(new GetRequest(request.RequestId), user)).Value;
        details.ReopenUntil.ShouldBe(_host.Clock.GetCurrentInstant() + Duration.FromDays(14));

        (await _host.SendAsync(new ReplyToRequest(request.RequestId, "Mai am o întrebare.", []), user)).Error.Code.ShouldBe("requests.request_closed");
        _host.Clock.Advance(Duration.FromDays(13));
        (await _host.SendAsync(new ReopenRequest(request.RequestId, "Problema a reapărut."), user)).IsSuccess.ShouldBeTrue();
        var reopened = (await _host.SendAsync(new GetRequest(request.RequestId), user)).Value;
        reopened.Summary.Status.ShouldBe(RequestStatus.InProgress);
        reopened.Messages.Last().Body.ShouldBe("Problema a reapărut.");
        reopened.Summary.DueAt.ShouldBeGreaterThan(_host.Clock.GetCurrentInstant());

        await _host.MoveAsync(request.RequestId, RequestStatus.Resolved);
        _host.Clock.Advance(Duration.FromDays(14) + Duration.FromMinutes(1));
        var late = await _host.SendAsync(new ReopenRequest(request.RequestId, "Din nou."), user);
        late.Error.Code.ShouldBe("requests.reopen_not_allowed");
        late.Error.Arguments["days"].ShouldBe(14);
        (await _host.SendAsync(new GetRequest(request.RequestId), user)).Value.Summary.Status.ShouldBe(RequestStatus.Resolved);
    }

    [DbFact]
    public async Task Each_role_may_do_what_its_permissions_say_and_staff_actions_are_audited()
    {
        var (customer, user) = _host.CustomerWithUser();
        var request = await _host.SubmitAsync(user);
        var cashier = RequestsHost.Staff(StaffRoles.Cashier);
        var agent = RequestsHost.Staff(StaffRoles.CustomerService);
        var supervisor = RequestsHost.Staff(StaffRoles.Supervisor);

        (await _host.SendAsync(new ListRequests(), cashier)).IsSuccess.ShouldBeTrue();
        (await _host.SendAsync(new PostStaffMessage(request.RequestId, "x", false), cashier)).Error.Code.ShouldBe(CoreErrors.Forbidden);
        (await _host.SendAsync(new AssignRequest(request.RequestId, agent.StaffId!.Value, 1), agent)).Error.Code.ShouldBe(CoreErrors.Forbidden);
        (await _host.SendAsync(new AssignRequest(request.RequestId, agent.StaffId!.Value, 1), supervisor)).IsSuccess.ShouldBeTrue();
        (await _host.SendAsync(new ChangeRequestStatus(request.RequestId, RequestStatus.InProgress, 2), agent)).IsSuccess.ShouldBeTrue();
        (await _host.SendAsync(new ListRequests(AssignedTo: agent.StaffId), agent)).Value.Single().RequestId.ShouldBe(request.RequestId);
        (await _host.SendAsync(new ReplyToRequest(request.RequestId, "x", []), agent)).Error.Code.ShouldBe(CoreErrors.Forbidden);

        var audit = (await _host.SendAsync(new GetAuditTrail(StaffId: supervisor.StaffId))).Value.Entries;
        audit.ShouldContain(e => e.Action.EndsWith("AssignRequest", StringComparison.Ordinal) && e.Outcome == AuditOutcomes.Ok);
        var agentAudit = (await _host.SendAsync(new GetAuditTrail(StaffId: agent.StaffId))).Value.Entries;
        agentAudit.ShouldContain(e => e.Action.EndsWith("ChangeRequestStatus", StringComparison.Ordinal) && e.Ids!.Contains(request.RequestId.ToString()));
        _ = customer;
    }
}

public sealed class SqliteWorkflowTests(SqliteDatabase database) : WorkflowTests(database), IClassFixture<SqliteDatabase>;

[Postgres]
public sealed class PostgresWorkflowTests(PostgresDatabase database) : WorkflowTests(database), IClassFixture<PostgresDatabase>;

/// <summary>Who a request can be given to.</summary>
public abstract class AssigneeTests(TestDatabase database) : IAsyncLifetime
{
    private RequestsHost _host = null!;

    public async Task InitializeAsync() => _host = await RequestsHost.StartAsync(database);

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [DbFact]
    public async Task Only_active_staff_whose_roles_handle_requests_are_offered_even_to_a_supervisor_who_cannot_manage_staff()
    {
        StaffMemberView Member(string name, string role, Instant? disabled = null) =>
            new(Guid.NewGuid(), name + "@utility.example", name, [role], Instant.FromUtc(2026, 1, 1, 0, 0), null, disabled, 10);
        _host.World.Staff.Add(Member("Ana", StaffRoles.CustomerService));
        _host.World.Staff.Add(Member("Bogdan", StaffRoles.Cashier));
        _host.World.Staff.Add(Member("Carmen", StaffRoles.Supervisor, Instant.FromUtc(2026, 6, 1, 0, 0)));
        _host.World.Staff.Add(Member("Dan", StaffRoles.Supervisor));
        var names = (await _host.SendAsync(new ListRequestAssignees(), RequestsHost.Staff(StaffRoles.Supervisor))).Value.Select(a => a.DisplayName);
        names.ShouldBe(["Ana", "Dan"]);
    }
}

public sealed class SqliteAssigneeTests(SqliteDatabase database) : AssigneeTests(database), IClassFixture<SqliteDatabase>;

[Postgres]
public sealed class PostgresAssigneeTests(PostgresDatabase database) : AssigneeTests(database), IClassFixture<PostgresDatabase>;
