using System.Text;
using System.Text.RegularExpressions;

namespace Portal.Tests.Localization;

/// <summary>
/// Finds the text a person reads in a .razor file that does not come from code: text between tags and the values of
/// user-facing attributes, after every Razor expression (@L["…"], @(…), @x.y, @if (…) { … }) and the @code block are
/// taken out. A small hand-written scanner rather than the Razor compiler: the compiler's syntax tree is not a public
/// API, and this is enough for markup written the way the portal writes it.
/// </summary>
internal static partial class RazorMarkupText
{
    private static readonly string[] UserFacingAttributes =
        ["Label", "Title", "Placeholder", "HelperText", "Text", "AriaLabel", "aria-label", "alt", "title", "placeholder", "Message", "ConfirmText", "CancelText"];

    private static readonly string[] ControlKeywords = ["if", "else", "foreach", "for", "while", "switch", "using", "lock", "do", "try", "catch", "finally"];

    /// <summary>Each literal that a person would read, as it stands in the file (trimmed).</summary>
    public static IReadOnlyList<string> Literals(string razor)
    {
        var markup = RemoveCodeBlocks(razor);
        var found = new List<string>();
        var text = new StringBuilder();
        var i = 0;
        while (i < markup.Length)
        {
            var c = markup[i];
            if (c == '<' && i + 1 < markup.Length && (char.IsLetter(markup[i + 1]) || markup[i + 1] == '/' || markup[i + 1] == '!'))
            {
                Flush(text, found);
                i = ReadTag(markup, i, found, out var name);
                if (name is "script" or "style")
                {
                    var end = markup.IndexOf("</" + name, i, StringComparison.OrdinalIgnoreCase);
                    i = end < 0 ? markup.Length : end;
                }
            }
            else if (c == '@')
            {
                i = SkipExpression(markup, i, text);
            }
            else if (IsLineStart(markup, i) && CSharpStatement().Match(markup, i) is { Success: true } statement)
            {
                // Inside @if/@foreach/@switch blocks a line that is not markup is C#.
                var end = statement.Index + statement.Length;
                i = end < markup.Length && markup[end] == '(' ? SkipBalanced(markup, end) : end;
            }
            else
            {
                text.Append(c);
                i++;
            }
        }
        Flush(text, found);
        return found;
    }

    private static bool IsLineStart(string s, int i)
    {
        if (char.IsWhiteSpace(s[i]))
        {
            return false;
        }
        var j = i - 1;
        while (j >= 0 && s[j] is ' ' or '\t')
        {
            j--;
        }
        return j < 0 || s[j] == '\n';
    }

    private static void Flush(StringBuilder text, List<string> found)
    {
        var value = Entity().Replace(text.ToString(), " ");
        value = ControlFlowLeftover().Replace(value, " ").Trim();
        if (value.Any(char.IsLetter))
        {
            found.Add(Whitespace().Replace(value, " "));
        }
        text.Clear();
    }

    // Reads one tag from '<' to its '>', reporting literal user-facing attribute values; returns the index after it.
    private static int ReadTag(string s, int start, List<string> found, out string name)
    {
        if (s.AsSpan(start).StartsWith("<!--"))
        {
            var close = s.IndexOf("-->", start, StringComparison.Ordinal);
            name = "";
            return close < 0 ? s.Length : close + 3;
        }
        var i = start + 1;
        if (s[i] == '/')
        {
            i++;
        }
        var nameStart = i;
        while (i < s.Length && (char.IsLetterOrDigit(s[i]) || s[i] is '-' or '.' or ':' or '_'))
        {
            i++;
        }
        name = s[nameStart..i].ToLowerInvariant();
        while (i < s.Length && s[i] != '>')
        {
            if (char.IsLetter(s[i]) || s[i] == '@')
            {
                var attrStart = i;
                while (i < s.Length && !char.IsWhiteSpace(s[i]) && s[i] is not ('=' or '>' or '/'))
                {
                    i++;
                }
                var attribute = s[attrStart..i];
                if (i < s.Length && s[i] == '=' && i + 1 < s.Length && s[i + 1] is '"' or '\'')
                {
                    var value = new StringBuilder();
                    i = ReadAttributeValue(s, i + 1, value);
                    var literal = Entity().Replace(value.ToString(), " ").Trim();
                    if (UserFacingAttributes.Contains(attribute) && literal.Any(char.IsLetter))
                    {
                        found.Add($"{attribute}=\"{literal}\"");
                    }
                }
                continue;
            }
            i++;
        }
        return Math.Min(i + 1, s.Length);
    }

    // From the opening quote: the literal part of the value goes to 'literal', Razor expressions inside are skipped.
    private static int ReadAttributeValue(string s, int quoteIndex, StringBuilder literal)
    {
        var quote = s[quoteIndex];
        var i = quoteIndex + 1;
        while (i < s.Length && s[i] != quote)
        {
            if (s[i] == '@')
            {
                i = SkipExpression(s, i, literal);
            }
            else
            {
                literal.Append(s[i]);
                i++;
            }
        }
        return i + 1;
    }

    // At '@': skips an implicit or explicit Razor expression (or a control statement's head); returns the index after it.
    private static int SkipExpression(string s, int at, StringBuilder literal)
    {
        var i = at + 1;
        if (i >= s.Length)
        {
            return i;
        }
        switch (s[i])
        {
            case '@':
                literal.Append('@');
                return i + 1;
            case '(':
                return SkipBalanced(s, i);
            case '{':
                return SkipBalanced(s, i);
            case '*':
                var end = s.IndexOf("*@", i, StringComparison.Ordinal);
                return end < 0 ? s.Length : end + 2;
        }
        if (at > 0 && char.IsLetterOrDigit(s[at - 1]))
        {
            // name@example.com is an email address in Razor, not an expression.
            literal.Append('@');
            return i;
        }
        var idStart = i;
        while (i < s.Length && (char.IsLetterOrDigit(s[i]) || s[i] == '_'))
        {
            i++;
        }
        var identifier = s[idStart..i];
        if (ControlKeywords.Contains(identifier))
        {
            while (i < s.Length && char.IsWhiteSpace(s[i]))
            {
                i++;
            }
            return i < s.Length && s[i] == '(' ? SkipBalanced(s, i) : i;
        }
        // Member access, indexers and calls continue an implicit expression: @a.b[c](d)?.e
        while (i < s.Length)
        {
            if (s[i] is '[' or '(')
            {
                i = SkipBalanced(s, i);
            }
            else if ((s[i] == '.' || (s[i] == '?' && i + 1 < s.Length && s[i + 1] == '.')) && i + 2 < s.Length && (char.IsLetter(s[i + (s[i] == '?' ? 2 : 1)]) || s[i + (s[i] == '?' ? 2 : 1)] == '_'))
            {
                i += s[i] == '?' ? 2 : 1;
                while (i < s.Length && (char.IsLetterOrDigit(s[i]) || s[i] == '_'))
                {
                    i++;
                }
            }
            else
            {
                break;
            }
        }
        return i;
    }

    // At an opening bracket: the index after its partner, stepping over C# strings and characters.
    private static int SkipBalanced(string s, int open)
    {
        var depth = 0;
        var i = open;
        while (i < s.Length)
        {
            var c = s[i];
            if (c == '/' && i + 1 < s.Length && s[i + 1] is '/' or '*')
            {
                // A comment: its apostrophes ("the browser's") open no character literal.
                var end = s[i + 1] == '/' ? s.IndexOf('\n', i) : s.IndexOf("*/", i + 2, StringComparison.Ordinal) + 1;
                i = end <= 0 ? s.Length : end + 1;
                continue;
            }
            if (c is '"' or '\'')
            {
                var verbatim = i > 0 && s[i - 1] == '@';
                i++;
                while (i < s.Length && s[i] != c)
                {
                    i += s[i] == '\\' && !verbatim ? 2 : 1;
                }
            }
            else if (c is '(' or '[' or '{')
            {
                depth++;
            }
            else if (c is ')' or ']' or '}')
            {
                depth--;
                if (depth == 0)
                {
                    return i + 1;
                }
            }
            i++;
        }
        return s.Length;
    }

    private static string RemoveCodeBlocks(string razor)
    {
        var result = Directive().Replace(razor, "");
        Match m;
        while ((m = CodeBlock().Match(result)).Success)
        {
            var open = result.IndexOf('{', m.Index);
            result = result[..m.Index] + result[SkipBalanced(result, open)..];
        }
        return result;
    }

    [GeneratedRegex(@"^\s*@(page|using|inject|attribute|implements|inherits|layout|namespace|rendermode|typeparam|preservewhitespace)\b.*$", RegexOptions.Multiline)]
    private static partial Regex Directive();

    [GeneratedRegex(@"@(code|functions)\s*\{")]
    private static partial Regex CodeBlock();

    // A C# line inside a Razor block: a statement that ends with ';', a case label, or a control keyword up to its '('.
    [GeneratedRegex(@"\G(?:(?:else\s+)?(?:if|foreach|for|while|switch|using|lock)\s*(?=\()|(?:case\b[^\n:]*|default)\s*:|[^\n<]*;[ \t]*(?=\r?\n|$))")]
    private static partial Regex CSharpStatement();

    [GeneratedRegex(@"&[a-zA-Z]+;|&#\d+;")]
    private static partial Regex Entity();

    // What is left of control flow between tags: braces and a lone else.
    [GeneratedRegex(@"[{}]|\belse\b")]
    private static partial Regex ControlFlowLeftover();

    [GeneratedRegex(@"\s+")]
    private static partial Regex Whitespace();
}
