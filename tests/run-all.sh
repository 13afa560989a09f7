#!/usr/bin/env bash
# Runs every test of ReviewQueue: installs the Debian packages the tests need (when root), builds
# Release, runs `dotnet test ReviewQueue.sln -c Release`, prints the totals, exits non-zero on failure.
#   sudo tests/run-all.sh
# Tests that need the corpus (../shared/corpus or $REVIEWQUEUE_CORPUS) are skipped with a notice without it.
set -uo pipefail

root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
export DOTNET_NOLOGO=1 DOTNET_CLI_TELEMETRY_OPTOUT=1

if [[ "$(id -u)" -eq 0 ]]; then
    bash tests/install-deps.sh || { echo "run-all: installing test packages failed" >&2; exit 1; }
else
    echo "run-all: not root, not installing packages (sudo tests/run-all.sh installs them)"
    bash tests/install-deps.sh || true
fi

echo "run-all: building Release"
if ! dotnet build ReviewQueue.sln -c Release -nologo -v quiet; then
    echo "run-all: the build failed" >&2
    echo "Tests: 0 passed, 1 failed, 0 skipped"
    exit 1
fi

log="$(mktemp)"
trap 'rm -f "$log"' EXIT
echo "run-all: testing"
dotnet test ReviewQueue.sln -c Release --no-build -nologo --logger "console;verbosity=normal" 2>&1 | tee "$log"
status=${PIPESTATUS[0]}

# Per test assembly, the console logger ends with a block:
#   Test Run Successful.            (or: Test Run Failed.)
#   Total tests: 29
#        Passed: 29
#       Skipped: 2                  (lines with 0 are left out)
# With less verbosity it is one line instead: "Passed!  - Failed: 0, Passed: 28, Skipped: 0, Total: 28, …"
read -r passed failed skipped assemblies < <(awk '
    /^Total tests: [0-9]+/ { n++; blocks = 1 }
    blocks && /^ +Passed: [0-9]+$/ { p += $2 }
    blocks && /^ +Failed: [0-9]+$/ { f += $2 }
    blocks && /^ +Skipped: [0-9]+$/ { s += $2 }
    /(Passed|Failed)! +- +Failed: / {
        for (i = 1; i <= NF; i++) {
            v = $(i + 1); gsub(/,/, "", v)
            if ($i == "Failed:") lf += v
            if ($i == "Passed:") lp += v
            if ($i == "Skipped:") ls += v
        }
        ln++
    }
    END { if (n > 0) printf "%d %d %d %d\n", p, f, s, n; else printf "%d %d %d %d\n", lp, lf, ls, ln }' "$log")

expected=$(find tests -maxdepth 2 -name '*Tests.csproj' | wc -l)
if [[ "$assemblies" -lt "$expected" ]]; then
    echo "run-all: only $assemblies of $expected test assemblies reported results" >&2
    failed=$((failed + expected - assemblies))
fi
if [[ "$status" -ne 0 && "$failed" -eq 0 ]]; then
    echo "run-all: dotnet test exited $status" >&2
    failed=1
fi

echo
echo "Tests: $passed passed, $failed failed, $skipped skipped"
[[ "$failed" -eq 0 && "$passed" -gt 0 ]]
