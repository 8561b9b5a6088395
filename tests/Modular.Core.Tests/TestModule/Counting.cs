using FluentValidation;
using MediatR;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Modular.Core.Access;
using Modular.Core.Events;
using Modular.Core.Messaging;
using Modular.Core.Outbox;
using Modular.Core.Results;
using Modular.Core.Time;
using NodaTime;

namespace Modular.Core.Tests.TestModule;

public sealed record CounterIncremented(Guid EventId, Instant OccurredAt, string Name, int Value) : IIntegrationEvent;

[AllowedCallers(Callers.Anyone)]
public sealed record IncrementCounter(string Name, int By) : ICommand<int>;

public sealed class IncrementCounterValidator : AbstractValidator<IncrementCounter>
{
    public IncrementCounterValidator(IOptions<CountersOptions> options)
    {
        RuleFor(c => c.Name).NotEmpty();
        RuleFor(c => c.By).GreaterThan(0).WithErrorCode("counters.by_not_positive")
            .LessThanOrEqualTo(options.Value.MaxIncrement).WithErrorCode("counters.by_too_large");
    }
}

internal sealed class IncrementCounterHandler(CountersDbContext db, UtilityClock clock) : IRequestHandler<IncrementCounter, Result<int>>
{
    public async Task<Result<int>> Handle(IncrementCounter request, CancellationToken cancellationToken)
    {
        var counter = await db.Counters.SingleOrDefaultAsync(c => c.Name == request.Name, cancellationToken);
        if (counter is null)
        {
            counter = new Counter { Id = Guid.NewGuid(), Name = request.Name };
            db.Counters.Add(counter);
        }

        counter.Value += request.By;
        counter.UpdatedAt = clock.Now;
        counter.Day = clock.Today;
        db.Publish(new CounterIncremented(Guid.NewGuid(), clock.Now, counter.Name, counter.Value));
        return counter.Value;
    }
}

/// <summary>Writes, publishes, then refuses: nothing of it may be stored.</summary>
[AllowedCallers(Callers.Anyone)]
public sealed record WriteThenRefuse(string Name) : ICommand;

internal sealed class WriteThenRefuseHandler(CountersDbContext db, UtilityClock clock) : IRequestHandler<WriteThenRefuse, Result>
{
    public Task<Result> Handle(WriteThenRefuse request, CancellationToken cancellationToken)
    {
        db.Counters.Add(new Counter { Id = Guid.NewGuid(), Name = request.Name, Value = 1, UpdatedAt = clock.Now, Day = clock.Today });
        db.Publish(new CounterIncremented(Guid.NewGuid(), clock.Now, request.Name, 1));
        return Task.FromResult(Result.Failure("counters.refused"));
    }
}

/// <summary>Writes, publishes, then throws.</summary>
[AllowedCallers(Callers.Anyone)]
public sealed record WriteThenThrow(string Name) : ICommand;

internal sealed class WriteThenThrowHandler(CountersDbContext db, UtilityClock clock) : IRequestHandler<WriteThenThrow, Result>
{
    public Task<Result> Handle(WriteThenThrow request, CancellationToken cancellationToken)
    {
        db.Counters.Add(new Counter { Id = Guid.NewGuid(), Name = request.Name, Value = 1, UpdatedAt = clock.Now, Day = clock.Today });
        throw new InvalidOperationException("boom");
    }
}

/// <summary>A command that sends another command: only the outer one commits.</summary>
[AllowedCallers(Callers.Anyone)]
public sealed record IncrementTwice(string Name) : ICommand<int>;

internal sealed class IncrementTwiceHandler(IMediator mediator) : IRequestHandler<IncrementTwice, Result<int>>
{
    public async Task<Result<int>> Handle(IncrementTwice request, CancellationToken cancellationToken)
    {
        var first = await mediator.Send(new IncrementCounter(request.Name, 1), cancellationToken);
        if (first.IsFailure)
        {
            return Result<int>.From(first);
        }

        return await mediator.Send(new IncrementCounter(request.Name, 1), cancellationToken);
    }
}

[AllowedCallers(Callers.Anyone)]
public sealed record GetCounter(string Name) : IQuery<int>;

internal sealed class GetCounterHandler(CountersDbContext db) : IRequestHandler<GetCounter, Result<int>>
{
    public async Task<Result<int>> Handle(GetCounter request, CancellationToken cancellationToken)
    {
        var counter = await db.Counters.AsNoTracking().SingleOrDefaultAsync(c => c.Name == request.Name, cancellationToken);
        return counter is null ? Result<int>.Failure(CoreErrors.NotFound) : counter.Value;
    }
}

internal sealed class FirstConsumer(CountersDbContext db, IClock clock)
    : InboxEventHandler<CounterIncremented, CountersDbContext>(db, clock)
{
    protected override Task HandleCoreAsync(CounterIncremented integrationEvent, CancellationToken cancellationToken)
    {
        Db.Applications.Add(new Application { Id = Guid.NewGuid(), EventId = integrationEvent.EventId, Consumer = "first" });
        return Task.CompletedTask;
    }
}

/// <summary>A consumer whose effect leaves the database (like an email): it is claimed before it happens.</summary>
internal sealed class MessengerConsumer(CountersDbContext db, IClock clock, Messages messages)
    : InboxEventHandler<CounterIncremented, CountersDbContext>(db, clock)
{
    protected override bool HasOutsideEffects => true;

    protected override async Task HandleCoreAsync(CounterIncremented integrationEvent, CancellationToken cancellationToken)
    {
        await Task.Delay(50, cancellationToken); // a slow mail server widens the race
        messages.Send(integrationEvent.EventId);
    }
}

internal sealed class FlakyConsumer(CountersDbContext db, IClock clock, ConsumerFaults faults)
    : InboxEventHandler<CounterIncremented, CountersDbContext>(db, clock)
{
    protected override async Task HandleCoreAsync(CounterIncremented integrationEvent, CancellationToken cancellationToken)
    {
        Db.Applications.Add(new Application { Id = Guid.NewGuid(), EventId = integrationEvent.EventId, Consumer = "flaky" });
        await Task.Yield();
        faults.Delivered();
        if (faults.ShouldFail())
        {
            throw new InvalidOperationException("The flaky consumer failed on purpose.");
        }
    }
}
