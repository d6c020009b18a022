using Microsoft.AspNetCore.Http;

namespace Network.Api.Http;

/// <summary>The one reading of ?page and ?pageSize: a number out of range is a 400 naming it, never another page quietly.</summary>
public static class Paging
{
    public const int MaxPageSize = 500;

    public static (int Page, int Size) Read(int? page, int? pageSize, int defaultSize = 50)
    {
        if (page is < 1)
            throw new BadHttpRequestException($"page: {page} is not a page; pages count from 1.");
        if (pageSize is < 1 or > MaxPageSize)
            throw new BadHttpRequestException($"pageSize: {pageSize} is outside 1–{MaxPageSize}.");
        var size = pageSize ?? defaultSize;
        var number = page ?? 1;
        // A page past the end is empty (and says which page it is); one past any possible end is a mistake.
        if ((long)(number - 1) * size > int.MaxValue)
            throw new BadHttpRequestException($"page: {number} is past the end of any list of {size} per page.");
        return (number, size);
    }
}
