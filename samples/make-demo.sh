#!/usr/bin/env bash
# Builds ReviewQueue's demo: a small kernel-style git tree with a MAINTAINERS file, patch series made
# from it with `git format-patch --pretty=mboxrd --cover-letter --thread`, and hand-written replies.
#
#   samples/make-demo.sh              regenerate samples/demo-tree/ and samples/demo.mbox
#   samples/make-demo.sh --repo DIR   also keep the git repository (with its history) in DIR
#
# Every identity, date and Message-ID is fixed, so the output is the same on every run (for one git
# version; the committed files were made with git 2.39). Nothing here is copied from real lists.
set -euo pipefail

here="$(cd "$(dirname "$0")" && pwd)"
keep_repo=""
if [[ "${1:-}" == "--repo" ]]; then
    keep_repo="$(mkdir -p "$2" && cd "$2" && pwd)"
fi

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
repo="${keep_repo:-$work/repo}"
out="$work/demo.mbox"
: > "$out"

export GIT_CONFIG_NOSYSTEM=1 HOME="$work" TZ=UTC LC_ALL=C
export GIT_COMMITTER_NAME="Linus Demo" GIT_COMMITTER_EMAIL="linus@demo.example.org"

# who "Name <email>"; when "2026-01-05 10:00:00 +0100"
as() { export GIT_AUTHOR_NAME="$1" GIT_AUTHOR_EMAIL="$2" GIT_AUTHOR_DATE="$3" GIT_COMMITTER_DATE="$3"; }
commit() { git -C "$repo" add -A && git -C "$repo" commit -q -m "$1"; }
write() { mkdir -p "$(dirname "$repo/$1")"; cat > "$repo/$1"; }

# ---------------------------------------------------------------- the tree
rm -rf "$repo"
git init -q -b main "$repo"
as "Linus Demo" "linus@demo.example.org" "2026-01-02 09:00:00 +0000"

write MAINTAINERS <<'EOF'
List of maintainers of the demo tree (kernel format: one section per subsystem,
fields are a letter, a colon and a tab; see Documentation/process.rst).

	M: Maintainer
	R: Designated reviewer
	L: Mailing list
	S: Status (Supported, Maintained, Odd Fixes, Orphan, Obsolete)
	F: Files and directories (a trailing / means the whole subtree)
	X: Excluded files and directories

Maintainers List
----------------

DEMO DOCUMENTATION
M:	Dora Docs <dora@docs.example.org>
L:	demo-doc@lists.example.org
S:	Maintained
F:	Documentation/
X:	Documentation/hwmon/

DEMO HARDWARE MONITORING
M:	Gus Keeper <gus@hwmon.example.org>
R:	Rita Reviewer <rita@review.example.org>
L:	demo-hwmon@lists.example.org
S:	Maintained
F:	Documentation/hwmon/
F:	drivers/hwmon/
F:	include/linux/hwmon.h
X:	drivers/hwmon/legacy/

DEMO HWMON LEGACY DRIVERS
L:	demo-hwmon@lists.example.org
S:	Orphan
F:	drivers/hwmon/legacy/

DEMO NETWORKING DRIVERS
M:	Nora Net <nora@net.example.org>
R:	Rita Reviewer <rita@review.example.org>
L:	demo-netdev@lists.example.org
S:	Supported
F:	drivers/net/
F:	include/linux/netdevice.h

DEMO TMP42 SENSOR DRIVER
M:	Tom Sensor <tom@sensors.example.org>
L:	demo-hwmon@lists.example.org
S:	Odd Fixes
F:	Documentation/hwmon/tmp42.rst
F:	drivers/hwmon/tmp42.c

THE REST
M:	Linus Demo <linus@demo.example.org>
L:	demo-kernel@lists.example.org
S:	Buried alive in reviewers
F:	*
F:	*/
EOF
write Makefile <<'EOF'
obj-y += drivers/
CFLAGS := -O2 -Wall
EOF
write README <<'EOF'
A tiny tree for ReviewQueue's demo. Not a kernel.
EOF
write Documentation/process.rst <<'EOF'
Submitting patches
==================

Send patches to the addresses the MAINTAINERS file names for the files you touch.
EOF
write Documentation/hwmon/tmp42.rst <<'EOF'
Kernel driver tmp42
===================

Supported chips: TMP42 temperature sensor.
EOF
write include/linux/hwmon.h <<'EOF'
#ifndef _LINUX_HWMON_H
#define _LINUX_HWMON_H
int hwmon_register(const char *name);
#endif
EOF
write include/linux/netdevice.h <<'EOF'
#ifndef _LINUX_NETDEVICE_H
#define _LINUX_NETDEVICE_H
int netdev_open(int id);
int netdev_close(int id);
#endif
EOF
write drivers/hwmon/core.c <<'EOF'
#include <linux/hwmon.h>

int hwmon_register(const char *name)
{
	return name ? 0 : -1;
}
EOF
write drivers/hwmon/tmp42.c <<'EOF'
#include <linux/hwmon.h>

static int tmp42_read(int reg)
{
	return reg * 1000;
}

int tmp42_probe(void)
{
	return hwmon_register("tmp42");
}
EOF
write drivers/hwmon/fan17.c <<'EOF'
#include <linux/hwmon.h>

static int fan17_rpm(int raw)
{
	return 1350000 / raw;
}
EOF
write drivers/hwmon/legacy/old.c <<'EOF'
/* An old driver nobody maintains. */
int old_sensor_read(void) { return 0; }
EOF
write drivers/net/dummy.c <<'EOF'
#include <linux/netdevice.h>

int netdev_open(int id)
{
	return id;
}

int netdev_close(int id)
{
	return 0;
}
EOF
commit "Initial demo tree"
base="$(git -C "$repo" rev-parse HEAD)"

# ---------------------------------------------------------------- helpers for mail
# format-patch makes Message-IDs from the clock; replace each with a stable one, in order of appearance:
# <SERIES.0@demo.example.org> is the cover letter (or patch 1 when there is none), then 1, 2, …
stable_ids() {
    perl -pe 'BEGIN { $s = shift @ARGV; $n = 0 } s{<([^<>\s]+\.git\.[^<>\s]+)>}{ $m{$1} //= $n++; "<$s.$m{$1}\@demo.example.org>" }ge' "$1"
}

# series NAME [format-patch options…] RANGE: appends the series to the mbox, with the cover letter filled in
series() {
    local name="$1" subject="$2" blurb="$3"
    shift 3
    # the cover letter is "from" the committer: send as the author, like git send-email would
    GIT_COMMITTER_NAME="$GIT_AUTHOR_NAME" GIT_COMMITTER_EMAIL="$GIT_AUTHOR_EMAIL" \
    git -C "$repo" format-patch --stdout --pretty=mboxrd --thread --signature="git-demo" "$@" \
        | sed -e "s/\*\*\* SUBJECT HERE \*\*\*/$subject/" -e "s/\*\*\* BLURB HERE \*\*\*/$blurb/" \
        | stable_ids "$name" >> "$out"
}

# reply FROM DATE MESSAGE-ID IN-REPLY-TO REFERENCES SUBJECT (body on stdin); To: is $list
reply() {
    {
        printf 'From mboxrd@z Thu Jan  1 00:00:00 1970\n'
        printf 'From: %s\nTo: %s\nDate: %s\nMessage-ID: <%s>\nIn-Reply-To: <%s>\nReferences: %s\nSubject: %s\n' "$1" "$list" "$2" "$3" "$4" "$5" "$6"
        printf 'MIME-Version: 1.0\nContent-Type: text/plain; charset=UTF-8\nContent-Transfer-Encoding: 8bit\n\n'
        # mboxrd: a body line ">*From " gets one more ">"
        sed -e 's/^\(>*From \)/>\1/'
        printf '\n'
    } >> "$out"
}

# ---------------------------------------------------------------- series 1: tmp42 v1 (cover letter, 3 patches)
git -C "$repo" checkout -q -b tmp42-v1 "$base"
as "Carol Contributor" "carol@contrib.example.org" "2026-01-05 10:00:00 +0100"
write drivers/hwmon/tmp42.c <<'EOF'
#include <linux/hwmon.h>

static int tmp42_read(int reg)
{
	if (reg < 0)
		return -22;
	return reg * 1000;
}

int tmp42_probe(void)
{
	return hwmon_register("tmp42");
}
EOF
commit "hwmon: (tmp42) Reject negative register numbers

From the start the driver trusted its callers; it should not.

Signed-off-by: Carol Contributor <carol@contrib.example.org>"
as "Carol Contributor" "carol@contrib.example.org" "2026-01-05 10:01:00 +0100"
write drivers/hwmon/tmp42.c <<'EOF'
#include <linux/hwmon.h>

static int tmp42_read(int reg)
{
	if (reg < 0)
		return -22;
	return reg * 1000;
}

static int tmp42_read_alarm(void)
{
	return tmp42_read(7) > 85000;
}

int tmp42_probe(void)
{
	return hwmon_register("tmp42");
}
EOF
commit "hwmon: (tmp42) Add temperature alarm

Signed-off-by: Carol Contributor <carol@contrib.example.org>"
as "Carol Contributor" "carol@contrib.example.org" "2026-01-05 10:02:00 +0100"
cat >> "$repo/Documentation/hwmon/tmp42.rst" <<'EOF'

temp1_alarm	set when the temperature is above 85 degrees Celsius.
EOF
commit "docs: hwmon: (tmp42) Document the alarm attribute

Signed-off-by: Carol Contributor <carol@contrib.example.org>"
as "Carol Contributor" "carol@contrib.example.org" "2026-01-05 10:05:00 +0100"
series tmp42-v1 "hwmon: (tmp42) Input checks and an alarm" \
    "This series hardens the tmp42 driver and adds its alarm attribute." \
    --to=demo-hwmon@lists.example.org --cc="Gus Keeper <gus@hwmon.example.org>" \
    --cc="Tom Sensor <tom@sensors.example.org>" --cc="Rita Reviewer <rita@review.example.org>" \
    --cover-letter --base="$base" "$base"..tmp42-v1

# ---------------------------------------------------------------- series 1: tmp42 v2, threaded under v1's cover letter
git -C "$repo" checkout -q -b tmp42-v2 "$base"
# v2 is a new posting: every patch gets v2's date (--reset-author takes the identity and date from as()).
as "Carol Contributor" "carol@contrib.example.org" "2026-01-12 09:00:00 +0100"
git -C "$repo" cherry-pick tmp42-v1~2 >/dev/null
git -C "$repo" commit -q --amend --no-edit --reset-author
as "Carol Contributor" "carol@contrib.example.org" "2026-01-12 09:01:00 +0100"
write drivers/hwmon/tmp42.c <<'EOF'
#include <linux/hwmon.h>

#define TMP42_ALARM_MILLIC	85000

static int tmp42_read(int reg)
{
	if (reg < 0)
		return -22;
	return reg * 1000;
}

static int tmp42_read_alarm(void)
{
	return tmp42_read(7) > TMP42_ALARM_MILLIC;
}

int tmp42_probe(void)
{
	return hwmon_register("tmp42");
}
EOF
commit "hwmon: (tmp42) Add temperature alarm

Name the alarm limit instead of a bare number.

Signed-off-by: Carol Contributor <carol@contrib.example.org>"
as "Carol Contributor" "carol@contrib.example.org" "2026-01-12 09:02:00 +0100"
git -C "$repo" cherry-pick tmp42-v1 >/dev/null
git -C "$repo" commit -q --amend --no-edit --reset-author
as "Carol Contributor" "carol@contrib.example.org" "2026-01-12 09:05:00 +0100"
series tmp42-v2 "hwmon: (tmp42) Input checks and an alarm" \
    "Changes in v2: the alarm limit has a name (patch 2), as Rita asked." \
    --to=demo-hwmon@lists.example.org --cc="Gus Keeper <gus@hwmon.example.org>" \
    --cc="Tom Sensor <tom@sensors.example.org>" --cc="Rita Reviewer <rita@review.example.org>" \
    -v2 --cover-letter --base="$base" --in-reply-to="<tmp42-v1.0@demo.example.org>" "$base"..tmp42-v2

# ---------------------------------------------------------------- series 2: net, two patches, no cover letter
git -C "$repo" checkout -q -b net-close "$base"
as "Dan Developer" "dan@dev.example.org" "2026-01-07 14:00:00 -0500"
write drivers/net/dummy.c <<'EOF'
#include <linux/netdevice.h>

int netdev_open(int id)
{
	return id;
}

int netdev_close(int id)
{
	return id < 0 ? -22 : 0;
}
EOF
commit "net: dummy: Check the id on close

Signed-off-by: Dan Developer <dan@dev.example.org>"
as "Dan Developer" "dan@dev.example.org" "2026-01-07 14:01:00 -0500"
cat >> "$repo/include/linux/netdevice.h" <<'EOF'
/* netdev_close() returns -22 for a negative id. */
EOF
commit "net: Document netdev_close's return value

Signed-off-by: Dan Developer <dan@dev.example.org>"
series net-close "" "" --to=demo-netdev@lists.example.org --cc="Nora Net <nora@net.example.org>" \
    --cc="Rita Reviewer <rita@review.example.org>" --no-cover-letter "$base"..net-close

# ---------------------------------------------------------------- series 3: docs, cover letter, nobody answers
git -C "$repo" checkout -q -b docs-process "$base"
as "Eve Writer" "eve@words.example.org" "2026-01-14 16:30:00 +0000"
cat >> "$repo/Documentation/process.rst" <<'EOF'

Reviews are given as trailers on a line of their own: Reviewed-by, Acked-by, Tested-by.
EOF
commit "docs: process: Explain review trailers

Signed-off-by: Eve Writer <eve@words.example.org>"
as "Eve Writer" "eve@words.example.org" "2026-01-14 16:31:00 +0000"
cat >> "$repo/Documentation/process.rst" <<'EOF'

A patch that fixes a bug carries a Fixes: line; a fix for a released kernel also Cc: stable.
EOF
commit "docs: process: Explain Fixes and Cc stable

Signed-off-by: Eve Writer <eve@words.example.org>"
series docs-process "docs: process: Write down the review rules" \
    "Two small additions to the process document." \
    --to=demo-doc@lists.example.org --cc="Dora Docs <dora@docs.example.org>" --cover-letter "$base"..docs-process

# ---------------------------------------------------------------- series 4: a single fix with Fixes: and Cc: stable
git -C "$repo" checkout -q -b fan17-fix "$base"
as "Frank Fixer" "frank@fix.example.org" "2026-01-19 08:15:00 +0200"
write drivers/hwmon/fan17.c <<'EOF'
#include <linux/hwmon.h>

static int fan17_rpm(int raw)
{
	if (raw == 0)
		return 0;
	return 1350000 / raw;
}
EOF
commit "hwmon: (fan17) Avoid division by zero for a stopped fan

A stopped fan reads 0 and the driver divided by it.

Fixes: $(git -C "$repo" rev-parse --short=12 "$base") (\"Initial demo tree\")
Cc: stable@vger.kernel.org
Signed-off-by: Frank Fixer <frank@fix.example.org>"
series fan17-fix "" "" --to=demo-hwmon@lists.example.org --cc="Gus Keeper <gus@hwmon.example.org>" \
    --cc="Rita Reviewer <rita@review.example.org>" --cc=stable@vger.kernel.org --no-cover-letter "$base"..fan17-fix

# ---------------------------------------------------------------- series 5: a single patch to THE REST, unanswered
git -C "$repo" checkout -q -b makefile "$base"
as "Greg Newcomer" "greg@new.example.org" "2026-01-26 11:00:00 +0100"
printf 'obj-y += drivers/\nCFLAGS := -O2 -Wall -Wextra\n' > "$repo/Makefile"
commit "Makefile: Enable -Wextra

Signed-off-by: Greg Newcomer <greg@new.example.org>"
series makefile "" "" --to=demo-kernel@lists.example.org --cc="Linus Demo <linus@demo.example.org>" --no-cover-letter "$base"..makefile

# ---------------------------------------------------------------- the maintainer applies tmp42 v2
git -C "$repo" checkout -q main
as "Carol Contributor" "carol@contrib.example.org" "2026-01-12 09:00:00 +0100"
export GIT_COMMITTER_NAME="Gus Keeper" GIT_COMMITTER_EMAIL="gus@hwmon.example.org" GIT_COMMITTER_DATE="2026-01-16 18:00:00 +0100"
for c in $(git -C "$repo" rev-list --reverse "$base"..tmp42-v2); do
    GIT_AUTHOR_DATE="$(git -C "$repo" log -1 --format=%ad --date=iso "$c")" git -C "$repo" cherry-pick "$c" >/dev/null
done
applied=($(git -C "$repo" rev-list --reverse "$base"..main))
export GIT_COMMITTER_NAME="Linus Demo" GIT_COMMITTER_EMAIL="linus@demo.example.org"

# ---------------------------------------------------------------- replies
t1="tmp42-v1"; t2="tmp42-v2"; list="demo-hwmon@lists.example.org"
reply "Rita Reviewer <rita@review.example.org>" "Tue, 6 Jan 2026 11:20:00 +0100" "rita-1@review.example.org" \
    "$t1.2@demo.example.org" "<$t1.0@demo.example.org> <$t1.2@demo.example.org>" \
    "Re: [PATCH 2/3] hwmon: (tmp42) Add temperature alarm" <<'EOF'
On Mon, Jan 05, 2026 at 10:01:00AM +0100, Carol Contributor wrote:
> +	return tmp42_read(7) > 85000;

Please give 85000 a name; a bare number here will confuse the next reader.

Rita
EOF
reply "Carol Contributor <carol@contrib.example.org>" "Tue, 6 Jan 2026 12:02:00 +0100" "carol-1@contrib.example.org" \
    "rita-1@review.example.org" "<$t1.0@demo.example.org> <$t1.2@demo.example.org> <rita-1@review.example.org>" \
    "Re: [PATCH 2/3] hwmon: (tmp42) Add temperature alarm" <<'EOF'
On 06/01/2026 11:20, Rita Reviewer wrote:
> Please give 85000 a name; a bare number here will confuse the next reader.

Will do in v2. And I will run checkpatch before sending;
From now on that is part of my routine.

Carol
EOF
reply "Rita Reviewer <rita@review.example.org>" "Tue, 13 Jan 2026 10:00:00 +0100" "rita-2@review.example.org" \
    "$t2.1@demo.example.org" "<$t1.0@demo.example.org> <$t2.0@demo.example.org> <$t2.1@demo.example.org>" \
    "Re: [PATCH v2 1/3] hwmon: (tmp42) Reject negative register numbers" <<'EOF'
On Mon, Jan 12, 2026 at 09:00:00AM +0100, Carol Contributor wrote:
> From the start the driver trusted its callers; it should not.

Reviewed-by: Rita Reviewer <rita@review.example.org>
EOF
reply "Rita Reviewer <rita@review.example.org>" "Tue, 13 Jan 2026 10:05:00 +0100" "rita-3@review.example.org" \
    "$t2.2@demo.example.org" "<$t1.0@demo.example.org> <$t2.0@demo.example.org> <$t2.2@demo.example.org>" \
    "Re: [PATCH v2 2/3] hwmon: (tmp42) Add temperature alarm" <<'EOF'
On Mon, Jan 12, 2026 at 09:01:00AM +0100, Carol Contributor wrote:
> +#define TMP42_ALARM_MILLIC	85000

Thanks, that reads better.

Reviewed-by: Rita Reviewer <rita@review.example.org>
EOF
reply "Tom Sensor <tom@sensors.example.org>" "Wed, 14 Jan 2026 20:30:00 +0000" "tom-1@sensors.example.org" \
    "$t2.0@demo.example.org" "<$t1.0@demo.example.org> <$t2.0@demo.example.org>" \
    "Re: [PATCH v2 0/3] hwmon: (tmp42) Input checks and an alarm" <<'EOF'
On Mon, Jan 12, 2026 at 09:05:00AM +0100, Carol Contributor wrote:
> Changes in v2: the alarm limit has a name (patch 2), as Rita asked.

For the whole series:

Acked-by: Tom Sensor <tom@sensors.example.org>
EOF
short() { git -C "$repo" rev-parse --short=12 "$1"; }
reply "Gus Keeper <gus@hwmon.example.org>" "Fri, 16 Jan 2026 18:05:00 +0100" "gus-ty-1@hwmon.example.org" \
    "$t2.0@demo.example.org" "<$t1.0@demo.example.org> <$t2.0@demo.example.org>" \
    "Re: [PATCH v2 0/3] hwmon: (tmp42) Input checks and an alarm" <<EOF
On Mon, 12 Jan 2026 09:05:00 +0100, Carol Contributor wrote:
> This series hardens the tmp42 driver and adds its alarm attribute.

Applied, thanks!

[1/3] hwmon: (tmp42) Reject negative register numbers
      commit: $(short "${applied[0]}")
[2/3] hwmon: (tmp42) Add temperature alarm
      commit: $(short "${applied[1]}")
[3/3] docs: hwmon: (tmp42) Document the alarm attribute
      commit: $(short "${applied[2]}")

Best regards,
-- 
Gus Keeper <gus@hwmon.example.org>
EOF
list="demo-netdev@lists.example.org"
reply "Nora Net <nora@net.example.org>" "Thu, 8 Jan 2026 09:12:00 +0100" "nora-1@net.example.org" \
    "net-close.0@demo.example.org" "<net-close.0@demo.example.org>" \
    "Re: [PATCH 1/2] net: dummy: Check the id on close" <<'EOF'
On Wed, Jan 07, 2026 at 02:00:00PM -0500, Dan Developer wrote:
> +	return id < 0 ? -22 : 0;

NAK. Callers never pass a negative id; fix the caller that does instead.

Nacked-by: Nora Net <nora@net.example.org>
EOF
reply "kernel test robot <lkp@intel.com>" "Thu, 8 Jan 2026 03:44:00 +0800" "202601080344.demo-lkp@intel.com" \
    "net-close.1@demo.example.org" "<net-close.0@demo.example.org> <net-close.1@demo.example.org>" \
    "Re: [PATCH 2/2] net: Document netdev_close's return value" <<'EOF'
Hi Dan,

kernel test robot noticed the following build warnings:

[auto build test WARNING on demo/main]

>> include/linux/netdevice.h:5: warning: comment after the include guard's #endif

If you fix the issue in a separate patch/commit (i.e. not just a new version of
the same patch/commit), kindly add following tags
| Reported-by: kernel test robot <lkp@intel.com>

-- 
0-DAY CI Kernel Test Service
EOF
list="demo-hwmon@lists.example.org"
reply "Quinn User <quinn@users.example.org>" "Wed, 21 Jan 2026 22:10:00 +0000" "quinn-1@users.example.org" \
    "fan17-fix.0@demo.example.org" "<fan17-fix.0@demo.example.org>" \
    "Re: [PATCH] hwmon: (fan17) Avoid division by zero for a stopped fan" <<'EOF'
On Mon, Jan 19, 2026 at 08:15:00AM +0200, Frank Fixer wrote:
> A stopped fan reads 0 and the driver divided by it.

My board no longer oopses when the fan stops.

Tested-by: Quinn User <quinn@users.example.org>
EOF

# ---------------------------------------------------------------- write the results
cp "$out" "$here/demo.mbox"
rm -rf "$here/demo-tree"
mkdir -p "$here/demo-tree"
git -C "$repo" archive main | tar -x -C "$here/demo-tree"
# The tree's file list, for Maintainers:TreeFiles (get_maintainer.pl decides directories by it).
git -C "$repo" ls-tree -r --name-only main > "$here/demo-tree-files.txt"
echo "wrote $here/demo.mbox ($(grep -c '^From ' "$here/demo.mbox") messages) and $here/demo-tree/ (main at $(git -C "$repo" rev-parse --short=12 main))"
[[ -n "$keep_repo" ]] && echo "kept the repository in $keep_repo"
exit 0
