using System.Buffers;
using System.Security.Cryptography;

namespace ReviewQueue.Core.Mail;

/// <summary>
/// git's <c>patch-id --stable</c> over the text of one patch (a mail body, or <c>git show</c>
/// output): SHA-1 per file over the diff with white space and line numbers removed, the file
/// hashes added byte-wise so file order does not matter. Follows builtin/patch-id.c.
/// </summary>
public static class PatchId
{
    /// <summary>The patch-id as 40 hex digits, or null where git prints none (no "diff " line).</summary>
    public static string? Compute(string patchText) => Compute(System.Text.Encoding.UTF8.GetBytes(patchText));

    public static string? Compute(ReadOnlySpan<byte> patch)
    {
        // One file's hashed bytes are at most the patch's bytes (white space only goes) and two index ids.
        var buffer = ArrayPool<byte>.Shared.Rent(patch.Length + 128);
        try
        {
            var state = new State(buffer);
            int start = 0;
            while (start < patch.Length)
            {
                int nl = patch[start..].IndexOf((byte)'\n');
                int end = nl < 0 ? patch.Length : start + nl + 1;
                if (!state.Line(patch[start..end]))
                    break;
                start = end;
            }
            return state.Finish();
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    /// <summary>
    /// git's state for one patch. The bytes of the current file are collected and hashed in one
    /// call when the file ends, which is what git's incremental SHA-1 over the same bytes gives.
    /// </summary>
    sealed class State(byte[] buffer)
    {
        readonly byte[] result = new byte[20];
        int hunkLength; // bytes of the current file in buffer
        int patchLength;
        int before = -1, after = -1;
        bool binary;

        /// <summary>Feeds one line (with its newline); false when the patch has ended.</summary>
        public bool Line(ReadOnlySpan<byte> line)
        {
            // "\ No newline at end of file" is not part of the patch-id.
            if (line.StartsWith("\\ "u8) && line.Length > 12)
                return true;
            // A new commit ("commit <oid>", an mbox "From <oid>" line, or a bare oid) ends this patch.
            if (StartsWithOid(line, "diff-tree "u8) || StartsWithOid(line, "commit "u8)
                || StartsWithOid(line, "From "u8) || StartsWithOid(line, ""u8))
                return false;
            if (patchLength == 0 && !line.StartsWith("diff "u8))
                return true;

            if (before == -1)
            {
                if (line.StartsWith("GIT binary patch"u8) || line.StartsWith("Binary files"u8))
                {
                    binary = true;
                    before = 0;
                    Append(preOid);
                    Append(postOid);
                    Flush();
                    return true;
                }
                if (line.StartsWith("index "u8))
                {
                    ReadIndexLine(line);
                    return true;
                }
                if (line.StartsWith("--- "u8))
                    before = after = 1;
                else if (line.Length == 0 || !IsAlpha(line[0]))
                    return false;
            }

            if (binary)
            {
                if (line.StartsWith("diff "u8))
                {
                    binary = false;
                    before = -1;
                }
                return true;
            }

            if (before == 0 && after == 0)
            {
                if (line.StartsWith("@@ -"u8))
                {
                    ScanHunkHeader(line);
                    return true;
                }
                if (!line.StartsWith("diff "u8))
                    return false;
                Flush();
                before = after = -1;
            }

            if (line.Length > 0 && (line[0] == '-' || line[0] == ' '))
                before--;
            if (line.Length > 0 && (line[0] == '+' || line[0] == ' '))
                after--;

            patchLength += RemoveSpace(line);
            return true;
        }

        public string? Finish()
        {
            Flush();
            return patchLength == 0 ? null : Convert.ToHexStringLower(result);
        }

        void Flush()
        {
            Span<byte> hash = stackalloc byte[20];
            SHA1.HashData(buffer.AsSpan(0, hunkLength), hash);
            hunkLength = 0;
            int carry = 0;
            for (int i = 0; i < 20; i++)
            {
                carry += result[i] + hash[i];
                result[i] = (byte)carry;
                carry >>= 8;
            }
        }

        // The last index line's ids, kept for a binary file (at most 64 bytes each, as git's buffers).
        ReadOnlyMemory<byte> preOid, postOid;
        readonly byte[] oids = new byte[128];

        void Append(ReadOnlyMemory<byte> bytes)
        {
            bytes.Span.CopyTo(buffer.AsSpan(hunkLength));
            hunkLength += bytes.Length;
        }

        void ReadIndexLine(ReadOnlySpan<byte> line)
        {
            // "index abc..def 100644": keep both (abbreviated) ids as written.
            var rest = line["index "u8.Length..];
            int dots = rest.IndexOf(".."u8);
            if (dots < 0)
                return;
            var post = rest[(dots + 2)..];
            int stop = post.IndexOf((byte)' ');
            if (stop < 0)
                stop = post.Length - 1; // git drops the last character (the newline)
            if (stop < 0)
                stop = 0;
            var pre = rest[..Math.Min(dots, 64)];
            var postId = post[..Math.Min(stop, 64)];
            pre.CopyTo(oids);
            postId.CopyTo(oids.AsSpan(64));
            preOid = oids.AsMemory(0, pre.Length);
            postOid = oids.AsMemory(64, postId.Length);
        }

        void ScanHunkHeader(ReadOnlySpan<byte> line)
        {
            var q = line[4..];
            int n = Digits(q);
            if (n < q.Length && q[n] == ',')
            {
                q = q[(n + 1)..];
                before = Atoi(q);
                n = Digits(q);
            }
            else
            {
                before = 1;
            }
            if (n == 0 || n + 1 >= q.Length || q[n] != ' ' || q[n + 1] != '+')
                return;
            var r = q[(n + 2)..];
            n = Digits(r);
            if (n < r.Length && r[n] == ',')
            {
                r = r[(n + 1)..];
                after = Atoi(r);
            }
            else
            {
                after = 1;
            }
        }

        /// <summary>Appends the line without white space to the file's bytes; returns how many bytes that was.</summary>
        int RemoveSpace(ReadOnlySpan<byte> line)
        {
            int length = hunkLength;
            var output = buffer;
            foreach (byte b in line)
                if (b != ' ' && b != '\t' && b != '\n' && b != '\r')
                    output[length++] = b;
            int added = length - hunkLength;
            hunkLength = length;
            return added;
        }

        static bool StartsWithOid(ReadOnlySpan<byte> line, ReadOnlySpan<byte> prefix)
        {
            if (!line.StartsWith(prefix) || line.Length < prefix.Length + 40)
                return false;
            foreach (byte b in line.Slice(prefix.Length, 40))
                if (!char.IsAsciiHexDigit((char)b))
                    return false;
            return true;
        }

        static bool IsAlpha(byte b) => (b >= 'a' && b <= 'z') || (b >= 'A' && b <= 'Z');

        static int Digits(ReadOnlySpan<byte> s)
        {
            int n = 0;
            while (n < s.Length && s[n] >= '0' && s[n] <= '9')
                n++;
            return n;
        }

        static int Atoi(ReadOnlySpan<byte> s)
        {
            int n = 0, i = 0;
            while (i < s.Length && s[i] >= '0' && s[i] <= '9')
                n = unchecked(n * 10 + (s[i++] - '0'));
            return n;
        }
    }
}
