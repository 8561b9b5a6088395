using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Modular.Core.Persistence;

namespace Modular.Requests.Persistence.Migrations;

/// <summary>The module's basics (outbox with delivery per consumer, inbox), requests with their thread, attachments, history, files and number series.</summary>
[DbContext(typeof(RequestsDbContext))]
[Migration("20261201200100_InitialRequests")]
internal sealed class InitialRequests : ModuleMigration
{
    protected override string ModuleSchema => RequestsDbContext.SchemaName;

    protected override void Up(MigrationBuilder migrationBuilder)
    {
        CreateModuleBasics(migrationBuilder);
        UpgradeOutboxToPerConsumerDelivery(migrationBuilder);

        CreateModuleTable(migrationBuilder, "requests", t => new
        {
            Id = t.Column<Guid>(nullable: false),
            Number = t.Column<string>(maxLength: 32, nullable: false),
            FormCode = t.Column<string>(maxLength: 64, nullable: false),
            Department = t.Column<string>(maxLength: 64, nullable: false),
            CustomerId = t.Column<Guid>(nullable: false),
            ContractId = t.Column<Guid>(nullable: true),
            MeterId = t.Column<Guid>(nullable: true),
            InvoiceId = t.Column<Guid>(nullable: true),
            FieldValues = t.Column<string>(nullable: false),
            Status = t.Column<string>(maxLength: 30, nullable: false),
            Channel = t.Column<string>(maxLength: 20, nullable: false),
            SubmittedByUser = t.Column<Guid>(nullable: true),
            SubmittedByStaff = t.Column<Guid>(nullable: true),
            SubmittedAt = t.Column<DateTime>(nullable: false),
            DueAt = t.Column<DateTime>(nullable: false),
            AssignedTo = t.Column<Guid>(nullable: true),
            ResolvedAt = t.Column<DateTime>(nullable: true),
            LastActivityAt = t.Column<DateTime>(nullable: false),
            IdempotencyKey = t.Column<string>(maxLength: 100, nullable: false),
            Version = t.Column<int>(nullable: false),
        }, t => t.PrimaryKey("PK_" + Table("requests"), x => x.Id));
        CreateModuleIndex(migrationBuilder, "requests", ["Number"], unique: true);
        CreateModuleIndex(migrationBuilder, "requests", ["CustomerId", "IdempotencyKey"], unique: true);
        CreateModuleIndex(migrationBuilder, "requests", ["Department", "Status"]);
        CreateModuleIndex(migrationBuilder, "requests", ["DueAt"]);

        CreateModuleTable(migrationBuilder, "messages", t => new
        {
            Id = t.Column<Guid>(nullable: false),
            RequestId = t.Column<Guid>(nullable: false),
            Author = t.Column<string>(maxLength: 20, nullable: false),
            AuthorId = t.Column<Guid>(nullable: true),
            Body = t.Column<string>(maxLength: RequestsDbContext.BodyLength, nullable: false),
            Internal = t.Column<bool>(nullable: false),
            PostedAt = t.Column<DateTime>(nullable: false),
            IdempotencyKey = t.Column<string>(maxLength: 100, nullable: true),
        }, t => t.PrimaryKey("PK_" + Table("messages"), x => x.Id));
        CreateModuleIndex(migrationBuilder, "messages", ["RequestId"]);
        CreateModuleIndex(migrationBuilder, "messages", ["RequestId", "IdempotencyKey"], unique: true);

        CreateModuleTable(migrationBuilder, "attachments", t => new
        {
            Id = t.Column<Guid>(nullable: false),
            RequestId = t.Column<Guid>(nullable: false),
            MessageId = t.Column<Guid>(nullable: true),
            FieldCode = t.Column<string>(maxLength: 64, nullable: true),
            FileName = t.Column<string>(maxLength: 200, nullable: false),
            ContentType = t.Column<string>(maxLength: 100, nullable: false),
            Size = t.Column<long>(nullable: false),
            StorageKey = t.Column<string>(maxLength: 200, nullable: false),
            UploadedAt = t.Column<DateTime>(nullable: false),
        }, t => t.PrimaryKey("PK_" + Table("attachments"), x => x.Id));
        CreateModuleIndex(migrationBuilder, "attachments", ["RequestId"]);

        CreateModuleTable(migrationBuilder, "history", t => new
        {
            Id = t.Column<Guid>(nullable: false),
            RequestId = t.Column<Guid>(nullable: false),
            From = t.Column<string>(maxLength: 30, nullable: true),
            To = t.Column<string>(maxLength: 30, nullable: false),
            At = t.Column<DateTime>(nullable: false),
            ById = t.Column<Guid>(nullable: true),
            ByStaff = t.Column<bool>(nullable: false),
            AssignedTo = t.Column<Guid>(nullable: true),
        }, t => t.PrimaryKey("PK_" + Table("history"), x => x.Id));
        CreateModuleIndex(migrationBuilder, "history", ["RequestId"]);

        CreateModuleTable(migrationBuilder, "files", t => new
        {
            Key = t.Column<string>(maxLength: 200, nullable: false),
            Content = t.Column<byte[]>(nullable: false),
            StoredAt = t.Column<DateTime>(nullable: false),
        }, t => t.PrimaryKey("PK_" + Table("files"), x => x.Key));

        CreateModuleTable(migrationBuilder, RequestsDbContext.NumberSeriesTable, t => new
        {
            Series = t.Column<string>(maxLength: 32, nullable: false),
            LastNumber = t.Column<long>(nullable: false),
        }, t => t.PrimaryKey("PK_" + Table(RequestsDbContext.NumberSeriesTable), x => x.Series));
    }
}
