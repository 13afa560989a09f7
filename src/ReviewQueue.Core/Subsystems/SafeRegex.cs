using System.Text.RegularExpressions;

namespace ReviewQueue.Core.Subsystems;

/// <summary>
/// A regex that came from a MAINTAINERS file, so it must not hang the service: run by the backtracking interpreter
/// under a match timeout (cheap to build: the Linux file has ~150 of them and loading must stay fast), or on
/// request by the non-backtracking engine when the pattern allows it.
/// A match that times out counts as no match and is remembered in <see cref="TimedOut"/>.
/// </summary>
public sealed class SafeRegex
{
    public static readonly TimeSpan Timeout = TimeSpan.FromMilliseconds(200);

    readonly Regex regex;
    public string Pattern { get; }
    public bool NonBacktracking { get; }
    public int TimedOut { get; private set; }

    SafeRegex(string pattern, Regex regex, bool nonBacktracking)
    {
        Pattern = pattern;
        this.regex = regex;
        NonBacktracking = nonBacktracking;
    }

    /// <summary>Compiles the pattern, or says why it cannot be (the message of .NET's parser).</summary>
    public static SafeRegex? TryCreate(string pattern, RegexOptions options, out string? error, bool nonBacktracking = false)
    {
        error = null;
        options |= RegexOptions.CultureInvariant;
        if (nonBacktracking)
        {
            try
            {
                return new SafeRegex(pattern, new Regex(pattern, options | RegexOptions.NonBacktracking), true);
            }
            catch (NotSupportedException)
            {
                // Constructs the automaton cannot do: fall through to the timed backtracking engine.
            }
            catch (ArgumentException e)
            {
                error = e.Message;
                return null;
            }
        }
        try
        {
            return new SafeRegex(pattern, new Regex(pattern, options, Timeout), false);
        }
        catch (ArgumentException e)
        {
            error = e.Message;
            return null;
        }
    }

    public bool IsMatch(string input)
    {
        try
        {
            return regex.IsMatch(input);
        }
        catch (RegexMatchTimeoutException)
        {
            TimedOut++;
            return false;
        }
    }
}
