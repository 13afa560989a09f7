using System.ComponentModel;
using System.Reflection;
using Microsoft.Extensions.Configuration;

namespace ReviewQueue.Configuration;

/// <summary>
/// The keys of a section that its options type has no place for, each by its full path (Imap:Accounts:0:Hots).
/// The binder refuses them too, but names only the last segment and the .NET type it was filling.
/// </summary>
public static class StrayKeys
{
    public static IReadOnlyList<string> Find(IConfigurationSection section, Type type)
    {
        var found = new List<string>();
        Walk(section, type, found);
        return found;
    }

    static void Walk(IConfigurationSection section, Type type, List<string> found)
    {
        type = Nullable.GetUnderlyingType(type) ?? type;
        if (IsValue(type))
            return;
        if (ItemType(type) is { } item)
        {
            // A list's keys are its indices, a dictionary's any name: only what is inside each can be wrong.
            foreach (var child in section.GetChildren())
                Walk(child, item, found);
            return;
        }
        var properties = type.GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .GroupBy(p => p.GetCustomAttribute<ConfigurationKeyNameAttribute>()?.Name ?? p.Name, StringComparer.OrdinalIgnoreCase)
            .ToDictionary(g => g.Key, g => g.First().PropertyType, StringComparer.OrdinalIgnoreCase);
        foreach (var child in section.GetChildren())
        {
            if (properties.TryGetValue(child.Key, out var propertyType))
                Walk(child, propertyType, found);
            else
                found.Add(child.Path);
        }
    }

    /// <summary>A type set from one string (the binder's leaves): numbers, enums, TimeSpan, Uri, string.</summary>
    static bool IsValue(Type type) =>
        type == typeof(string) || type.IsPrimitive || type.IsEnum || type == typeof(object)
        || TypeDescriptor.GetConverter(type).CanConvertFrom(typeof(string));

    /// <summary>The element of an array or list, the value of a dictionary; null for anything else.</summary>
    static Type? ItemType(Type type)
    {
        if (type.IsArray)
            return type.GetElementType();
        var generics = type.IsInterface ? [type, .. type.GetInterfaces()] : type.GetInterfaces();
        var dictionary = generics.FirstOrDefault(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IDictionary<,>));
        if (dictionary is not null)
            return dictionary.GetGenericArguments()[1];
        var enumerable = generics.FirstOrDefault(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IEnumerable<>));
        return enumerable?.GetGenericArguments()[0];
    }
}
