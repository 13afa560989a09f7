using System.Text;

namespace ReviewQueue.Benchmarks;

/// <summary>
/// Writes a repository of N commits with git fast-import: kernel-like C files edited one to three
/// at a time in one to three places, with new, deleted and renamed files now and then.
/// </summary>
static class SyntheticRepo
{
    public static void Create(string path, int commits, int seed = 42)
    {
        Directory.CreateDirectory(path);
        Shell.Git(path, "init", "-q", "-b", "master");
        var random = new Random(seed);
        var files = new Dictionary<string, List<string>>();
        for (int f = 0; f < 600; f++)
            files[$"drivers/sub{f % 20}/file{f}.c"] = Enumerable.Range(0, 150).Select(i => Line(random, f, i)).ToList();

        using var stream = new MemoryStream();
        var w = new StreamWriter(stream, new UTF8Encoding(false)) { NewLine = "\n" };
        long time = 1_600_000_000;
        for (int c = 0; c <= commits; c++)
        {
            var touched = new List<string>();
            var deleted = new List<string>();
            var renamed = new List<(string, string)>();
            if (c == 0)
                touched.AddRange(files.Keys);
            else
            {
                double roll = random.NextDouble();
                var names = files.Keys.ToList();
                if (roll < 0.01)
                {
                    var name = $"drivers/new/file{c}.c";
                    files[name] = Enumerable.Range(0, 40).Select(i => Line(random, c, i)).ToList();
                    touched.Add(name);
                }
                else if (roll < 0.015 && names.Count > 100)
                {
                    var name = names[random.Next(names.Count)];
                    files.Remove(name);
                    deleted.Add(name);
                }
                else if (roll < 0.02)
                {
                    var name = names[random.Next(names.Count)];
                    var to = name.Replace(".c", $"_r{c}.c");
                    files[to] = files[name];
                    files.Remove(name);
                    renamed.Add((name, to));
                    Edit(random, files[to], c);
                    touched.Add(to);
                }
                int count = 1 + random.Next(3);
                for (int i = 0; i < count; i++)
                {
                    var name = names[random.Next(names.Count)];
                    if (!files.ContainsKey(name) || touched.Contains(name))
                        continue;
                    Edit(random, files[name], c);
                    touched.Add(name);
                }
            }
            var message = Message(random, c);
            w.WriteLine("commit refs/heads/master");
            w.WriteLine($"mark :{c + 1}");
            var who = $"Dev{random.Next(200)} <dev{random.Next(200)}@example.org>";
            w.WriteLine($"author {who} {time} +0000");
            w.WriteLine($"committer Maintainer <maint@example.org> {time} +0000");
            time += 600;
            var bytes = Encoding.UTF8.GetByteCount(message);
            w.WriteLine($"data {bytes}");
            w.Write(message);
            w.WriteLine();
            if (c > 0)
                w.WriteLine($"from :{c}");
            foreach (var (from, to) in renamed)
                w.WriteLine($"D {from}");
            foreach (var name in deleted)
                w.WriteLine($"D {name}");
            foreach (var name in touched)
            {
                var content = string.Concat(files[name].Select(l => l + "\n"));
                w.WriteLine($"M 100644 inline {name}");
                w.WriteLine($"data {Encoding.UTF8.GetByteCount(content)}");
                w.Write(content);
                w.WriteLine();
            }
            w.WriteLine();
        }
        w.Flush();
        var (code, _, stderr) = Shell.Run("git", ["fast-import", "--quiet"], path, stream.ToArray());
        if (code != 0)
            throw new InvalidOperationException("git fast-import: " + stderr);
        Shell.Git(path, "reset", "-q", "--hard", "master");
    }

    static void Edit(Random random, List<string> lines, int c)
    {
        int hunks = 1 + random.Next(3);
        for (int h = 0; h < hunks && lines.Count > 10; h++)
        {
            int at = random.Next(lines.Count - 5);
            switch (random.Next(3))
            {
                case 0: lines[at] = Line(random, c, at); break;
                case 1: lines.InsertRange(at, Enumerable.Range(0, 1 + random.Next(6)).Select(i => Line(random, c, at + i))); break;
                default: lines.RemoveRange(at, 1 + random.Next(3)); break;
            }
        }
    }

    static string Line(Random random, int f, int i) => random.Next(8) switch
    {
        0 => "",
        1 => $"static int probe_{f}_{i}(struct device *dev)",
        2 => "{",
        3 => "}",
        4 => $"\t/* value {random.Next(100000)} of sensor {f} */",
        _ => $"\tvalue_{i} = read_reg(data, REG_{random.Next(4096):X3}) + {random.Next(1000)};",
    };

    static string Message(Random random, int c)
    {
        var sb = new StringBuilder($"hwmon: (sub{c % 20}) Change number {c}\n\nBody of change {c} explains why.\n\n");
        if (random.Next(3) == 0)
            sb.Append($"Link: https://patch.msgid.link/{c}-{random.Next(1000000)}@example.org\n");
        sb.Append($"Signed-off-by: Dev <dev@example.org>\n");
        return sb.ToString();
    }
}
