namespace Portal.Harness.Infrastructure;

/// <summary>One printed line per figure: the baseline and portal figures of the same run, their ratio, the target and the verdict (none for a figure given as context).</summary>
internal sealed record ResultRow(string Row, string What, string Baseline, string Portal, string Ratio, string Target, bool? Met);

internal static class ResultTable
{
    public static void Print(IEnumerable<ResultRow> rows)
    {
        Console.WriteLine();
        Console.WriteLine("| # | what | baseline | portal | ratio | target | met |");
        Console.WriteLine("|---|---|---|---|---|---|---|");
        foreach (var r in rows)
        {
            Console.WriteLine($"| {r.Row} | {r.What} | {r.Baseline} | {r.Portal} | {r.Ratio} | {r.Target} | {r.Met switch { true => "met", false => "MISSED", null => "—" }} |");
        }
        Console.WriteLine();
    }
}
