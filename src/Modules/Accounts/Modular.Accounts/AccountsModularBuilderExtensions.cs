using Modular.Core.Composition;

namespace Modular.Accounts;

public static class AccountsModularBuilderExtensions
{
    /// <summary>Adds the Accounts module (options under <c>Modular:Accounts</c>).</summary>
    public static ModularBuilder AddAccounts(this ModularBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        return builder.AddModule(new AccountsModule());
    }
}
