namespace Modular.Requests;

/// <summary>Stable error codes of the module; texts in texts/{ro,en,lv}.json.</summary>
internal static class RequestsErrors
{
    public const string RequestNotFound = "requests.request_not_found";
    public const string TakeInvalid = "requests.take_invalid";
}
