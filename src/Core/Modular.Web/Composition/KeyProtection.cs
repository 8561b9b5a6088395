using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore.DataProtection;
using Modular.Core.Composition;
using Modular.Web.Platform;

namespace Modular.Web.Composition;

/// <summary>
/// Encrypts the data protection keys at rest with the certificate in <c>Modular:Web:DataProtection:CertificatePath</c>.
/// The certificate is loaded while the host is built (the key ring needs it for decryption, which cannot be configured
/// later), so a missing or unreadable file stops the start with the key in the message.
/// </summary>
internal static class KeyProtection
{
    public const string SectionPath = "Modular:Web:" + DataProtectionSettings.Section;

    public static void Configure(ModuleServices module, IDataProtectionBuilder dataProtection)
    {
        var settings = module.Root.GetSection(SectionPath).Get<DataProtectionSettings>() ?? new DataProtectionSettings();
        if (string.IsNullOrWhiteSpace(settings.CertificatePath))
        {
            module.Services.AddHostedService<UnencryptedKeysWarning>();
            return;
        }

        dataProtection.ProtectKeysWithCertificate(Load(settings.CertificatePath, settings.Password, module.Environment.ContentRootPath));
    }

    internal static X509Certificate2 Load(string path, string? password, string contentRoot)
    {
        var key = SectionPath + ":" + nameof(DataProtectionSettings.CertificatePath);
        var full = Path.GetFullPath(path, contentRoot);
        if (!File.Exists(full))
        {
            throw new ModularConfigurationException($"{key}: the certificate file '{full}' does not exist.");
        }

        X509Certificate2 certificate;
        try
        {
            certificate = X509CertificateLoader.LoadPkcs12FromFile(full, password);
        }
        catch (CryptographicException e)
        {
            throw new ModularConfigurationException($"{key}: '{full}' cannot be loaded as a PKCS#12 certificate with the configured Password ({e.Message}).");
        }

        if (!certificate.HasPrivateKey)
        {
            throw new ModularConfigurationException($"{key}: '{full}' has no private key, so the keys it encrypts could not be read back.");
        }

        return certificate;
    }

    /// <summary>Says once at start that the key ring is stored in plain text, so an operator can decide to encrypt it.</summary>
    private sealed class UnencryptedKeysWarning(ILogger<UnencryptedKeysWarning> logger) : IHostedService
    {
        public Task StartAsync(CancellationToken cancellationToken)
        {
            logger.LogWarning("Data protection keys are stored unencrypted in the database (table web.data_protection_keys); " +
                "set {Key} to a certificate to encrypt them at rest", SectionPath + ":" + nameof(DataProtectionSettings.CertificatePath));
            return Task.CompletedTask;
        }

        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    }
}
