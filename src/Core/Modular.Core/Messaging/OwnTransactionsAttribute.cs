namespace Modular.Core.Messaging;

/// <summary>
/// On a command handler that commits its own work in batches or in a transaction of its own (billing runs, imports): the
/// unit of work does not wrap it in one shared transaction, and its audit row is written when it ends.
/// </summary>
[AttributeUsage(AttributeTargets.Class, Inherited = false)]
public sealed class OwnTransactionsAttribute : Attribute;
