using System.Reflection;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace ReviewQueue.Git.Trees;

/// <summary>
/// The few libgit2 calls of the sync's hot path, straight into the native library LibGit2Sharp
/// ships (the same libgit2, in process). LibGit2Sharp's Patch builds strings and line objects
/// for every line; a sync needs only the bytes for the patch-id, which this hands over directly.
/// </summary>
static unsafe partial class NativeDiff
{
    const string Library = "git2-5853918";

    static NativeDiff()
    {
        NativeLibrary.SetDllImportResolver(typeof(NativeDiff).Assembly, (name, _, path) =>
            name == Library && NativeLibrary.TryLoad(name, typeof(LibGit2Sharp.Repository).Assembly, path, out var handle)
                ? handle : IntPtr.Zero);
        git_libgit2_init();
        // Reading objects, libgit2 re-hashes each one by default; git does not. A sync reads every
        // tree and blob a commit touches, so this check is most of its time.
        git_libgit2_opts(StrictHashVerification, 0);
        // Keep trees of up to 1 MB in the object cache (default 4 KB: a kernel's drivers/ is larger).
        git_libgit2_opts(CacheObjectLimit, 2, 1 << 20);
        // And blobs of up to 256 KB (default: none): a file changed again a few commits later is
        // read again as the old side, and resolving its delta chain twice is the costly part.
        git_libgit2_opts(CacheObjectLimit, 3, 256 << 10);
    }

    const int CacheObjectLimit = 6;         // GIT_OPT_SET_CACHE_OBJECT_LIMIT (type, size)
    const int StrictHashVerification = 22;  // GIT_OPT_ENABLE_STRICT_HASH_VERIFICATION
    const int ServerConnectTimeout = 39;    // GIT_OPT_SET_SERVER_CONNECT_TIMEOUT (milliseconds)
    const int ServerTimeout = 41;           // GIT_OPT_SET_SERVER_TIMEOUT (milliseconds, each wait for the server)

    /// <summary>How long libgit2 waits to connect to a remote, and then for each answer (process-wide; libgit2 waits for ever by default).</summary>
    public static void SetServerTimeouts(TimeSpan timeout)
    {
        EnsureLoaded();
        int ms = (int)timeout.TotalMilliseconds;
        if (git_libgit2_opts(ServerConnectTimeout, ms) < 0 || git_libgit2_opts(ServerTimeout, ms) < 0)
            throw new LibGit2Sharp.LibGit2SharpException($"libgit2 did not take a server timeout of {timeout}");
    }

    public static void EnsureLoaded() => RuntimeHelpers.RunClassConstructor(typeof(NativeDiff).TypeHandle);

    [LibraryImport(Library)] internal static partial int git_libgit2_init();
    [LibraryImport(Library)] internal static partial Error* git_error_last();
    // git_libgit2_opts is variadic; its integer arguments pass like fixed ones on the platforms libgit2 ships for.
    [LibraryImport(Library)] internal static partial int git_libgit2_opts(int option, int value);
    [LibraryImport(Library, EntryPoint = "git_libgit2_opts")] internal static partial int git_libgit2_opts(int option, int type, nint size);
    [LibraryImport(Library, StringMarshalling = StringMarshalling.Utf8)] internal static partial int git_repository_open_ext(out IntPtr repo, string path, uint flags, string? ceilingDirs);
    [LibraryImport(Library)] internal static partial void git_repository_free(IntPtr repo);
    [LibraryImport(Library)] internal static partial int git_commit_lookup(out IntPtr commit, IntPtr repo, byte* oid);
    [LibraryImport(Library)] internal static partial void git_commit_free(IntPtr commit);
    [LibraryImport(Library)] internal static partial int git_commit_tree(out IntPtr tree, IntPtr commit);
    [LibraryImport(Library)] internal static partial uint git_commit_parentcount(IntPtr commit);
    [LibraryImport(Library)] internal static partial int git_commit_parent(out IntPtr parent, IntPtr commit, uint n);
    [LibraryImport(Library)] internal static partial byte* git_commit_tree_id(IntPtr commit);
    [LibraryImport(Library)] internal static partial byte* git_commit_message(IntPtr commit);
    [LibraryImport(Library)] internal static partial Signature* git_commit_author(IntPtr commit);
    [LibraryImport(Library)] internal static partial Signature* git_commit_committer(IntPtr commit);
    [LibraryImport(Library)] internal static partial void git_tree_free(IntPtr tree);
    [LibraryImport(Library)] internal static partial int git_blob_lookup(out IntPtr blob, IntPtr repo, byte* oid);
    [LibraryImport(Library)] internal static partial byte* git_blob_rawcontent(IntPtr blob);
    [LibraryImport(Library)] internal static partial ulong git_blob_rawsize(IntPtr blob);
    [LibraryImport(Library)] internal static partial void git_blob_free(IntPtr blob);
    [LibraryImport(Library)] internal static partial int git_revwalk_new(out IntPtr walk, IntPtr repo);
    [LibraryImport(Library)] internal static partial int git_revwalk_sorting(IntPtr walk, uint mode);
    [LibraryImport(Library)] internal static partial int git_revwalk_push(IntPtr walk, byte* oid);
    [LibraryImport(Library)] internal static partial int git_revwalk_hide(IntPtr walk, byte* oid);
    [LibraryImport(Library)] internal static partial int git_revwalk_next(byte* oid, IntPtr walk);
    [LibraryImport(Library)] internal static partial void git_revwalk_free(IntPtr walk);
    [LibraryImport(Library)] internal static partial int git_tree_lookup(out IntPtr tree, IntPtr repo, byte* oid);
    [LibraryImport(Library)] internal static partial nuint git_tree_entrycount(IntPtr tree);
    [LibraryImport(Library)] internal static partial IntPtr git_tree_entry_byindex(IntPtr tree, nuint index);
    [LibraryImport(Library)] internal static partial byte* git_tree_entry_name(IntPtr entry);
    [LibraryImport(Library)] internal static partial byte* git_tree_entry_id(IntPtr entry);
    [LibraryImport(Library)] internal static partial int git_tree_entry_filemode(IntPtr entry);
    [LibraryImport(Library)] internal static partial int git_diff_options_init(byte* options, uint version);
    [LibraryImport(Library)] internal static partial int git_diff_find_options_init(byte* options, uint version);
    [LibraryImport(Library)] internal static partial int git_diff_tree_to_tree(out IntPtr diff, IntPtr repo, IntPtr oldTree, IntPtr newTree, byte* options);
    [LibraryImport(Library)] internal static partial int git_diff_find_similar(IntPtr diff, byte* options);
    [LibraryImport(Library)] internal static partial nuint git_diff_num_deltas_of_type(IntPtr diff, int type);
    [LibraryImport(Library)] internal static partial int git_diff_print(IntPtr diff, int format,
        delegate* unmanaged[Cdecl]<IntPtr, IntPtr, IntPtr, IntPtr, int> callback, IntPtr payload);
    [LibraryImport(Library)] internal static partial void git_diff_free(IntPtr diff);

    internal const uint SortTopological = 1, SortTime = 2; // GIT_SORT_TOPOLOGICAL, GIT_SORT_TIME
    internal const int IterOver = -31;              // GIT_ITEROVER
    internal const uint OpenBare = 1u << 2;         // GIT_REPOSITORY_OPEN_BARE
    internal const uint OpenNoSearch = 1u << 0;     // GIT_REPOSITORY_OPEN_NO_SEARCH
    internal const uint IndentHeuristic = 1u << 18; // GIT_DIFF_INDENT_HEURISTIC
    internal const uint DisablePathspecMatch = 1u << 12; // GIT_DIFF_DISABLE_PATHSPEC_MATCH: the list is exact paths
    internal const uint FindRenames = 1u << 0;      // GIT_DIFF_FIND_RENAMES
    internal const int FormatPatch = 1;             // GIT_DIFF_FORMAT_PATCH

    /// <summary>git_error: message, klass (the last error of the calling thread).</summary>
    [StructLayout(LayoutKind.Sequential)]
    internal struct Error
    {
        public byte* Message;
        public int Klass;
    }

    /// <summary>libgit2's own words for the last failure on this thread ("object not found - no match for id …"), or null.</summary>
    internal static string? LastError()
    {
        var e = git_error_last();
        return e is null || e->Message is null ? null : Marshal.PtrToStringUTF8((IntPtr)e->Message);
    }

    /// <summary>git_signature: name, email, when {git_time_t time; int offset; char sign}.</summary>
    [StructLayout(LayoutKind.Sequential)]
    internal struct Signature
    {
        public byte* Name;
        public byte* Email;
        public long Time;
        public int OffsetMinutes;
        public byte Sign;
    }

    /// <summary>Opens a repository's git directory as bare: no work tree, no .gitattributes read from one.</summary>
    internal static IntPtr OpenRepository(string gitDirectory)
    {
        EnsureLoaded();
        int code = git_repository_open_ext(out var repo, gitDirectory, OpenBare | OpenNoSearch, null);
        if (code < 0)
            throw new LibGit2Sharp.LibGit2SharpException($"libgit2 could not open {gitDirectory} (error {code})");
        return repo;
    }
}
