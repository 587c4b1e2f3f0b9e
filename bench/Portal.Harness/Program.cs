using System.Globalization;
using Portal.Harness.Infrastructure;
using Portal.Harness.Rows;

namespace Portal.Harness;

/// <summary>
/// Rows 3, 4, 6 and 7 of issue 8: work that crosses a process (a browser, a published app) or runs for seconds.
/// dotnet run --project bench/Portal.Harness -c Release -- &lt;3|4|6|7|all&gt; [alternations]
/// </summary>
public static class HarnessProgram
{
    public static async Task<int> Main(string[] args)
    {
        var row = args.Length > 0 ? args[0] : "all";
        var alternations = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 5;
        var results = new List<ResultRow>();
        if (row == "3p")
        {
            await InteractionProfile.RunAsync(alternations);
            return 0;
        }
        if (row is "3" or "all")
        {
            results.AddRange(await InteractionRow.RunAsync(alternations));
        }
        if (row is "4" or "all")
        {
            results.AddRange(await CircuitMemoryRow.RunAsync(alternations));
        }
        if (row is "6" or "all")
        {
            results.AddRange(await InvitationRow.RunAsync(alternations));
        }
        if (row is "7" or "all")
        {
            results.AddRange(await ColdStartRow.RunAsync(alternations));
        }
        ResultTable.Print(results);
        return results.All(r => r.Met != false) ? 0 : 1;
    }
}
