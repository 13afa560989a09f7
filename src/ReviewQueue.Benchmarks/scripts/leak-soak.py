#!/usr/bin/python3
"""Resource soak of `reviewqueue run` (not part of CI): does anything grow that does not level off?

Starts Dovecot and Postfix as mail-soak.py does, then feeds generated patch series, replies with trailers, v2s and
"Applied" notes (SMTP into INBOX, IMAP APPEND into a second folder, `--rate` a second), commits to a watched clone of the
demo tree every minute, and every ~10 s writes to DIR/samples.jsonl the service's VmRSS/VmHWM, threads, open fds by kind
(sockets, ledger, -wal, -shm, ...), TCP connections, the -wal size and the latency of GET /api/backlog and /. With
--counters it runs dotnet-counters (GC heap, allocations, gen2 collections, timers, exceptions) into DIR/counters.csv.
--disrupt stops, kills and freezes (SIGSTOP) Dovecot on a schedule; --bad-remote adds a tree whose remote is gone;
--rate 0 with --ledger-from LEDGER watches an idle service on a filled ledger.

Usage, as root, with tests/install-deps.sh's packages and a published reviewqueue (see README, "Install"):
  leak-soak.py --app /tmp/rq-bin --dir /tmp/rq-leak [--minutes 20] [--rate 3] [--counters ~/.dotnet/tools/dotnet-counters]
"""
import argparse, imaplib, json, os, random, re, signal, smtplib, subprocess, sys, threading, time, urllib.request
from email.utils import formatdate, make_msgid

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.normpath(os.path.join(HERE, "../../.."))
sys.path.insert(0, HERE)
ms = __import__("mail-soak")

AUTHORS = [("Ann Author", "ann@example.org"), ("Bob Builder", "bob@corp.example.com"), ("Cy Coder", "cy@dev.example.net"),
           ("Di Driver", "di@hw.example.org")]
REVIEWERS = [("Rita Reviewer", "rita@review.example.org"), ("Gus Keeper", "gus@hwmon.example.org"),
             ("Nora Net", "nora@net.example.org"), ("Tom Sensor", "tom@sensors.example.org")]
FILES = ["drivers/hwmon/tmp42.c", "drivers/hwmon/core.c", "drivers/hwmon/fan17.c", "drivers/net/dummy.c",
         "Documentation/process.rst", "Makefile", "include/linux/hwmon.h", "drivers/hwmon/legacy/old.c"]


class Feed:
    """Makes mail: each series is a cover letter and 1-4 patches, later replies with trailers, sometimes a v2."""

    def __init__(self):
        self.n = 0
        self.open = []   # (series key, version, author, cover msgid, [patch msgids], subject title)
        self.rng = random.Random(7)

    def mail(self, frm, subject, msgid, body, reply_to=None, refs=None):
        h = [f"From: {frm[0]} <{frm[1]}>", "To: devel@lists.example.org", f"Subject: {subject}",
             f"Date: {formatdate(localtime=False)}", f"Message-ID: {msgid}", "List-Id: <devel.lists.example.org>"]
        if reply_to:
            h.append(f"In-Reply-To: {reply_to}")
            h.append(f"References: {' '.join(refs or [reply_to])}")
        h += ["MIME-Version: 1.0", "Content-Type: text/plain; charset=UTF-8"]
        return ("\r\n".join(h) + "\r\n\r\n" + body.replace("\n", "\r\n")).encode()

    def series(self, version=1, prior=None):
        self.n += 1
        k = self.n
        rng = self.rng
        # Mostly a small known set of authors, sometimes a new one (as a real list gains contributors).
        author = rng.choice(AUTHORS) if rng.random() < 0.8 else (f"New Person{k}", f"p{k}@new{k % 50}.example.org")
        title = prior[5] if prior else f"hwmon: soak change {k}"
        n = rng.randint(1, 4)
        dom = "soak.example.org"
        cover = f"<s{k}.v{version}.0@{dom}>"
        mails = []
        body = f"This series changes soak item {k}.\n\nchange-id: 20261128-soak-{prior[0] if prior else k}\n" \
               f"base-commit: {'0' * 40}\n"
        mails.append(self.mail(author, f"[PATCH v{version} 0/{n}] {title}", cover, body,
                               reply_to=prior[3] if prior else None))
        patches = []
        for i in range(1, n + 1):
            f = rng.choice(FILES)
            mid = f"<s{k}.v{version}.{i}@{dom}>"
            fixes = f"Fixes: {rng.getrandbits(48):012x} (\"old change\")\nCc: stable@vger.kernel.org\n" if rng.random() < 0.1 else ""
            diff = (f"diff --git a/{f} b/{f}\nindex 1111111..2222222 100644\n--- a/{f}\n+++ b/{f}\n"
                    f"@@ -1,3 +1,4 @@\n line one\n+soak {k} v{version} part {i}\n line two\n line three\n")
            body = (f"Part {i} of soak change {k}.\n\n{fixes}Signed-off-by: {author[0]} <{author[1]}>\n---\n"
                    f" {f} | 1 +\n 1 file changed, 1 insertion(+)\n\n{diff}--\n2.39.5\n")
            mails.append(self.mail(author, f"[PATCH v{version} {i}/{n}] {title} part {i}", mid, body, cover, [cover]))
            patches.append(mid)
        self.open.append((prior[0] if prior else k, version, author, cover, patches, title))
        if len(self.open) > 200:
            self.open.pop(0)
        return mails

    def reply(self):
        rng = self.rng
        s = rng.choice(self.open)
        key, version, author, cover, patches, title = s
        r = rng.choice(REVIEWERS)
        self.n += 1
        mid = f"<r{self.n}@review.example.org>"
        what = rng.random()
        if what < 0.15 and version < 4:
            self.open.remove(s)
            return self.series(version + 1, s)
        to = cover if rng.random() < 0.4 else rng.choice(patches)
        subj = f"Re: [PATCH v{version}] {title}"
        if what < 0.55:
            body = f"On a day, {author[0]} wrote:\n> some change\n\nLooks good.\n\nReviewed-by: {r[0]} <{r[1]}>\n"
        elif what < 0.65:
            body = f"> some change\n\nNAK, this breaks things.\n\nNacked-by: {r[0]} <{r[1]}>\n"
        elif what < 0.75:
            body = f"> some change\n\nTested on my board.\n\nTested-by: {r[0]} <{r[1]}>\n"
        elif what < 0.8:
            body = f"On a day, {author[0]} wrote:\n> [PATCH] {title}\n\nApplied, thanks!\n\n[1/1] {title}\n      commit: {rng.getrandbits(48):012x}\n"
        else:
            body = f"> some change\n\nWhy is this needed? Please explain in the commit message.\n"
        return [self.mail(r, subj, mid, body, to, [cover, to] if to != cover else [cover])]


def proc(pid):
    st = open(f"/proc/{pid}/status").read()
    g = lambda k: int(re.search(rf"{k}:\s+(\d+)", st).group(1))
    kinds = {}
    for fd in os.listdir(f"/proc/{pid}/fd"):
        try:
            t = os.readlink(f"/proc/{pid}/fd/{fd}")
        except OSError:
            continue
        if t.startswith("socket:"):
            k = "socket"
        elif t.startswith("pipe:"):
            k = "pipe"
        elif t.startswith("anon_inode:"):
            k = t.split(":", 1)[1].strip("[]")
        elif t.endswith("-wal"):
            k = "wal"
        elif t.endswith("-shm"):
            k = "shm"
        elif t.endswith(".db"):
            k = "db"
        elif "/dev/" in t:
            k = "dev"
        else:
            k = "file"
        kinds[k] = kinds.get(k, 0) + 1
    return g("VmRSS"), g("VmHWM"), g("Threads"), sum(kinds.values()), kinds, g("RssAnon")


def cpu_seconds(pid):
    """User and system CPU time the process has used, in seconds (utime + stime of /proc/PID/stat)."""
    fields = open(f"/proc/{pid}/stat").read().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def dump_fds(pid, path):
    with open(path, "w") as f:
        for fd in sorted(os.listdir(f"/proc/{pid}/fd"), key=int):
            try:
                f.write(f"{fd} {os.readlink(f'/proc/{pid}/fd/{fd}')}\n")
            except OSError:
                pass


def tcp_conns(pid, port):
    out = subprocess.run(["ss", "-tnpH"], capture_output=True, text=True).stdout
    mine = [l for l in out.splitlines() if f"pid={pid}," in l]
    return len(mine), sum(1 for l in mine if l.split()[4].endswith(f":{port}"))


def latency(url):
    t = time.time()
    try:
        with urllib.request.urlopen(url, timeout=30) as r:
            r.read()
            code = r.status
    except Exception as e:
        code = str(e)[:60]
    return round((time.time() - t) * 1000, 1), code


def slope(xs, ys):
    """Least-squares slope of ys over xs."""
    n = len(xs)
    mx, my = sum(xs) / n, sum(ys) / n
    d = sum((x - mx) ** 2 for x in xs)
    return sum((x - mx) * (y - my) for x, y in zip(xs, ys)) / d if d else 0.0


def summarize(path):
    """First and last value of each metric after the first minute (warm-up), and its slope over the second half."""
    rows = [json.loads(l) for l in open(path)]
    rows = [r for r in rows if r["t"] >= 60] or rows
    half = rows[len(rows) // 2:]
    metrics = {
        "VmRSS MB": lambda r: r["rss_kb"] / 1024, "RssAnon MB": lambda r: r["anon_kb"] / 1024, "threads": lambda r: r["threads"],
        "fds": lambda r: r["fds"], "sockets": lambda r: r["fd_kinds"].get("socket", 0), "tcp": lambda r: r["tcp"],
        "-wal KB": lambda r: (r["wal"] or 0) / 1024, "ledger KB": lambda r: r["db"] / 1024,
        "/api/backlog ms": lambda r: r["backlog_ms"][0], "/ ms": lambda r: r["root_ms"][0],
    }
    print(f"\n== {len(rows)} samples from {rows[0]['t']} s to {rows[-1]['t']} s (slope: least squares over the second half)")
    for name, f in metrics.items():
        print(f"{name:>16}: {f(rows[0]):9.1f} -> {f(rows[-1]):9.1f}, max {max(map(f, rows)):9.1f}, slope {slope([r['t'] / 3600 for r in half], [f(r) for r in half]):+10.1f}/h")
    if len(half) > 1:
        used = (half[-1]["cpu_s"] - half[0]["cpu_s"]) / (half[-1]["t"] - half[0]["t"])
        print(f"{'CPU':>16}: {100 * used:.0f}% of a core over the second half")


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--app", required=True)
    ap.add_argument("--minutes", type=float, default=20)
    ap.add_argument("--rate", type=float, default=3)
    ap.add_argument("--dir", required=True)
    ap.add_argument("--poll", default="00:00:05")
    ap.add_argument("--disrupt", action="store_true", help="stop, kill and freeze Dovecot on a schedule")
    ap.add_argument("--ledger-from", help="start on a copy of this ledger")
    ap.add_argument("--counters", help="dotnet-counters to run against the service (optional)")
    ap.add_argument("--bad-remote", action="store_true", help="a second tree whose remote is gone")
    a = ap.parse_args()
    subprocess.run(["rm", "-rf", a.dir])
    os.makedirs(f"{a.dir}/rq")
    stack = ms.Stack(a.dir, "devel", "lists.example.org")
    stack.start_dovecot()
    stack.start_postfix()
    svc = None
    counters = None
    try:
        # The watched tree: the demo repository (made from a copy of samples/, which make-demo.sh rewrites), committed to
        # now and then by the feeder.
        tree = f"{a.dir}/tree"
        subprocess.run(["cp", "-r", f"{REPO}/samples", f"{a.dir}/samples"], check=True)
        subprocess.run(["bash", f"{a.dir}/samples/make-demo.sh", "--repo", tree], check=True, stdout=subprocess.DEVNULL)
        web = ms.free_port()
        config = {
            "Ledger": {"Database": f"{a.dir}/rq/ledger.db"},
            "Samples": {"Mail": [f"{a.dir}/samples/demo.mbox"]},
            "Web": {"Urls": f"http://127.0.0.1:{web}"},
            "Imap": {"PollInterval": a.poll, "ReconnectMax": "00:00:10",
                     "Accounts": [{"Name": "rq", "Host": "127.0.0.1", "Port": stack.imap, "Security": "None", "User": "rq",
                                   "Folders": ["INBOX", "lists"], "Address": "rq@localhost"}]},
            "Trees": [{"Name": "demo", "Path": tree, "Branches": ["main"]}] +
                     ([{"Name": "gone", "Path": f"{a.dir}/gone-mirror", "Remote": f"file://{a.dir}/no-such.git", "Branches": ["main"]}] if a.bad_remote else []),
            "TreeSync": {"Interval": "00:00:20"},
            "Maintainers": {"Tree": "demo"},
            "Digest": {"CheckInterval": "00:00:10"},
        }
        if a.ledger_from:
            subprocess.run(["sqlite3", a.ledger_from, f".backup {a.dir}/rq/ledger.db"], check=True)
        cfg = f"{a.dir}/rq/reviewqueue.json"
        json.dump(config, open(cfg, "w"), indent=2)
        env = dict(os.environ, Imap__Accounts__0__Password="rq", REVIEWQUEUE_JIT_PROFILES="")
        # The second folder exists before the service starts.
        im = imaplib.IMAP4("127.0.0.1", stack.imap)
        im.login("rq", "rq")
        im.create("lists")
        # A digest subscription, so the digest worker has something to do each check.
        subprocess.run([f"{a.app}/reviewqueue", "--config", cfg, "digest", "subscribe", "maint@example.org", "--every", "*/5 * * * *"],
                       env=env, cwd=f"{a.dir}/rq")
        log = open(f"{a.dir}/rq/service.log", "ab")
        svc = subprocess.Popen([f"{a.app}/reviewqueue", "--config", cfg, "run"], cwd=f"{a.dir}/rq", stdout=log,
                               stderr=subprocess.STDOUT, env=env)
        ms.wait_port(web, True, 120)
        pid = svc.pid
        counters = a.counters and subprocess.Popen([a.counters, "collect", "-p", str(pid), "--refresh-interval", "10",
                                     "--format", "csv", "-o", f"{a.dir}/counters.csv", "--counters", "System.Runtime"],
                                    stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        feed = Feed()
        imc = [None]
        stop = threading.Event()
        sent = {"smtp": 0, "imap": 0, "commits": 0}

        def feeder():
            smtp = smtplib.SMTP("127.0.0.1", stack.smtp)
            interval = 1.0 / a.rate if a.rate else 1
            nxt = time.time()
            queue = []
            last_commit = time.time()
            while not stop.is_set():
                if a.rate == 0:
                    stop.wait(1)
                    continue
                if not queue:
                    queue = feed.series() if feed.n < 20 or feed.rng.random() < 0.35 else feed.reply()
                raw = queue.pop(0)
                if feed.rng.random() < 0.7:
                    smtp.sendmail("soak@example.org", ["rq@localhost"], raw)
                    sent["smtp"] += 1
                else:
                    try:
                        if imc[0] is None:
                            imc[0] = imaplib.IMAP4("127.0.0.1", stack.imap, timeout=5)
                            imc[0].login("rq", "rq")
                        imc[0].append("lists", None, None, raw)
                        sent["imap"] += 1
                    except Exception:
                        imc[0] = None
                        sent["imap_failed"] = sent.get("imap_failed", 0) + 1
                if time.time() - last_commit > 60:
                    last_commit = time.time()
                    with open(f"{tree}/README", "a") as f:
                        f.write(f"soak line {sent['commits']}\n")
                    subprocess.run(["git", "-C", tree, "-c", "user.name=Linus Demo", "-c", "user.email=linus@demo.example.org",
                                    "commit", "-qam", f"README: soak line {sent['commits']}"], check=True)
                    sent["commits"] += 1
                nxt += interval
                time.sleep(max(0, nxt - time.time()))
            smtp.quit()

        def disrupt():
            plan = [(120, "stop", 90), (330, "kill", 60), (480, "freeze", 150)]
            for at, what, hold in plan:
                while time.time() - t0 < at:
                    if stop.wait(1):
                        return
                print(f"disrupt: {what} dovecot for {hold} s at {time.time() - t0:.0f}", flush=True)
                if what == "stop":
                    stack.stop_dovecot()
                elif what == "kill":
                    stack.kill_dovecot()
                else:
                    pids = subprocess.run(["pgrep", "-f", stack.dovecot_conf], capture_output=True, text=True).stdout.split()
                    kids = [k for p in pids for k in subprocess.run(["ps", "-o", "pid=", "--ppid", p], capture_output=True, text=True).stdout.split()]
                    for p in pids + kids:
                        os.kill(int(p), signal.SIGSTOP)
                stop.wait(hold)
                if what == "freeze":
                    for p in pids + kids:
                        try:
                            os.kill(int(p), signal.SIGCONT)
                        except ProcessLookupError:
                            pass
                else:
                    stack.start_dovecot()
                print(f"disrupt: dovecot back at {time.time() - t0:.0f}", flush=True)

        ft = threading.Thread(target=feeder, daemon=True)
        t0 = time.time()
        if a.disrupt:
            threading.Thread(target=disrupt, daemon=True).start()
        ft.start()
        out = open(f"{a.dir}/samples.jsonl", "w")
        db = f"{a.dir}/rq/ledger.db"
        until = t0 + a.minutes * 60
        while time.time() < until and svc.poll() is None:
            rss, hwm, threads, fds, kinds, anon = proc(pid)
            conns, imapc = tcp_conns(pid, stack.imap)
            s = {"t": round(time.time() - t0), "rss_kb": rss, "hwm_kb": hwm, "anon_kb": anon, "cpu_s": cpu_seconds(pid), "threads": threads,
                 "fds": fds, "fd_kinds": kinds,
                 "tcp": conns, "imap_tcp": imapc,
                 "wal": os.path.getsize(db + "-wal") if os.path.exists(db + "-wal") else None,
                 "shm": os.path.getsize(db + "-shm") if os.path.exists(db + "-shm") else None,
                 "db": os.path.getsize(db), "sent": dict(sent), "delivered": stack.delivered(),
                 "backlog_ms": latency(f"http://127.0.0.1:{web}/api/backlog"), "root_ms": latency(f"http://127.0.0.1:{web}/")}
            if s["t"] in (30, 31, 32) or not os.path.exists(f"{a.dir}/fds-start.txt"):
                dump_fds(pid, f"{a.dir}/fds-start.txt")
            out.write(json.dumps(s) + "\n")
            out.flush()
            print(json.dumps(s), flush=True)
            time.sleep(max(0, 10 - (time.time() - t0 - s["t"])))
        stop.set()
        ft.join(30)
        time.sleep(15)  # let the last mail be read
        rss, hwm, threads, fds, kinds, _ = proc(pid)
        dump_fds(pid, f"{a.dir}/fds-end.txt")
        print(json.dumps({"final": True, "rss_kb": rss, "hwm_kb": hwm, "threads": threads, "fds": fds, "fd_kinds": kinds}), flush=True)
        if counters:
            counters.send_signal(signal.SIGINT)
            counters.wait(20)
        svc.send_signal(signal.SIGTERM)
        print(f"service exit {svc.wait(60)}", flush=True)
        c = subprocess.run(["sqlite3", db, "select count(*) from messages; select count(*) from topics; select count(*) from rejected;"],
                           capture_output=True, text=True).stdout.split()
        print(f"messages {c[0]} topics {c[1]} rejected {c[2]}; sent {sent}; delivered {stack.delivered()}", flush=True)
        summarize(f"{a.dir}/samples.jsonl")
    finally:
        for p in (counters, svc):
            if p and p.poll() is None:
                p.kill()
        stack.stop()


if __name__ == "__main__":
    main()
