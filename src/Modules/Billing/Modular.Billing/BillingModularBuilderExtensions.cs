using Modular.Core.Composition;

namespace Modular.Billing;

public static class BillingModularBuilderExtensions
{
    /// <summary>Adds the Billing module (needs Accounts and Readings in the same host).</summary>
    public static ModularBuilder AddBilling(this ModularBuilder builder) => builder.AddModule(new BillingModule());
}
