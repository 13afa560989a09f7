using System.Runtime.CompilerServices;

namespace ReviewQueue.IntegrationTests;

/// <summary>What this test process sets for the programs it starts, before any test runs.</summary>
static class TestEnvironment
{
    /// <summary>
    /// The reviewqueue processes the tests start keep their JIT profiles in a folder of the tests' own, not in the
    /// user's ~/.cache, unless REVIEWQUEUE_JIT_PROFILES is already set (empty: none at all).
    /// </summary>
    [ModuleInitializer]
    internal static void KeepJitProfilesApart()
    {
        const string variable = "REVIEWQUEUE_JIT_PROFILES";
        if (Environment.GetEnvironmentVariable(variable) is null)
            Environment.SetEnvironmentVariable(variable, Path.Combine(Path.GetTempPath(), "reviewqueue-tests-jit"));
    }
}
