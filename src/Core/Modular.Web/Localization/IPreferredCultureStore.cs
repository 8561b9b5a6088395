namespace Modular.Web.Localization;

/// <summary>Saves a signed-in user's language choice where it outlives the cookie (the Accounts profile).</summary>
public interface IPreferredCultureStore
{
    Task SaveAsync(string culture, CancellationToken cancellationToken);
}
