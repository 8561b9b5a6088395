using System.Collections.Concurrent;
using System.Diagnostics;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Modular.TestSupport;

/// <summary>
/// Records the database commands EF Core executes inside <see cref="RecordAsync"/> (on its async flow only, so other tests
/// and background dispatchers running at the same time are not counted). Lets a test compare what two paths do – e.g.
/// that an answer cannot differ in timing because it does not differ in work – without measuring time.
/// </summary>
public sealed class DbCommandRecorder : IObserver<DiagnosticListener>, IObserver<KeyValuePair<string, object?>>
{
    private static readonly DbCommandRecorder Instance = new();
    private static readonly AsyncLocal<ConcurrentQueue<string>?> Current = new();
    private static int _subscribed;

    /// <summary>Runs <paramref name="action"/> and answers the text of every command it executed, in order.</summary>
    public static async Task<IReadOnlyList<string>> RecordAsync(Func<Task> action)
    {
        if (Interlocked.Exchange(ref _subscribed, 1) == 0)
        {
            DiagnosticListener.AllListeners.Subscribe(Instance);
        }

        var commands = new ConcurrentQueue<string>();
        Current.Value = commands;
        try
        {
            await action();
        }
        finally
        {
            Current.Value = null;
        }

        return commands.ToList();
    }

    void IObserver<DiagnosticListener>.OnNext(DiagnosticListener listener)
    {
        if (listener.Name == DbLoggerCategory.Name)
        {
            listener.Subscribe(this, name => name == RelationalEventId.CommandExecuted.Name);
        }
    }

    void IObserver<KeyValuePair<string, object?>>.OnNext(KeyValuePair<string, object?> value)
    {
        if (Current.Value is { } commands && value.Value is CommandExecutedEventData executed)
        {
            commands.Enqueue(executed.Command.CommandText);
        }
    }

    void IObserver<DiagnosticListener>.OnCompleted()
    {
    }

    void IObserver<DiagnosticListener>.OnError(Exception error)
    {
    }

    void IObserver<KeyValuePair<string, object?>>.OnCompleted()
    {
    }

    void IObserver<KeyValuePair<string, object?>>.OnError(Exception error)
    {
    }
}
