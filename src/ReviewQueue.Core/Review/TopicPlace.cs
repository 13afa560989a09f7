using ReviewQueue.Core.Series;

namespace ReviewQueue.Core.Review;

/// <summary>
/// Where something was met in the topics' own order (first posted, then id, as SeriesAssembler.Build lists
/// them), and at which turn inside its topic. A measure that keeps the first of something it meets keeps the
/// smallest place instead: the same answer the topics in their own order give, whatever order they come in.
/// </summary>
readonly record struct TopicPlace(long PostedTicks, string TopicId, int Turn) : IComparable<TopicPlace>
{
    public static TopicPlace Of(Topic topic, int turn = 0) => new(topic.FirstPosted.UtcTicks, topic.Id, turn);

    public int CompareTo(TopicPlace other)
    {
        int c = PostedTicks.CompareTo(other.PostedTicks);
        if (c == 0)
            c = string.CompareOrdinal(TopicId, other.TopicId);
        return c != 0 ? c : Turn.CompareTo(other.Turn);
    }

    public static bool operator <(TopicPlace a, TopicPlace b) => a.CompareTo(b) < 0;
    public static bool operator >(TopicPlace a, TopicPlace b) => a.CompareTo(b) > 0;
    public static bool operator <=(TopicPlace a, TopicPlace b) => a.CompareTo(b) <= 0;
    public static bool operator >=(TopicPlace a, TopicPlace b) => a.CompareTo(b) >= 0;
}
