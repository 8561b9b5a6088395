
namespace Modular.Web.Security;

/// <summary>
/// The framework's form reader cannot decode a NUL (<c>%00</c>) and the whole post fails with an empty 400 before any
/// page sees it. A NUL in a posted form is therefore turned into another control character (U+0001), which Core's text
/// check refuses at the field it came in (<c>core.invalid_characters</c>): the user is told where, and nothing is stored.
/// </summary>
internal static class NulInForms
{
    /// <summary>Forms are small; a larger body is left to the framework's own limits untouched.</summary>
    private const int MaxBody = 1024 * 1024;

    private static readonly byte[] Replacement = "%01"u8.ToArray();

    public static IApplicationBuilder UseNulSafeForms(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        var request = context.Request;
        if (HttpMethods.IsPost(request.Method) && request.HasFormContentType
            && request.ContentType!.StartsWith("application/x-www-form-urlencoded", StringComparison.OrdinalIgnoreCase)
            && request.ContentLength is > 0 and <= MaxBody)
        {
            using var buffer = new MemoryStream((int)request.ContentLength.Value);
            await request.Body.CopyToAsync(buffer, context.RequestAborted);
            var body = buffer.ToArray();
            if (Contains(body))
            {
                body = Replace(body);
            }

            request.Body = new MemoryStream(body, writable: false);
            request.ContentLength = body.Length;
        }

        await next(context);
    });

    private static bool Contains(byte[] body) => body.AsSpan().IndexOf((byte)0) >= 0 || body.AsSpan().IndexOf("%00"u8) >= 0;

    private static byte[] Replace(byte[] body)
    {
        var output = new MemoryStream(body.Length + 16);
        for (var i = 0; i < body.Length; i++)
        {
            if (body[i] == 0)
            {
                output.Write(Replacement);
            }
            else if (body[i] == (byte)'%' && i + 2 < body.Length && body[i + 1] == (byte)'0' && body[i + 2] == (byte)'0')
            {
                output.Write(Replacement);
                i += 2;
            }
            else
            {
                output.WriteByte(body[i]);
            }
        }

        return output.ToArray();
    }
}
