using System.Diagnostics;
using MediatR;
using Microsoft.Extensions.Logging;
using Modular.Core.Results;

namespace Modular.Core.Messaging;

/// <summary>Logs each request's name, duration and outcome codes; never its content, which may hold secrets.</summary>
internal sealed class LoggingBehavior<TRequest, TResponse>(ILogger<LoggingBehavior<TRequest, TResponse>> logger)
    : IPipelineBehavior<TRequest, TResponse>
{
    public async Task<TResponse> Handle(TRequest request, CancellationToken cancellationToken, RequestHandlerDelegate<TResponse> next)
    {
        var started = Stopwatch.GetTimestamp();
        var name = typeof(TRequest).Name;
        try
        {
            var response = await next();
            var elapsed = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
            if (response is Result { IsFailure: true } failed)
            {
                logger.LogInformation("{Request} refused in {ElapsedMs:F1} ms: {Codes}", name, elapsed,
                    string.Join(",", failed.Errors.Select(e => e.Code)));
            }
            else
            {
                logger.LogDebug("{Request} handled in {ElapsedMs:F1} ms", name, elapsed);
            }

            return response;
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            logger.LogError(ex, "{Request} failed after {ElapsedMs:F1} ms", name, Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            throw;
        }
    }
}
