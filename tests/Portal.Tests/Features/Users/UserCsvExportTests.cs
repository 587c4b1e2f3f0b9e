using System.Text;
using Portal.Features.Users;
using RemotePc;

namespace Portal.Tests.Features.Users;

/// <summary>The CSV export, read back with an independent RFC 4180 reader: formulas are neutralised, nothing else changes.</summary>
public sealed class UserCsvExportTests
{
    internal static async Task<string> ExportAsync(IEnumerable<ResellerUser> users)
    {
        var text = new StringWriter();
        await UserCsvExport.WriteAsync(text, users);
        return text.ToString();
    }

    [Theory]
    [InlineData("=HYPERLINK(\"http://evil.example\",\"x\")@example.com")]
    [InlineData("=1+2@example.com")]
    [InlineData("+cmd|' /C calc'!A0@example.com")]
    [InlineData("-2+3@example.com")]
    [InlineData("@SUM(A1:A9)")]
    [InlineData("\t=1+2@example.com")]
    [InlineData("\r=1+2@example.com")]
    public async Task A_cell_that_starts_like_a_formula_is_neutralised(string username)
    {
        var rows = CsvText.Parse(await ExportAsync([new ResellerUser(username, 1, 0, true, new DateOnly(2024, 5, 1))]));

        Assert.Equal(2, rows.Count);
        var cell = rows[1][0];
        Assert.Equal("'" + username, cell);
        Assert.Equal(["1", "0", "2024-05-01", "true"], rows[1][1..]);
    }

    [Theory]
    [InlineData("ann@example.com")]
    [InlineData("o'brien@example.com")]
    [InlineData("ann=1@example.com")]
    [InlineData("a,b\"c@example.com")]
    public async Task Other_cells_are_written_as_they_are(string username)
    {
        var rows = CsvText.Parse(await ExportAsync([new ResellerUser(username, 0, 0, false, null)]));

        Assert.Equal([username, "0", "0", "", "false"], rows[1]);
    }

    [Fact]
    public async Task The_header_names_every_column_and_rows_keep_their_order()
    {
        var users = new[] { new ResellerUser("b@example.com", 3, 4, true, new DateOnly(2023, 1, 2)), new ResellerUser("a@example.com", 0, 0, false, null) };

        var rows = CsvText.Parse(await ExportAsync(users));

        Assert.Equal(["Email", "Allotted computers", "Utilized computers", "Created", "Active"], rows[0]);
        Assert.Equal(["b@example.com", "a@example.com"], rows.Skip(1).Select(r => r[0]));
        Assert.Equal(["3", "4", "2023-01-02", "true"], rows[1][1..]);
    }

    [Fact]
    public async Task A_German_staff_member_gets_German_headings_over_the_same_language_neutral_cells()
    {
        using var culture = new Portal.Tests.Infrastructure.CultureScope("de-DE");

        var rows = CsvText.Parse(await ExportAsync([new ResellerUser("b@example.com", 1234, 4, true, new DateOnly(2023, 1, 2))]));

        Assert.Equal(["E-Mail", "Zugeteilte Computer", "Genutzte Computer", "Angelegt", "Aktiv"], rows[0]);
        Assert.Equal(["1234", "4", "2023-01-02", "true"], rows[1][1..]);
    }
}

/// <summary>A small RFC 4180 reader (quotes, doubled quotes, line breaks inside quotes), independent of CsvHelper.</summary>
internal static class CsvText
{
    public static List<string[]> Parse(string text)
    {
        if (text.Length > 0 && text[0] == '\uFEFF')
        {
            text = text[1..];
        }
        var rows = new List<string[]>();
        var row = new List<string>();
        var field = new StringBuilder();
        var quoted = false;
        var fieldStarted = false;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (quoted)
            {
                if (c == '"' && i + 1 < text.Length && text[i + 1] == '"') { field.Append('"'); i++; }
                else if (c == '"') { quoted = false; }
                else { field.Append(c); }
                continue;
            }
            switch (c)
            {
                case '"' when field.Length == 0:
                    quoted = true;
                    fieldStarted = true;
                    break;
                case ',':
                    row.Add(field.ToString());
                    field.Clear();
                    fieldStarted = true;
                    break;
                case '\r' when i + 1 < text.Length && text[i + 1] == '\n':
                    break;
                case '\n':
                    row.Add(field.ToString());
                    rows.Add([.. row]);
                    row.Clear();
                    field.Clear();
                    fieldStarted = false;
                    break;
                default:
                    field.Append(c);
                    fieldStarted = true;
                    break;
            }
        }
        if (fieldStarted || field.Length > 0 || row.Count > 0)
        {
            row.Add(field.ToString());
            rows.Add([.. row]);
        }
        return rows;
    }
}
