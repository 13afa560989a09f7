using System.CommandLine;

namespace ReviewQueue.Commands;

/// <summary>
/// A name given empty or blank (`backlog --subsystem ""`, a script's unset variable) is a command line without it: a usage
/// error (64) said as the parser says one, not a name looked for and not found (66).
/// </summary>
public static class NotBlank
{
    public static Option<string?> Refused(this Option<string?> option, string command)
    {
        option.Validators.Add(result =>
        {
            if (string.IsNullOrWhiteSpace(result.GetValueOrDefault<string?>()))
                result.AddError($"reviewqueue: {command}: {option.Name} is empty");
        });
        return option;
    }

    public static Argument<string> Refused(this Argument<string> argument, string command)
    {
        argument.Validators.Add(result =>
        {
            if (string.IsNullOrWhiteSpace(result.GetValueOrDefault<string>()))
                result.AddError($"reviewqueue: {command}: {argument.Name} is empty");
        });
        return argument;
    }
}
