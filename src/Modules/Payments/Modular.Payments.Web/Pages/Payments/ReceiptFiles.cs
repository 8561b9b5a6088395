using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Modular.Payments.Contracts;
using Modular.Web.Security;

namespace Modular.Payments.Web.Pages;

/// <summary>A receipt as the portal and the back office hand it over: the print view in the tab, the PDF as a download.</summary>
internal static class ReceiptFiles
{
    public static IActionResult Serve(HttpResponse response, ReceiptDocument file, bool download)
    {
        if (download)
        {
            return new FileContentResult(file.Content, file.ContentType) { FileDownloadName = file.FileName };
        }

        // The print view carries its own styles: the documents' policy allows them, nothing else.
        response.Headers.ContentSecurityPolicy = SecurityHeaders.DocumentPolicy;
        return new FileContentResult(file.Content, file.ContentType);
    }
}
