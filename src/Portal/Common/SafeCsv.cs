using CsvHelper;

namespace Portal.Common;

/// <summary>
/// CSV for staff to open in a spreadsheet. CsvHelper's injection escaping prefixes a cell that starts with
/// = + - @ tab or CR with a quote, so a hostile username cannot become a formula (CWE-1236).
/// </summary>
public static class SafeCsv
{
    public static readonly CsvWriterOptions Options = new() { Injection = CsvInjection.Escape };

    public static CsvWriter CreateWriter(TextWriter writer) => CsvWriter.Create(writer, Options, leaveOpen: true);

    /// <summary>A download response header value, e.g. <c>attachment; filename="users-20261123-1530.csv"</c>.</summary>
    public static string Attachment(string prefix, DateTimeOffset now) =>
        $"attachment; filename=\"{prefix}-{now:yyyyMMdd-HHmm}.csv\"";
}
