using System.Diagnostics;
using Autofac;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Modular.Billing.Contracts;
using Modular.Core.Documents;
using Modular.Documents.Chromium;

namespace Modular.Billing.Benchmarks;

/// <summary>
/// Invoice PDFs per second: Chromium printing a blank page through the same renderer (the floor), first requests of distinct
/// invoices (rendered and stored), and the same requests again (served as stored). Callers keep every pooled page busy.
/// </summary>
internal static class Documents
{
    private const string Blank = "<!DOCTYPE html><html><head><meta charset=\"utf-8\"></head><body></body></html>";

    public static async Task RunAsync(BenchHost host, string provider, int count)
    {
        await using var scope = host.Scope();
        var pdf = scope.Resolve<IPdfRenderer>();
        if (!pdf.IsAvailable)
        {
            Console.WriteLine($"{provider}: PDF skipped ({pdf.UnavailableReason})");
            return;
        }

        var callers = scope.Resolve<IOptions<ChromiumPdfOptions>>().Value.MaxConcurrency * 2;
        var ids = await host.QueryAsync(db => db.Invoices.OrderBy(i => i.Sequence).Take(count + 10).Select(i => i.Id).ToListAsync());
        var warmUp = ids.Take(10).ToList();
        var measured = ids.Skip(10).ToList();

        // Warm-up: the browser starts, every pooled page exists, templates and fonts are loaded.
        await ParallelAsync(Enumerable.Range(0, callers * 2).Select(_ => (Func<Task>)(() => pdf.RenderAsync(Blank))), callers);
        await ParallelAsync(warmUp.Select(id => (Func<Task>)(() => Document(host, id))), callers);

        var blank = await ParallelAsync(Enumerable.Range(0, measured.Count).Select(_ => (Func<Task>)(() => pdf.RenderAsync(Blank))), callers);
        var html = await InvoiceHtmlAsync(host, measured[0]);
        var printed = await ParallelAsync(Enumerable.Range(0, measured.Count).Select(_ => (Func<Task>)(() => pdf.RenderAsync(html))), callers);
        var rendered = await ParallelAsync(measured.Select(id => (Func<Task>)(() => Document(host, id))), callers);
        var stored = await ParallelAsync(measured.Select(id => (Func<Task>)(() => Document(host, id))), callers);

        var blankRate = measured.Count / blank.TotalSeconds;
        var renderRate = measured.Count / rendered.TotalSeconds;
        Console.WriteLine($"{provider}: PDF blank page (floor) {measured.Count} in {blank.TotalSeconds:F1} s = {blankRate:F1}/s, {callers} callers");
        Console.WriteLine($"{provider}: PDF invoice HTML only  {measured.Count} in {printed.TotalSeconds:F1} s = {measured.Count / printed.TotalSeconds:F1}/s (Chromium printing one invoice's HTML)");
        Console.WriteLine($"{provider}: PDF invoice, rendered  {measured.Count} in {rendered.TotalSeconds:F1} s = {renderRate:F1}/s, ratio to blank {renderRate / blankRate:F2}");
        Console.WriteLine($"{provider}: PDF invoice, stored    {measured.Count} in {stored.TotalSeconds:F2} s = {measured.Count / stored.TotalSeconds:F0}/s");
    }

    private static async Task<string> InvoiceHtmlAsync(BenchHost host, Guid id) =>
        System.Text.Encoding.UTF8.GetString((await host.SendAsync(new GetInvoiceDocument(id, DocumentFormat.Html, "ro"))).Value.Content);

    private static async Task Document(BenchHost host, Guid id)
    {
        var result = await host.SendAsync(new GetInvoiceDocument(id, DocumentFormat.Pdf, "ro"));
        if (result.IsFailure || result.Value.Content.Length < 1000)
        {
            throw new InvalidOperationException($"Invoice {id}: no document ({result}).");
        }
    }

    private static async Task<TimeSpan> ParallelAsync(IEnumerable<Func<Task>> work, int callers)
    {
        var queue = new Queue<Func<Task>>(work);
        var watch = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, callers).Select(_ => Task.Run(async () =>
        {
            while (true)
            {
                Func<Task> next;
                lock (queue)
                {
                    if (!queue.TryDequeue(out next!))
                    {
                        return;
                    }
                }

                await next();
            }
        })));
        return watch.Elapsed;
    }
}
