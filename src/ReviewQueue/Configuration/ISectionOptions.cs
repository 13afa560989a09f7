namespace ReviewQueue.Configuration;

/// <summary>One section of appsettings.json. Validate returns messages that name the full key.</summary>
public interface ISectionOptions
{
    static abstract string Section { get; }

    IEnumerable<string> Validate();
}
