using System.Globalization;
using Modular.Core.Localization;
using Modular.Core.Results;

namespace Modular.Web.Localization;

/// <summary>Texts of the current request's language, for pages: <c>@T["nav.invoices"]</c>, <c>@T.Describe(error)</c>.</summary>
public sealed class PortalText(ITextCatalog catalog)
{
    public static string Culture => CultureInfo.CurrentUICulture.TwoLetterISOLanguageName;

    public string this[string key] => catalog.Get(key, Culture);

    public string Get(string key, params (string Name, object? Value)[] arguments) =>
        catalog.Get(key, Culture, arguments.ToDictionary(a => a.Name, a => a.Value));

    public string Describe(Error error) => catalog.Describe(error, Culture);
}
