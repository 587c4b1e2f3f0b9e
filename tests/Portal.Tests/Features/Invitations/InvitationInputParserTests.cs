using System.Text;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Portal.Features.Invitations;

namespace Portal.Tests.Features.Invitations;

public sealed class InvitationInputParserTests
{
    private const int Max = 100_000;

    private static IReadOnlyList<InvitationRow> Paste(string text, int defaultComputers = 1, Func<string, bool>? isUser = null) =>
        InvitationInputParser.Check(InvitationInputParser.ReadPaste(text, 1000).Rows, defaultComputers, Max, isUser);

    private static RawInvitationInput Csv(string text, bool bom = false)
    {
        var bytes = Encoding.UTF8.GetBytes(text);
        return InvitationInputParser.ReadCsv(bom ? [0xEF, 0xBB, 0xBF, .. bytes] : bytes, 1024 * 1024, 1000);
    }

    [Fact]
    public void Paste_takes_a_number_after_a_comma_semicolon_or_tab_and_the_default_otherwise()
    {
        var rows = Paste("a@x.com,3\nb@x.com; 4\r\nc@x.com\t5\n\n  d@x.com  \n");

        Assert.All(rows, r => Assert.Equal(InvitationRowKind.Valid, r.Kind));
        Assert.Equal([3, 4, 5, 1], rows.Select(r => r.Computers));
        Assert.Equal(["a@x.com", "b@x.com", "c@x.com", "d@x.com"], rows.Select(r => r.Email));
    }

    [Fact]
    public void Duplicates_are_merged_case_insensitively_into_the_first()
    {
        var rows = Paste("Ann@X.com,2\nbob@x.com\nann@x.COM,7\n ANN@x.com ");

        Assert.Equal([InvitationRowKind.Valid, InvitationRowKind.Valid, InvitationRowKind.Duplicate, InvitationRowKind.Duplicate], rows.Select(r => r.Kind));
        Assert.Equal("ann@x.com", rows[0].Email);
        Assert.Equal(2, rows[0].Computers);
        Assert.Equal(2, rows[0].NoteArgument);
        Assert.Equal(1, rows[2].NoteArgument);
    }

    [Theory]
    [InlineData("not-an-address", InvitationRowKind.InvalidEmail)]
    [InlineData(",3", InvitationRowKind.InvalidEmail)]
    [InlineData("a b@x.com", InvitationRowKind.InvalidEmail)]
    [InlineData("a@x", InvitationRowKind.InvalidEmail)]
    [InlineData("a@x.com,-1", InvitationRowKind.InvalidComputers)]
    [InlineData("a@x.com,1.5", InvitationRowKind.InvalidComputers)]
    [InlineData("a@x.com,abc", InvitationRowKind.InvalidComputers)]
    [InlineData("a@x.com,99999999999999999999999", InvitationRowKind.InvalidComputers)]
    [InlineData("a@x.com,100001", InvitationRowKind.InvalidComputers)]
    [InlineData("a@x.com,3,4", InvitationRowKind.InvalidComputers)]
    [InlineData("a@x.com,0", InvitationRowKind.Valid)]
    [InlineData("\"a@x.com\",\"7\"", InvitationRowKind.Valid)]
    public void Each_row_is_checked(string line, InvitationRowKind expected) =>
        Assert.Equal(expected, Assert.Single(Paste(line)).Kind);

    [Fact]
    public void Addresses_in_the_user_list_are_marked()
    {
        var rows = Paste("known@x.com\nnew@x.com", isUser: e => e == "known@x.com");

        Assert.Equal([InvitationRowKind.AlreadyUser, InvitationRowKind.Valid], rows.Select(r => r.Kind));
    }

    [Theory]
    [InlineData("")]
    [InlineData("\n\r\n   \n")]
    [InlineData("email,computers")]
    public void Empty_input_is_a_clear_error(string text) =>
        Assert.Equal(InvitationInputParser.EmptyInput, InvitationInputParser.ReadPaste(text, 10).Error);

    [Fact]
    public void A_csv_with_bom_crlf_header_quotes_and_semicolons_is_read()
    {
        var input = Csv("Email;Computers\r\n\"ann@x.com\";\"2\"\r\n\"bob;x@x.com\";3\r\ncid@x.com;\r\n", bom: true);

        Assert.Null(input.Error);
        Assert.Equal(["ann@x.com", "bob;x@x.com", "cid@x.com"], input.Rows.Select(r => r.Email));
        Assert.Equal(["2", "3", ""], input.Rows.Select(r => r.Computers));
    }

    [Fact]
    public void A_spreadsheet_export_finds_its_columns_by_header()
    {
        var input = Csv("Name,E-Mail,Allotted Computers,Note\r\n\"Doe, Jo\",jo@x.com,4,\"said \"\"hi\"\"\"\r\nAl,al@x.com,,\r\n");

        Assert.Null(input.Error);
        Assert.Equal(["jo@x.com", "al@x.com"], input.Rows.Select(r => r.Email));
        Assert.Equal(["4", ""], input.Rows.Select(r => r.Computers));
    }

    [Fact]
    public void A_headerless_csv_reads_email_then_computers()
    {
        var input = Csv("ann@x.com,2\nbob@x.com,5\n");

        Assert.Equal(["2", "5"], input.Rows.Select(r => r.Computers));
    }

    [Fact]
    public void Invalid_utf8_is_a_clear_error()
    {
        var input = InvitationInputParser.ReadCsv([0x61, 0x40, 0x78, 0x2E, 0x63, 0xFF, 0xFE, 0x0A], 1024, 10);

        Assert.Equal(InvitationInputParser.NotUtf8, input.Error);
    }

    [Fact]
    public void Size_and_row_limits_are_clear_errors()
    {
        Assert.Equal(InvitationInputParser.FileTooLarge, InvitationInputParser.ReadCsv(new byte[2048], 1024, 10).Error);
        var many = string.Join('\n', Enumerable.Range(0, 11).Select(i => $"u{i}@x.com"));
        Assert.Equal(InvitationInputParser.TooManyRows, InvitationInputParser.ReadPaste(many, 10).Error);
        Assert.Equal(InvitationInputParser.TooManyRows, InvitationInputParser.ReadCsv(Encoding.UTF8.GetBytes(many), 1024, 10).Error);
    }

    [Fact]
    public void Unicode_addresses_are_checked_without_throwing_and_lower_cased()
    {
        var rows = Paste("Jörg@Exämple.DE\n用户@例子.广告\nzoë@example.com");

        Assert.Equal(3, rows.Count);
        Assert.All(rows.Where(r => r.Kind == InvitationRowKind.Valid), r => Assert.Equal(r.Email.ToLowerInvariant(), r.Email));
    }

    [Property(MaxTest = 300)]
    public bool Paste_never_throws_and_keeps_one_checked_row_per_raw_row(string? text)
    {
        var raw = InvitationInputParser.ReadPaste(text, 1000);
        var rows = InvitationInputParser.Check(raw.Rows, 0, Max);
        return rows.Count == raw.Rows.Count && (raw.Error is null) == (raw.Rows.Count > 0);
    }

    [Property(MaxTest = 300)]
    public bool Csv_never_throws_on_any_bytes(byte[]? bytes)
    {
        var input = InvitationInputParser.ReadCsv(bytes ?? [], 1024 * 1024, 1000);
        InvitationInputParser.Check(input.Rows, 0, Max);
        return input.Error is not null || input.Rows.Count > 0;
    }

    [Property(MaxTest = 200)]
    public Property Csv_never_throws_on_csv_like_text()
    {
        var pieces = Gen.Elements("a@x.com", "B@X.COM", ",", ";", "\t", "\"", "\"\"", "\r\n", "\n", "\r", " ", "5", "-1", "email", "computers", "\uFEFF", "é", "sep=;", "");
        var text = Gen.ListOf(pieces).Select(p => string.Concat(p));
        return Prop.ForAll(text.ToArbitrary(), t =>
        {
            var input = InvitationInputParser.ReadCsv(Encoding.UTF8.GetBytes(t), 1024 * 1024, 1000);
            var rows = InvitationInputParser.Check(input.Rows, 0, Max);
            return rows.Count == input.Rows.Count;
        });
    }

    [Property(MaxTest = 200)]
    public Property Sendable_rows_are_exactly_the_distinct_valid_addresses()
    {
        var local = Gen.Elements("ann", "Bob", "CID", "dee", "e.f", "g-h");
        var domain = Gen.Elements("x.com", "X.com", "example.org");
        var separator = Gen.Elements(",", ";", "\t");
        var line = from l in local from d in domain from s in separator from n in Gen.Choose(0, 50)
                   select $"{l}@{d}{s}{n}";
        return Prop.ForAll(Gen.NonEmptyListOf(line).ToArbitrary(), lines =>
        {
            var rows = Paste(string.Join("\r\n", lines));
            var sendable = rows.Where(r => r.IsSendable).Select(r => r.Email).ToList();
            var expected = lines.Select(l => l.Split(',', ';', '\t')[0].ToLowerInvariant()).Distinct().Count();
            return sendable.Count == expected && sendable.Distinct().Count() == sendable.Count;
        });
    }
}
