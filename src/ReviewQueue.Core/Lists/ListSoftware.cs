namespace ReviewQueue.Core.Lists;

/// <summary>The mailing list manager behind a list address: it decides how to ask to join.</summary>
public enum ListSoftware
{
    Mlmmj,
    Mailman,
}
