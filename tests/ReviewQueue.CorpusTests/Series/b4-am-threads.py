#!/usr/bin/python3
"""b4 am's .mbx for the patch threads of an mbox, for comparing with `reviewqueue am`.

usage: /usr/bin/python3 b4-am-threads.py ORACLE MBOX OUTDIR [--every K] [--jobs N]

ORACLE is the shared trailer oracle (shared/tools/b4-trailers-oracle.py). This script
imports it and reuses all of it: its mbox splitting, header unfolding, threading, choice
of patch threads and its per-thread b4 run (`b4 --offline-mode -n am -m THREAD.mbox -t`
with an isolated configuration, the unicode-control-character rerun, the checks of b4's
log against its .mbx). What it adds: it keeps each thread's work directory, so b4's
.mbx stays, and it can take every K-th patch thread (file order of the thread roots,
starting with the first) to keep a test fast.

OUTDIR/results.json is the oracle's list of thread results, each with one more field:
  mbx   absolute path of the .mbx b4 wrote, or null
Python 3 standard library only.
"""
import argparse
import glob
import importlib.util
import json
import os
import sys
import time
from concurrent.futures import ThreadPoolExecutor


def load_oracle(path):
    spec = importlib.util.spec_from_file_location('b4_trailers_oracle', path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def main():
    ap = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    ap.add_argument('oracle')
    ap.add_argument('mbox')
    ap.add_argument('outdir')
    ap.add_argument('--every', type=int, default=1)
    ap.add_argument('--jobs', type=int, default=2)
    ap.add_argument('--timeout', type=int, default=120)
    opts = ap.parse_args()
    oracle = load_oracle(opts.oracle)
    t0 = time.time()

    mails = [oracle.Mail(i, fl, raw) for i, (fl, raw) in enumerate(oracle.split_mbox(opts.mbox))]
    threads = oracle.build_threads(mails)
    patch_threads = [(root, members) for root, members in threads
                     if any(m.has_diff and not m.reply for m in members)]
    sample = [t for i, t in enumerate(patch_threads) if i % max(1, opts.every) == 0]
    print(f'{len(patch_threads)} patch threads, {len(sample)} taken (every {opts.every}), '
          f'read in {time.time() - t0:.1f}s', file=sys.stderr, flush=True)

    def run(job):
        i, (root, members) = job
        keep = os.path.join(opts.outdir, f'{i:04d}')
        thread_opts = argparse.Namespace(keep=keep, timeout=opts.timeout, tmpdir=None)
        res = oracle.process_thread((root, members, thread_opts))
        found = sorted(glob.glob(os.path.join(keep, '*', 'out', '*.mbx')))
        res['mbx'] = os.path.abspath(found[0]) if len(found) == 1 else None
        return res

    os.makedirs(opts.outdir, exist_ok=True)
    jobs = max(1, min(opts.jobs, oracle.MAX_JOBS))
    with ThreadPoolExecutor(jobs) as pool:
        results = list(pool.map(run, enumerate(sample)))
    with open(os.path.join(opts.outdir, 'results.json'), 'w', encoding='utf-8') as fh:
        json.dump(results, fh, ensure_ascii=False, indent=1)
    print(f'b4 ran on {len(sample)} threads in {time.time() - t0:.1f}s', file=sys.stderr)


if __name__ == '__main__':
    main()
