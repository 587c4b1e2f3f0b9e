using System.Globalization;
using System.Text;
using CsvHelper;
using Portal.Common;

namespace Portal.Features.Invitations;

public enum InvitationRowKind
{
    Valid,
    InvalidEmail,
    InvalidComputers,
    Duplicate,
    AlreadyUser,
}

/// <summary>One line of input as typed: what the staff member can fix in the preview before it is checked again.</summary>
public sealed record RawInvitationRow(int Line, string Email, string Computers);

/// <summary>A checked row. <see cref="Email"/> is normalised (trimmed, lower case) when valid; <see cref="Note"/> is an English localizer key.</summary>
public sealed record InvitationRow(RawInvitationRow Raw, string Email, int Computers, InvitationRowKind Kind, string? Note, int? NoteArgument)
{
    public int Line => Raw.Line;

    public bool IsSendable => Kind == InvitationRowKind.Valid;
}

/// <summary>The raw rows of an input, or why the input as a whole cannot be read (an English localizer key with its argument).</summary>
public sealed record RawInvitationInput(IReadOnlyList<RawInvitationRow> Rows, string? Error = null, object? ErrorArgument = null)
{
    public static RawInvitationInput Failed(string error, object? argument = null) => new([], error, argument);
}

/// <summary>
/// Turns pasted text or an uploaded CSV into checked rows. Pure: no I/O, never throws for any input; everything wrong with
/// the input becomes a row kind or a whole-input error. Two steps so the preview can re-check after a fix or a drop:
/// Read (text → raw rows) and Check (raw rows → kinds, duplicates merged, known users marked).
/// </summary>
public static class InvitationInputParser
{
    public const string TooManyRows = "The input has more than {0} rows. Split it into smaller files.";
    public const string FileTooLarge = "The file is larger than {0} MB.";
    public const string NotUtf8 = "The file is not UTF-8 text. Save it as \"CSV UTF-8\" and upload it again.";
    public const string NotCsv = "The file could not be read as CSV.";
    public const string EmptyInput = "No addresses found.";

    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);
    private static readonly char[] PasteSeparators = [',', ';', '\t'];

    private static readonly HashSet<string> EmailHeaders = new(StringComparer.OrdinalIgnoreCase)
    {
        "email", "e-mail", "email address", "e-mail address", "emailaddress", "mail", "username", "user", "address", "invitedUserEmailId",
        // German headings, including the portal's own German exports.
        "e-mail-adresse", "e-mail adresse", "benutzer", "adresse",
    };

    private static readonly HashSet<string> ComputerHeaders = new(StringComparer.OrdinalIgnoreCase)
    {
        "computers", "computer", "allotted computers", "alloted computers", "allotted_computers", "alloted_computers", "allotedComputers",
        "allottedcomputers", "number of computers", "computer count", "count", "licenses", "seats", "computers allotted",
        "zugeteilte computer", "anzahl computer", "anzahl", "lizenzen", "plätze",
    };

    /// <summary>Pasted text: one address per line, optionally followed by a number after a comma, semicolon or tab.</summary>
    public static RawInvitationInput ReadPaste(string? text, int maxRows)
    {
        var rows = new List<RawInvitationRow>();
        var lines = (text ?? "").Replace("\r\n", "\n", StringComparison.Ordinal).Replace('\r', '\n').Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            var line = lines[i].Trim().TrimStart('\uFEFF');
            if (line.Length == 0)
            {
                continue;
            }
            var cut = line.IndexOfAny(PasteSeparators);
            var email = Unquote(cut < 0 ? line : line[..cut]);
            var computers = cut < 0 ? "" : Unquote(line[(cut + 1)..].Trim().TrimEnd(PasteSeparators));
            if (rows.Count == 0 && IsHeader([email, computers]))
            {
                continue;
            }
            if (rows.Count == maxRows)
            {
                return RawInvitationInput.Failed(TooManyRows, maxRows);
            }
            rows.Add(new RawInvitationRow(i + 1, email, computers));
        }
        return rows.Count == 0 ? RawInvitationInput.Failed(EmptyInput) : new RawInvitationInput(rows);
    }

    /// <summary>An uploaded file: UTF-8 (BOM optional), separator detected, header detected, quotes and CRLF as RFC 4180.</summary>
    public static RawInvitationInput ReadCsv(ReadOnlySpan<byte> bytes, long maxBytes, int maxRows)
    {
        if (bytes.Length > maxBytes)
        {
            return RawInvitationInput.Failed(FileTooLarge, Math.Round(maxBytes / (1024.0 * 1024.0), 1));
        }
        string text;
        try
        {
            text = StrictUtf8.GetString(bytes);
        }
        catch (DecoderFallbackException)
        {
            return RawInvitationInput.Failed(NotUtf8);
        }
        text = text.TrimStart('\uFEFF');
        if (text.Contains('\0', StringComparison.Ordinal))
        {
            // UTF-16 without a BOM decodes as "valid" UTF-8 full of NULs.
            return RawInvitationInput.Failed(NotUtf8);
        }
        try
        {
            return ReadCsvText(text, maxRows);
        }
        catch (Exception ex) when (ex is CsvFormatException or ArgumentException or FormatException or InvalidOperationException or IndexOutOfRangeException)
        {
            return RawInvitationInput.Failed(NotCsv);
        }
    }

    private static RawInvitationInput ReadCsvText(string text, int maxRows)
    {
        var options = CsvReaderOptions.Default with { HasHeader = false, TrimWhitespace = true };
        using var reader = CsvReader.FromText(text, options);
        var rows = new List<RawInvitationRow>();
        int emailColumn = 0, computersColumn = 1;
        var first = true;
        var record = 0;
        while (reader.Read())
        {
            record++;
            var fields = new string[reader.FieldCount];
            for (var f = 0; f < fields.Length; f++)
            {
                fields[f] = reader.GetString(f).Trim();
            }
            if (fields.All(string.IsNullOrWhiteSpace))
            {
                continue;
            }
            if (first)
            {
                first = false;
                if (IsHeader(fields))
                {
                    emailColumn = Array.FindIndex(fields, EmailHeaders.Contains);
                    computersColumn = Array.FindIndex(fields, ComputerHeaders.Contains);
                    if (emailColumn < 0)
                    {
                        emailColumn = computersColumn == 0 ? 1 : 0;
                    }
                    continue;
                }
            }
            if (rows.Count == maxRows)
            {
                return RawInvitationInput.Failed(TooManyRows, maxRows);
            }
            var email = emailColumn < fields.Length ? fields[emailColumn] : "";
            var computers = computersColumn >= 0 && computersColumn < fields.Length ? fields[computersColumn] : "";
            rows.Add(new RawInvitationRow(record, email, computers));
        }
        return rows.Count == 0 ? RawInvitationInput.Failed(EmptyInput) : new RawInvitationInput(rows);
    }

    /// <summary>
    /// Checks every row: email syntax, computers a whole number from 0 to <paramref name="maxComputers"/> (empty → default),
    /// duplicates (case-insensitive) merged into the first occurrence, and addresses already in the user list.
    /// </summary>
    public static IReadOnlyList<InvitationRow> Check(IEnumerable<RawInvitationRow> rows, int defaultComputers, int maxComputers, Func<string, bool>? isUser = null)
    {
        var checkedRows = new List<InvitationRow>();
        var firstByEmail = new Dictionary<string, int>(StringComparer.Ordinal);
        var mergedCount = new Dictionary<int, int>();
        foreach (var raw in rows)
        {
            var email = Normalize(raw.Email);
            if (!EmailAddressRule.IsValid(email))
            {
                checkedRows.Add(new InvitationRow(raw, raw.Email, 0, InvitationRowKind.InvalidEmail,
                    raw.Email.Trim().Length == 0 ? "The address is missing." : "This is not a valid email address.", null));
                continue;
            }
            if (!TryComputers(raw.Computers, defaultComputers, maxComputers, out var computers))
            {
                checkedRows.Add(new InvitationRow(raw, email, 0, InvitationRowKind.InvalidComputers,
                    "Computers must be a whole number from 0 to {0}.", maxComputers));
                continue;
            }
            if (firstByEmail.TryGetValue(email, out var firstIndex))
            {
                var firstRow = checkedRows[firstIndex];
                mergedCount[firstIndex] = mergedCount.GetValueOrDefault(firstIndex) + 1;
                checkedRows.Add(new InvitationRow(raw, email, computers, InvitationRowKind.Duplicate, "Same address as line {0}; merged into it.", firstRow.Line));
                continue;
            }
            firstByEmail[email] = checkedRows.Count;
            var known = isUser?.Invoke(email) == true;
            checkedRows.Add(new InvitationRow(raw, email, computers, known ? InvitationRowKind.AlreadyUser : InvitationRowKind.Valid,
                known ? "Already a user." : null, null));
        }
        foreach (var (index, count) in mergedCount)
        {
            var row = checkedRows[index];
            if (row.Note is null)
            {
                checkedRows[index] = count == 1
                    ? row with { Note = "1 more line with this address was merged into this one." }
                    : row with { Note = "{0} more lines with this address were merged into this one.", NoteArgument = count };
            }
        }
        return checkedRows;
    }

    public static string Normalize(string? email) => (email ?? "").Trim().ToLowerInvariant();

    public static bool TryComputers(string? text, int defaultComputers, int maxComputers, out int computers)
    {
        var trimmed = (text ?? "").Trim();
        if (trimmed.Length == 0)
        {
            computers = defaultComputers;
            return true;
        }
        // Only plain digits: no sign, no decimals, no thousands separators; a huge number fails the parse.
        return int.TryParse(trimmed, NumberStyles.None, CultureInfo.InvariantCulture, out computers) && computers <= maxComputers;
    }

    private static bool IsHeader(IReadOnlyList<string> fields) =>
        !fields.Any(f => f.Contains('@', StringComparison.Ordinal))
        && fields.Any(f => EmailHeaders.Contains(f) || ComputerHeaders.Contains(f));

    private static string Unquote(string value)
    {
        var v = value.Trim();
        if (v.Length >= 2 && v[0] == '"' && v[^1] == '"')
        {
            v = v[1..^1].Replace("\"\"", "\"", StringComparison.Ordinal).Trim();
        }
        return v;
    }
}
