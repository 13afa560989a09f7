using ReviewQueue.Core.Series;
using ReviewQueue.Storage;

namespace ReviewQueue.Series;

/// <summary>
/// The series facts an import has just stored, kept as they were read so the rebuild that follows does
/// not read them back from their JSON. Only a fact stored after <see cref="After"/> (the newest input
/// event before the import began) is taken from here; an older one (a duplicate mail, stored by an
/// earlier reader) is read from the ledger as always. Bounded: past <see cref="Limit"/> mails (a few KB
/// each; a list's month is a few thousand) no more are kept, and the rebuild reads the rest from the
/// ledger, so a large import does not grow by what it has read.
/// </summary>
public sealed class FreshFacts(long after)
{
    public const int Limit = 10_000;

    // By the posted/replied event's own key (kind, Message-ID, target), as the ledger keeps one per key (a ledger
    // written before a duplicate's facts were left out may hold two for one Message-ID, with other kinds or parents).
    readonly Dictionary<(string Kind, string MessageId, string Target), SeriesMail> mails = new();

    public long After { get; } = after;

    /// <summary>Called by the import once the batch holding <paramref name="mail"/> has committed.</summary>
    public void Add(SeriesMail mail)
    {
        if (mails.Count < Limit)
            mails.TryAdd(SeriesFacts.Key(mail), mail);
    }

    /// <summary>The mail a stored posted/replied fact was written from, when this import wrote it.</summary>
    public SeriesMail? Of(StoredFact fact) =>
        fact.Id > After && mails.TryGetValue((fact.Kind, fact.MessageId, fact.Target), out var mail) ? mail : null;
}
