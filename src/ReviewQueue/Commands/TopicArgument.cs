using System.CommandLine;
using ReviewQueue.Core.Mail;

namespace ReviewQueue.Commands;

/// <summary>
/// The ID|MSGID of show, am and check: a topic id, or a Message-ID written as b4 takes it (with or without angle
/// brackets, "id:ID", a lore or patch.msgid.link link pasted from a browser). An empty one is a usage error (64), not
/// a topic looked for and not found (66).
/// </summary>
public static class TopicArgument
{
    public static Argument<string> Create(string command, string description)
    {
        var id = new Argument<string>("ID|MSGID") { Description = description };
        id.Validators.Add(result =>
        {
            if (MessageIdReference.Read(result.GetValueOrDefault<string>() ?? "") is null)
                result.AddError($"reviewqueue: {command}: ID|MSGID is empty: give a topic id (from `series`), a Message-ID or its link in the list archive");
        });
        return id;
    }

    /// <summary>The topic id or Message-ID to look up (the validator made sure there is one).</summary>
    public static string Value(ParseResult parse, Argument<string> id) => MessageIdReference.Read(parse.GetValue(id)!)!;
}
