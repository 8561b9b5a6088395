using Microsoft.EntityFrameworkCore;
using Modular.Requests.Contracts;
using Modular.Requests.Persistence;
using Shouldly;
using Xunit;

namespace Modular.Requests.Tests;

/// <summary>The folder file store, chosen by options: the bytes go to files under the data folder, none to the database.</summary>
public abstract class FolderFileStoreTests(TestDatabase database) : IAsyncLifetime
{
    private readonly string _data = Path.Combine(Path.GetTempPath(), "modular-request-files-" + Guid.NewGuid().ToString("N"));
    private RequestsHost _host = null!;

    public async Task InitializeAsync() => _host = await RequestsHost.StartAsync(database, settings: new Dictionary<string, string?>
    {
        ["Modular:DataFolder"] = _data,
        ["Modular:Requests:FileStore"] = "Folder",
    });

    public async Task DisposeAsync()
    {
        await _host.DisposeAsync();
        if (Directory.Exists(_data))
        {
            Directory.Delete(_data, recursive: true);
        }
    }

    [DbFact]
    public async Task Attachments_are_written_as_files_and_served_back_from_them()
    {
        var (_, user) = _host.CustomerWithUser();
        var request = await _host.SubmitAsync(user, RequestsHost.FreeMessage(files: new AttachmentUpload("scan.png", RequestsHost.Png, "file")));
        var attachment = (await _host.SendAsync(new GetRequest(request.RequestId), user)).Value.Attachments.Single();

        var files = Directory.GetFiles(Path.Combine(_data, "request-files"), "*", SearchOption.AllDirectories);
        files.ShouldHaveSingleItem();
        (await File.ReadAllBytesAsync(files[0])).ShouldBe(RequestsHost.Png);
        (await _host.Host.WithContextAsync<RequestsDbContext, int>(db => db.Files.CountAsync())).ShouldBe(0);
        (await _host.SendAsync(new GetRequestAttachment(request.RequestId, attachment.AttachmentId), user)).Value.Content.ShouldBe(RequestsHost.Png);
    }
}

public sealed class SqliteFolderFileStoreTests(SqliteDatabase database) : FolderFileStoreTests(database), IClassFixture<SqliteDatabase>;

[Postgres]
public sealed class PostgresFolderFileStoreTests(PostgresDatabase database) : FolderFileStoreTests(database), IClassFixture<PostgresDatabase>;
