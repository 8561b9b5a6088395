using Modular.Core.Access;
using Modular.Core.Messaging;
using NodaTime;

namespace Modular.Core.Outbox;

// Staff requests on the outbox's dead letters: deliveries that failed their last allowed attempt (Modular:Outbox:MaxAttempts).
// They live together in this file so their permission declarations sit in one place.

/// <summary>The dead letters, oldest first, a page at a time; optionally of one consumer.</summary>
[AllowedCallers(Callers.Staff | Callers.System, StaffPermission = CorePermissions.OperationsRead)]
public sealed record ListDeadLetters(int Page = 1, int PageSize = 50, string? Consumer = null) : IQuery<DeadLetterPage>;

/// <summary>Gives a consumer's dead letter – or, without <see cref="MessageId"/>, all of its dead letters – a new round of attempts; answers how many.</summary>
[AllowedCallers(Callers.Staff | Callers.System, StaffPermission = CorePermissions.OperationsManage)]
public sealed record RetryDeadLetters(string Consumer, Guid? MessageId = null) : ICommand<int>;

/// <summary>Gives a dead letter up: the consumer never gets the event, and the message can leave the outbox.</summary>
[AllowedCallers(Callers.Staff | Callers.System, StaffPermission = CorePermissions.OperationsManage)]
public sealed record DropDeadLetter(string Consumer, Guid MessageId) : ICommand;

public sealed record DeadLetterPage(IReadOnlyList<DeadLetter> Items, int Total, int Page, int PageSize);

/// <summary>One consumer's failed delivery of one event, with the last error (trimmed) and the store the event came from.</summary>
public sealed record DeadLetter(string Store, Guid MessageId, string Consumer, string? EventType, Instant OccurredAt, int Attempts,
    Instant DeadAt, string? LastError);
