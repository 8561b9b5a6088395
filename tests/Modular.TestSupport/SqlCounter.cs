using System.Data.Common;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Modular.TestSupport;

/// <summary>
/// Counts what a DbContext sends and reads: commands executed and rows read (EF reports each reader's reads when it is
/// disposed). Add it to a module context's options in a test to show what a use case costs without timing anything.
/// </summary>
public sealed class SqlCounter : DbCommandInterceptor
{
    private readonly Lock _lock = new();
    private readonly List<string> _commands = [];
    private long _rows;

    public int Commands
    {
        get
        {
            lock (_lock)
            {
                return _commands.Count;
            }
        }
    }

    public long Rows => Interlocked.Read(ref _rows);

    /// <summary>The text of every command since the last <see cref="Reset"/>, for messages.</summary>
    public IReadOnlyList<string> CommandTexts
    {
        get
        {
            lock (_lock)
            {
                return [.. _commands];
            }
        }
    }

    public void Reset()
    {
        lock (_lock)
        {
            _commands.Clear();
            Interlocked.Exchange(ref _rows, 0);
        }
    }

    public override InterceptionResult<DbDataReader> ReaderExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result)
    {
        Record(command);
        return result;
    }

    public override ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(DbCommand command, CommandEventData eventData,
        InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default)
    {
        Record(command);
        return ValueTask.FromResult(result);
    }

    public override InterceptionResult<int> NonQueryExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<int> result)
    {
        Record(command);
        return result;
    }

    public override ValueTask<InterceptionResult<int>> NonQueryExecutingAsync(DbCommand command, CommandEventData eventData, InterceptionResult<int> result,
        CancellationToken cancellationToken = default)
    {
        Record(command);
        return ValueTask.FromResult(result);
    }

    public override InterceptionResult<object> ScalarExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<object> result)
    {
        Record(command);
        return result;
    }

    public override ValueTask<InterceptionResult<object>> ScalarExecutingAsync(DbCommand command, CommandEventData eventData, InterceptionResult<object> result,
        CancellationToken cancellationToken = default)
    {
        Record(command);
        return ValueTask.FromResult(result);
    }

    public override InterceptionResult DataReaderDisposing(DbCommand command, DataReaderDisposingEventData eventData, InterceptionResult result)
    {
        Interlocked.Add(ref _rows, eventData.ReadCount);
        return result;
    }

    private void Record(DbCommand command)
    {
        lock (_lock)
        {
            _commands.Add(command.CommandText);
        }
    }
}
