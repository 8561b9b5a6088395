using Microsoft.EntityFrameworkCore.Migrations.Operations;
using Microsoft.EntityFrameworkCore.Migrations.Operations.Builders;
using Modular.Core.Money;
using NodaTime;

namespace Modular.Core.Persistence;

/// <summary>
/// Columns for the values <see cref="ModuleDbContext"/> converts, so a migration names the model's type
/// (<c>t.Instant()</c>, <c>t.ModuleColumn&lt;LocalDate&gt;()</c>) instead of remembering its store type: a plain
/// <c>t.Column&lt;Instant&gt;()</c> fails, as neither provider maps NodaTime types itself.
/// </summary>
public static class ModuleColumns
{
    /// <summary>The CLR type a model type is stored as (the conversions of <see cref="ModuleDbContext"/>); other types as they are.</summary>
    public static Type StoreTypeOf(Type type)
    {
        var underlying = Nullable.GetUnderlyingType(type) ?? type;
        return underlying == typeof(Instant) ? typeof(DateTime)
            : underlying == typeof(LocalDate) ? typeof(DateOnly)
            : underlying == typeof(YearMonth) ? typeof(int)
            : underlying == typeof(Currency) ? typeof(string)
            : underlying;
    }

    /// <summary>A column for a value of <typeparamref name="T"/> as the model maps it (NodaTime types, currency, or any EF type).</summary>
    public static OperationBuilder<AddColumnOperation> ModuleColumn<T>(this ColumnsBuilder columns, bool nullable = false, int? maxLength = null) =>
        columns.Column(StoreTypeOf(typeof(T)), nullable, typeof(T) == typeof(Currency) ? maxLength ?? 3 : maxLength);

    /// <summary>An <see cref="NodaTime.Instant"/>: <c>timestamptz</c> on PostgreSQL, ISO text on SQLite.</summary>
    public static OperationBuilder<AddColumnOperation> Instant(this ColumnsBuilder columns, bool nullable = false) =>
        columns.ModuleColumn<Instant>(nullable);

    /// <summary>A <see cref="NodaTime.LocalDate"/>: <c>date</c> on PostgreSQL, ISO text on SQLite.</summary>
    public static OperationBuilder<AddColumnOperation> LocalDate(this ColumnsBuilder columns, bool nullable = false) =>
        columns.ModuleColumn<LocalDate>(nullable);

    /// <summary>A <see cref="NodaTime.YearMonth"/> (a billing period) as the integer <c>yyyyMM</c>.</summary>
    public static OperationBuilder<AddColumnOperation> YearMonth(this ColumnsBuilder columns, bool nullable = false) =>
        columns.ModuleColumn<YearMonth>(nullable);

    /// <summary>A <see cref="Money.Currency"/> as its three-letter ISO code.</summary>
    public static OperationBuilder<AddColumnOperation> Currency(this ColumnsBuilder columns, bool nullable = false) =>
        columns.ModuleColumn<Currency>(nullable);

    private static OperationBuilder<AddColumnOperation> Column(this ColumnsBuilder columns, Type storeType, bool nullable, int? maxLength)
    {
        // ColumnsBuilder.Column<T> is generic only: call it for the store type.
        var method = typeof(ColumnsBuilder).GetMethod(nameof(ColumnsBuilder.Column))!.MakeGenericMethod(storeType);
        var parameters = method.GetParameters();
        var arguments = parameters.Select(p => p.Name switch
        {
            "nullable" => (object?)nullable,
            "maxLength" => maxLength,
            _ => p.HasDefaultValue ? p.DefaultValue : null,
        }).ToArray();
        return (OperationBuilder<AddColumnOperation>)method.Invoke(columns, arguments)!;
    }
}
