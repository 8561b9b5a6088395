using System.Collections.Concurrent;
using System.Reflection;
using System.Text;
using Modular.Core.Access;
using Modular.Core.Messaging;
using NodaTime;

namespace Modular.Core.Audit;

/// <summary>Builds audit rows from the current caller and writes them through the scope's unit of work.</summary>
internal sealed class AuditTrail(ICurrentUser caller, UnitOfWork unitOfWork, IClock clock) : IAuditTrail
{
    private static readonly ConcurrentDictionary<Type, Func<object, (string? Ids, Guid? CustomerId)>> Readers = new();

    public void Record(AuditEvent auditEvent)
    {
        var entry = Security(auditEvent);
        if (unitOfWork.InCommand)
        {
            unitOfWork.Track(entry);
        }
        else
        {
            _outside.Add(entry);
        }
    }

    public void RecordAttempt(AuditEvent auditEvent)
    {
        var entry = Security(auditEvent);
        if (unitOfWork.InCommand)
        {
            unitOfWork.AddAttempt(entry);
        }
        else
        {
            _outside.Add(entry);
        }
    }

    public async Task FlushAsync(CancellationToken cancellationToken = default)
    {
        var entries = _outside.ToList();
        _outside.Clear();
        await unitOfWork.WriteNowAsync(entries, cancellationToken);
    }

    private readonly List<AuditEntry> _outside = [];

    /// <summary>The row of a command sent by the current caller: its name and the ids it named, never its other content.</summary>
    public AuditEntry Command(Type requestType, object request, string outcome)
    {
        var (ids, customerId) = Readers.GetOrAdd(requestType, CreateReader)(request);
        var entry = New(AuditCategory.Command, ActionName(requestType), outcome);
        entry.CustomerId = caller.CustomerId ?? customerId;
        entry.Ids = ids;
        return entry;
    }

    private AuditEntry Security(AuditEvent auditEvent)
    {
        var entry = New(AuditCategory.Security, auditEvent.Action, auditEvent.Outcome);
        entry.SubjectId = auditEvent.SubjectId;
        entry.CustomerId = auditEvent.CustomerId ?? caller.CustomerId;
        return entry;
    }

    private AuditEntry New(AuditCategory category, string action, string outcome) => new()
    {
        Id = Guid.NewGuid(),
        At = clock.GetCurrentInstant(),
        Category = category,
        Action = Trim(action, 200)!,
        Outcome = Trim(outcome, 200)!,
        CallerKind = caller.Kind,
        Channel = caller.Channel,
        StaffId = caller.StaffId,
        UserId = caller.UserId,
        SessionId = caller.SessionId,
        ClientAddress = Trim(caller.ClientAddress, 100),
    };

    /// <summary><c>Payments.RecordCounterPayment</c>: the module (from the namespace) and the request's name.</summary>
    internal static string ActionName(Type requestType)
    {
        var parts = (requestType.Namespace ?? string.Empty).Split('.');
        var module = parts.Length > 1 && parts[0] == "Modular" ? parts[1] : parts.FirstOrDefault() ?? string.Empty;
        return module.Length == 0 ? requestType.Name : module + "." + requestType.Name;
    }

    private static string? Trim(string? value, int max) => value is null || value.Length <= max ? value : value[..max];

    /// <summary>Reads the Guid properties of a request (ids, never content) and its CustomerId if it has one.</summary>
    private static Func<object, (string?, Guid?)> CreateReader(Type type)
    {
        var properties = type.GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Where(p => p.GetIndexParameters().Length == 0
                && (p.PropertyType == typeof(Guid) || p.PropertyType == typeof(Guid?) || typeof(IEnumerable<Guid>).IsAssignableFrom(p.PropertyType)))
            .ToArray();
        var customer = properties.FirstOrDefault(p => p.Name == "CustomerId" && (p.PropertyType == typeof(Guid) || p.PropertyType == typeof(Guid?)));
        return request =>
        {
            var text = new StringBuilder();
            foreach (var property in properties)
            {
                var value = property.GetValue(request);
                var shown = value switch
                {
                    null => null,
                    Guid g => g.ToString(),
                    IEnumerable<Guid> many => string.Join(',', many.Take(20)),
                    _ => null,
                };
                if (!string.IsNullOrEmpty(shown))
                {
                    text.Append(text.Length == 0 ? string.Empty : ";").Append(property.Name).Append('=').Append(shown);
                }
            }

            var ids = text.Length == 0 ? null : Trim(text.ToString(), 1000);
            return (ids, customer?.GetValue(request) as Guid?);
        };
    }
}
