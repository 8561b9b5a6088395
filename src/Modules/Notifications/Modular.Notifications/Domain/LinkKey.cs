namespace Modular.Notifications.Domain;

/// <summary>The key unsubscribe links are signed with: made once, on first use, and shared by every instance through the database.</summary>
internal sealed class LinkKey
{
    public int Id { get; set; }

    public byte[] Key { get; set; } = [];
}
