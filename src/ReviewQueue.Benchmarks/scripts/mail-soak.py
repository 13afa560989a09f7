#!/usr/bin/python3
"""Soak test of `reviewqueue run` against the real mail stack (not part of CI; takes as long as the replay).

Replays a list archive (an mbox such as ../shared/corpus/lists/linux-hwmon/hwmon-2024H2.mbox) through its own
Postfix and an mlmmj list named after the archive's List-Id into a Dovecot mailbox, at a steady rate, while the
installed service reads that mailbox over IMAP IDLE. Midway it stops the service with SIGTERM (twice) and SIGKILL
(once) and starts it again, restarts Dovecot once and kills it (SIGKILL, its IMAP sessions too) once; meanwhile it
polls the dashboard and the JSON API. At the end it checks that every message the list delivered is in the ledger
once, compares `series --json` with fresh imports of the maildir and of the archive, and reports throughput,
delays, the service's RSS and open files, and its log.

Usage, as root on Debian 12 with tests/install-deps.sh's packages and a published reviewqueue:
  mail-soak.py --app ~/.local/lib/reviewqueue MBOX [--rate 4] [--limit N] [--dir /tmp/rq-soak]
              [--down SECONDS] [--hold SECONDS] [--no-disrupt]
Run it with Debian's /usr/bin/python3. Everything it starts listens on loopback and lives under --dir.
"""
import argparse, email.parser, email.utils, json, mailbox, os, re, shutil, signal, socket, smtplib, sqlite3
import subprocess, sys, threading, time, urllib.error, urllib.parse, urllib.request

MAINTAINERS = "../shared/corpus/maintainers/linux-6.12"


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_port(port, open_, timeout=30):
    until = time.time() + timeout
    while time.time() < until:
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=1):
                up = True
        except OSError:
            up = False
        if up == open_:
            return
        time.sleep(0.05)
    raise TimeoutError(f"port {port} did not {'open' if open_ else 'close'} in {timeout} s")


def must(*cmd, stdin=None, cwd=None):
    r = subprocess.run(cmd, input=stdin, capture_output=True, cwd=cwd)
    if r.returncode != 0:
        sys.exit(f"{' '.join(cmd)} failed ({r.returncode}): {r.stderr.decode(errors='replace')}")
    return r.stdout.decode(errors="replace")


class Stack:
    """Dovecot (user rq) + Postfix + an mlmmj list LOCAL@DOMAIN posting into rq@localhost, as MAIL-STACK.md describes."""

    def __init__(self, root, local, domain):
        self.root, self.local, self.domain = root, local, domain
        self.imap, self.smtp = free_port(), free_port()
        d = f"{root}/dovecot"
        for sub in ("run", "state", "home/rq/Maildir/cur", "home/rq/Maildir/new", "home/rq/Maildir/tmp"):
            os.makedirs(f"{d}/{sub}", exist_ok=True)
        must("chown", "-R", "65534:65534", f"{d}/home")
        open(f"{d}/users", "w").write(f"rq:{{PLAIN}}rq:65534:65534::{d}/home/rq\n")
        open(f"{d}/dovecot.conf", "w").write(f"""base_dir = {d}/run
state_dir = {d}/state
log_path = {d}/dovecot.log
protocols = imap
listen = 127.0.0.1
ssl = no
disable_plaintext_auth = no
auth_mechanisms = plain login
mail_location = maildir:~/Maildir
default_internal_user = dovecot
default_login_user = dovenull
passdb {{
  driver = passwd-file
  args = scheme=PLAIN username_format=%n {d}/users
}}
userdb {{
  driver = passwd-file
  args = username_format=%n {d}/users
}}
service imap-login {{
  inet_listener imap {{
    address = 127.0.0.1
    port = {self.imap}
  }}
  inet_listener imaps {{
    port = 0
  }}
}}
""")
        self.maildir = f"{d}/home/rq/Maildir"
        self.dovecot_conf = f"{d}/dovecot.conf"

        spool = f"{root}/mlmmj"
        os.makedirs(spool, exist_ok=True)
        must("/usr/bin/mlmmj-make-ml", "-L", local, "-s", spool, stdin=f"{domain}\nowner@localhost\nen\n".encode())
        self.listdir = f"{spool}/{local}"
        control = f"{self.listdir}/control"
        # The list's own List-Id, as the real list adds it (the archive's copy is removed first, so there is one).
        open(f"{control}/delheaders", "w").write("List-Id:\n")
        open(f"{control}/customheaders", "w").write(f"List-Id: <{local}.{domain}>\n")
        open(f"{control}/relayhost", "w").write("127.0.0.1\n")
        open(f"{control}/smtpport", "w").write(f"{self.smtp}\n")
        must("chown", "-R", "nobody", spool)
        must("/usr/bin/mlmmj-sub", "-L", self.listdir, "-a", "rq@localhost", "-f", "-q", "-s")

        etc = f"{root}/postfix/etc"
        for sub in ("etc", "spool", "data"):
            os.makedirs(f"{root}/postfix/{sub}", exist_ok=True)
        must("chown", "postfix", f"{root}/postfix/data")
        master = []
        for line in open("/etc/postfix/master.cf"):
            line = line.rstrip("\n")
            if not line or not line[0].isalnum():
                master.append(line)
                continue
            f = line.split()
            if f[0] == "smtp" and f[1] == "inet":
                master.append(f"127.0.0.1:{self.smtp} inet n - n - - smtpd")
                continue
            if len(f) >= 8:
                f[4] = "n"
            master.append(" ".join(f))
        master.append(f"mlmmj unix - n n - - pipe flags=ORhu user=nobody argv=/usr/bin/mlmmj-receive -F -L {spool}/$nexthop")
        open(f"{etc}/master.cf", "w").write("\n".join(master) + "\n")
        open(f"{etc}/vmailbox", "w").write("rq@localhost rq/Maildir/\n")
        open(f"{etc}/virtual", "w").write(f"{local}@{domain} {domain}--{local}@localhost.mlmmj\n")
        open(f"{etc}/transport", "w").write(f"{domain}--{local}@localhost.mlmmj mlmmj:{local}\n")
        # Mail to anyone else (mlmmj's notices to the archive's senders) is dropped: nothing leaves the machine.
        open(f"{etc}/main.cf", "w").write(f"""compatibility_level = 3.6
queue_directory = {root}/postfix/spool
data_directory = {root}/postfix/data
maillog_file = {root}/postfix/maillog
maillog_file_prefixes = {root}
myhostname = localhost
mydestination =
inet_interfaces = 127.0.0.1
inet_protocols = ipv4
mynetworks = 127.0.0.0/8
alias_maps =
alias_database =
recipient_delimiter = +
virtual_mailbox_domains = localhost
virtual_mailbox_base = {d}/home
virtual_mailbox_maps = texthash:{etc}/vmailbox
virtual_uid_maps = static:65534
virtual_gid_maps = static:65534
virtual_alias_maps = texthash:{etc}/virtual
transport_maps = texthash:{etc}/transport
mlmmj_destination_recipient_limit = 1
default_transport = discard:no mail leaves the soak
relay_transport = discard:no mail leaves the soak
""")
        self.etc = etc
        self.dovecot = self.postfix = None

    def start_dovecot(self):
        self.dovecot = subprocess.Popen(["/usr/sbin/dovecot", "-F", "-c", self.dovecot_conf], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        wait_port(self.imap, True)

    def stop_dovecot(self):
        must("/usr/sbin/dovecot", "-c", self.dovecot_conf, "stop")
        self.dovecot.wait(20)
        wait_port(self.imap, False)

    def kill_dovecot(self):
        """As a crash: SIGKILL to Dovecot's master and every process it started (the IMAP sessions too)."""
        pid = self.dovecot.pid
        children = subprocess.run(["ps", "-o", "pid=", "--ppid", str(pid)], capture_output=True, text=True).stdout.split()
        for p in [pid, *map(int, children)]:
            try:
                os.kill(p, signal.SIGKILL)
            except ProcessLookupError:
                pass
        self.dovecot.wait(20)
        wait_port(self.imap, False)

    def start_postfix(self):
        self.postfix = subprocess.Popen(["/usr/sbin/postfix", "-c", self.etc, "start-fg"], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        wait_port(self.smtp, True)

    def stop(self):
        for cmd, p in ((["/usr/sbin/postfix", "-c", self.etc, "stop"], self.postfix), (["/usr/sbin/dovecot", "-c", self.dovecot_conf, "stop"], self.dovecot)):
            if p and p.poll() is None:
                subprocess.run(cmd, capture_output=True)
                try:
                    p.wait(20)
                except subprocess.TimeoutExpired:
                    p.kill()

    def queue_empty(self):
        return "Mail queue is empty" in subprocess.run(["/usr/sbin/postqueue", "-c", self.etc, "-p"], capture_output=True, text=True).stdout

    def delivered(self):
        return sum(len(os.listdir(f"{self.maildir}/{s}")) for s in ("cur", "new"))


def read_archive(path, limit):
    """(envelope sender, raw bytes as sent, Message-ID) per message; mboxrd/mboxo '>From ' lines unquoted once."""
    out = []
    mb = mailbox.mbox(path)
    for i, key in enumerate(mb.keys()):
        if limit and i >= limit:
            break
        raw = mb.get_bytes(key)
        sender = (mb.get_message(key).get_from() or "").split(" ")[0]
        raw = re.sub(rb"(?m)^>(>*From )", rb"\1", raw)
        raw = raw.replace(b"\r\n", b"\n").replace(b"\n", b"\r\n")
        msgid = email.parser.BytesHeaderParser().parsebytes(raw)["Message-ID"]
        out.append((sender, raw, (msgid or "").strip().strip("<>")))
    return out


class Service:
    def __init__(self, app, config, cwd, log, env):
        self.app, self.config, self.cwd, self.logpath, self.env = app, config, cwd, log, env
        self.proc = None
        self.starts = []

    def start(self, web_port):
        t = time.time()
        self.proc = subprocess.Popen([f"{self.app}/reviewqueue", "--config", self.config, "run"], cwd=self.cwd,
                                     stdout=open(self.logpath, "ab"), stderr=subprocess.STDOUT, env=self.env)
        wait_port(web_port, True, 120)
        if self.proc.poll() is not None:
            sys.exit(f"mail-soak: the service exited ({self.proc.returncode}) at start; see {self.logpath}")
        self.starts.append(time.time() - t)

    def stop(self, sig):
        t = time.time()
        self.proc.send_signal(sig)
        code = self.proc.wait(90)
        return code, time.time() - t


def cli(app, config, *args, env=None):
    r = subprocess.run([f"{app}/reviewqueue", "--config", config, *args], capture_output=True, text=True, env=env)
    if r.returncode != 0:
        sys.exit(f"reviewqueue {' '.join(args)} failed ({r.returncode}): {r.stderr}")
    return r.stdout


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("mbox")
    ap.add_argument("--app", required=True, help="folder of the published reviewqueue")
    ap.add_argument("--rate", type=float, default=4.0, help="messages per second sent to the list")
    ap.add_argument("--limit", type=int, default=0, help="send only the archive's first N messages")
    ap.add_argument("--dir", default="/tmp/rq-soak")
    ap.add_argument("--down", type=float, default=0, help="seconds the service and Dovecot stay down at each disruption")
    ap.add_argument("--hold", type=float, default=0, help="seconds the service runs on after the replay, polled but sent nothing")
    ap.add_argument("--no-disrupt", action="store_true", help="no restarts: the service reads the whole replay in one run")
    ap.add_argument("--maintainers", default=MAINTAINERS, help="folder with MAINTAINERS and tree-files-*.txt (optional)")
    a = ap.parse_args()
    if os.geteuid() != 0:
        sys.exit("mail-soak: run as root (Dovecot and Postfix)")
    app = os.path.abspath(os.path.expanduser(a.app))
    shutil.rmtree(a.dir, ignore_errors=True)
    os.makedirs(f"{a.dir}/rq")
    archive = read_archive(a.mbox, a.limit)
    first = email.parser.BytesHeaderParser().parsebytes(archive[0][1])
    list_id = re.search(r"<([^>]+)>", first["List-Id"]).group(1)
    local, domain = list_id.split(".", 1)
    print(f"mail-soak: {len(archive)} messages of {a.mbox} to {local}@{domain} at {a.rate}/s; everything in {a.dir}", flush=True)

    stack = Stack(a.dir, local, domain)
    try:
        soak(a, app, archive, stack, local, domain)
    finally:
        stack.stop()


def soak(a, app, archive, stack, local, domain):
    stack.start_dovecot()
    stack.start_postfix()
    web = free_port()
    config = {
        "Ledger": {"Database": f"{a.dir}/rq/ledger.db"},
        "Samples": {"Mail": [""]},
        "Web": {"Urls": f"http://127.0.0.1:{web}"},
        "Imap": {"Accounts": [{"Name": "rq", "Host": "127.0.0.1", "Port": stack.imap, "Security": "None", "User": "rq",
                               "Address": "rq@localhost"}]},
    }
    mdir = os.path.abspath(a.maintainers)
    files = [f for f in os.listdir(mdir) if f.startswith("tree-files")] if os.path.isdir(mdir) else []
    if files:
        config["Maintainers"] = {"File": f"{mdir}/MAINTAINERS", "TreeFiles": f"{mdir}/{files[0]}"}
    cfg = f"{a.dir}/rq/reviewqueue.json"
    json.dump(config, open(cfg, "w"), indent=2)
    env = dict(os.environ, Imap__Accounts__0__Password="rq")
    svc = Service(app, cfg, f"{a.dir}/rq", f"{a.dir}/rq/service.log", env)
    svc.start(web)
    try:
        replay(a, app, cfg, env, archive, stack, svc, web, local, domain)
    finally:
        if svc.proc.poll() is None:
            svc.proc.kill()


def replay(a, app, cfg, env, archive, stack, svc, web, local, domain):

    sent = {}           # Message-ID -> time sent
    seen = {}           # Message-ID -> time first seen in the ledger
    shown = {}          # Message-ID -> time /api/series/ID first answered 200
    events = []         # (time, what)
    samples = []        # (time, rss KB, fds, threads, ledger rows, delivered, sent)
    api = {"ok": 0, "down": 0, "error": 0, "slowest": 0.0, "errors": []}
    done = threading.Event()
    t0 = time.time()

    def note(what):
        events.append((time.time() - t0, what))
        print(f"mail-soak: {time.time() - t0:7.1f} s {what}", flush=True)

    def ledger_rows():
        try:
            c = sqlite3.connect(f"file:{a.dir}/rq/ledger.db?mode=ro", uri=True, timeout=5)
            return c
        except sqlite3.Error:
            return None

    def watch_ledger():
        last = 0
        while not done.is_set():
            c = ledger_rows()
            if c:
                try:
                    for rid, mid in c.execute("SELECT id, message_id FROM messages WHERE id > ? ORDER BY id", (last,)):
                        seen.setdefault(mid, time.time())
                        last = rid
                except sqlite3.Error:
                    pass
                c.close()
            time.sleep(0.2)

    def proc_stats(pid):
        try:
            status = open(f"/proc/{pid}/status").read()
            rss = int(re.search(r"VmRSS:\s+(\d+)", status).group(1))
            threads = int(re.search(r"Threads:\s+(\d+)", status).group(1))
            return rss, len(os.listdir(f"/proc/{pid}/fd")), threads
        except (OSError, AttributeError):
            return None, None, None

    def sample():
        while not done.is_set():
            rss, fds, threads = proc_stats(svc.proc.pid)
            samples.append((time.time() - t0, rss, fds, threads, len(seen), stack.delivered(), len(sent)))
            time.sleep(2)

    def get(path):
        start = time.time()
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{web}{path}", timeout=30) as r:
                r.read()
                api["ok"] += 1
                api["slowest"] = max(api["slowest"], time.time() - start)
                return r.status
        except urllib.error.HTTPError as e:
            return e.code
        except (urllib.error.URLError, ConnectionError, socket.timeout) as e:
            api["down"] += 1
            return None

    def poll_api():
        n = 0
        while not done.is_set():
            for path in ("/api/backlog", "/", "/api/history", "/api/people"):
                code = get(path)
                if code not in (200, None):
                    api["error"] += 1
                    api["errors"].append((path, code))
            # Patches sent a while ago and not yet shown: the delay from the send to their topic's page.
            for mid, at in list(sent.items())[-40:]:
                if mid not in shown and mid in seen:
                    if get("/api/series/" + urllib.parse.quote(mid, safe="")) == 200:
                        shown[mid] = time.time()
            n += 1
            time.sleep(0.5)

    # The service is stopped and restarted, and Dovecot restarted, at these fractions of the replay.
    plan = {int(len(archive) * 0.2): "sigterm", int(len(archive) * 0.35): "dovecot", int(len(archive) * 0.5): "dovecot-kill",
            int(len(archive) * 0.65): "sigkill", int(len(archive) * 0.8): "sigterm"} if not a.no_disrupt else {}

    one_at_a_time = threading.Lock()

    def disrupt(what):
        # With a long --down the next one may come before this one is over: it waits its turn.
        with one_at_a_time:
            disrupt_now(what)

    def disrupt_now(what):
        if what == "dovecot":
            t = time.time()
            stack.stop_dovecot()
            time.sleep(a.down)
            stack.start_dovecot()
            note(f"Dovecot restarted ({time.time() - t:.1f} s)")
        elif what == "dovecot-kill":
            stack.kill_dovecot()
            note("Dovecot killed (SIGKILL to its master and sessions)")
            time.sleep(a.down)
            stack.start_dovecot()
            note("Dovecot started again")
        else:
            sig = signal.SIGTERM if what == "sigterm" else signal.SIGKILL
            code, took = svc.stop(sig)
            note(f"service stopped by {what.upper()}: exit {code} after {took:.1f} s")
            time.sleep(a.down)
            svc.start(web)
            note(f"service started again (web up after {svc.starts[-1]:.1f} s)")

    threads = [threading.Thread(target=f, daemon=True) for f in (watch_ledger, sample, poll_api)]
    for t in threads:
        t.start()
    note("replay starts")
    smtp = None
    interval = 1.0 / a.rate
    start = time.time()
    for i, (sender, raw, mid) in enumerate(archive):
        if i in plan:
            threading.Thread(target=disrupt, args=(plan[i],), daemon=True).start()
        delay = start + i * interval - time.time()
        if delay > 0:
            time.sleep(delay)
        for attempt in range(5):
            try:
                if smtp is None:
                    smtp = smtplib.SMTP("127.0.0.1", stack.smtp)
                smtp.sendmail(sender or "<>", [f"{local}@{domain}"], raw)
                break
            except (smtplib.SMTPServerDisconnected, OSError):
                smtp = None
                time.sleep(1)
        sent[mid] = time.time()
    sent_s = time.time() - start
    note(f"replay sent {len(sent)} in {sent_s:.0f} s ({len(sent) / sent_s:.2f}/s)")
    smtp.quit()

    # Wait until the list has delivered everything and the ledger holds it all.
    until = time.time() + 600
    while time.time() < until and not (stack.queue_empty() and len(seen) >= stack.delivered()):
        time.sleep(1)
    note(f"queue empty: {stack.queue_empty()}; delivered {stack.delivered()}, in the ledger {len(seen)}")
    time.sleep(5 + a.hold)
    done.set()
    for t in threads:
        t.join(60)
    code, took = svc.stop(signal.SIGTERM)
    note(f"service stopped by SIGTERM: exit {code} after {took:.1f} s")

    report(a, app, cfg, stack, archive, sent, seen, shown, samples, api, env)


def percentile(xs, p):
    xs = sorted(xs)
    return xs[min(len(xs) - 1, int(round(p / 100 * (len(xs) - 1))))] if xs else float("nan")


def maildir_ids(maildir):
    ids = []
    for sub in ("cur", "new"):
        for f in os.listdir(f"{maildir}/{sub}"):
            with open(f"{maildir}/{sub}/{f}", "rb") as fh:
                h = email.parser.BytesHeaderParser().parse(fh)
            ids.append((h["Message-ID"] or "").strip().strip("<>"))
    return ids


def report(a, app, cfg, stack, archive, sent, seen, shown, samples, api, env):
    print("\n== ledger against the archive and the maildir")
    archive_ids = {m[2] for m in archive}
    delivered = maildir_ids(stack.maildir)
    c = sqlite3.connect(f"{a.dir}/rq/ledger.db")
    ledger = [r[0] for r in c.execute("SELECT message_id FROM messages")]
    rejected = c.execute("SELECT source, reasons FROM rejected").fetchall()
    print(f"archive {len(archive_ids)}, delivered into the maildir {len(delivered)} ({len(set(delivered))} distinct), "
          f"ledger {len(ledger)} ({len(set(ledger))} distinct), rejected {len(rejected)}")
    print(f"archive not delivered: {sorted(archive_ids - set(delivered))[:10]}")
    print(f"delivered not in the ledger: {sorted(set(delivered) - set(ledger))[:10]}")
    print(f"in the ledger, not delivered: {sorted(set(ledger) - set(delivered))[:10]}")
    for r in rejected[:10]:
        print(f"rejected: {r}")

    print("\n== topics: the service's ledger against fresh imports")
    mbox = a.mbox
    if a.limit:
        mbox = f"{a.dir}/archive-part.mbox"
        with open(mbox, "wb") as out:
            for sender, raw, _ in archive:
                out.write(f"From {sender or 'MAILER-DAEMON'} Thu Jan  1 00:00:00 1970\n".encode())
                body = raw.replace(b"\r\n", b"\n")
                out.write(re.sub(rb"(?m)^(>*From )", rb">\1", body) + b"\n")
    series = {}
    for name, source in (("maildir", stack.maildir), ("archive", mbox)):
        db = f"{a.dir}/fresh-{name}.db"
        t = time.time()
        out = cli(app, cfg, "--db", db, "import", source, "--json", env=env)
        r = json.loads(out)
        print(f"import of the {name} into a new ledger: {time.time() - t:.1f} s: read {r['read']}, new {r['new']}, "
              f"duplicate {r['duplicate']}, rejected {r['rejected']}")
        series[name] = json.loads(cli(app, cfg, "--db", db, "series", "--json", env=env))
    series["service"] = json.loads(cli(app, cfg, "series", "--json", env=env))
    for name in ("maildir", "archive"):
        same = series[name] == series["service"]
        print(f"series --json, service vs fresh import of the {name}: {'equal' if same else 'DIFFERENT'} "
              f"({len(series['service'])} against {len(series[name])} topics)")
        if not same:
            diff_topics(series["service"], series[name])

    print("\n== throughput and delays")
    got = [seen[m] - sent[m] for m in sent if m in seen]
    onpage = [shown[m] - sent[m] for m in shown]
    span = max(seen.values()) - min(seen.values()) if seen else 0
    print(f"send to ledger: n={len(got)} median {percentile(got, 50):.2f} s, p90 {percentile(got, 90):.2f} s, "
          f"p99 {percentile(got, 99):.2f} s, max {max(got, default=float('nan')):.1f} s")
    print(f"send to /api/series/MSGID answering: n={len(onpage)} median {percentile(onpage, 50):.2f} s, "
          f"p90 {percentile(onpage, 90):.2f} s, max {max(onpage, default=float('nan')):.1f} s")
    print(f"ledger filled at {len(seen) / span:.2f} messages/s over {span:.0f} s" if span else "")
    print(f"API polls: {api['ok']} answered, {api['down']} while the service was down, {api['error']} errors "
          f"{api['errors'][:5]}, slowest {api['slowest']:.2f} s")

    print("\n== the service process (every 2 s: time, RSS MB, open fds, threads, ledger rows)")
    live = [s for s in samples if s[1]]
    for s in live[:: max(1, len(live) // 25)]:
        print(f"  {s[0]:7.1f} s  RSS {s[1] / 1024:6.1f} MB  fds {s[2]:4d}  threads {s[3]:3d}  ledger {s[4]:5d}  delivered {s[5]:5d}")
    if live:
        print(f"RSS max {max(s[1] for s in live) / 1024:.1f} MB; fds max {max(s[2] for s in live)}; threads max {max(s[3] for s in live)}")

    print("\n== the service's log")
    lines = open(f"{a.dir}/rq/service.log", errors="replace").read().splitlines()
    levels = {}
    for l in lines:
        m = re.search(r" (info|warn|fail|crit|dbug|trce): ", l)
        if m:
            levels[m.group(1)] = levels.get(m.group(1), 0) + 1
    traces = [l for l in lines if re.match(r"\s+at ", l)]
    print(f"{len(lines)} lines: {levels}; stack-trace lines: {len(traces)}")
    for l in sorted({re.sub(r"^\S+ ", "", l) for l in lines if re.search(r" (warn|fail|crit): ", l)})[:30]:
        print("  " + l[:300])


def diff_topics(ours, theirs):
    key = lambda t: json.dumps(t.get("id", t), sort_keys=True)
    a, b = {key(t): t for t in ours}, {key(t): t for t in theirs}
    print(f"  only in the service: {len(a.keys() - b.keys())}, only in the import: {len(b.keys() - a.keys())}")
    for k in sorted(a.keys() & b.keys()):
        if a[k] != b[k]:
            for f in a[k]:
                if a[k].get(f) != b[k].get(f):
                    print(f"  first differing topic {k}: {f}: {json.dumps(a[k].get(f))[:200]} against {json.dumps(b[k].get(f))[:200]}")
            break


if __name__ == "__main__":
    main()
