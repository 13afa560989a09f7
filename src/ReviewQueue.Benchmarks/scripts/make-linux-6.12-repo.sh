#!/bin/sh
# Builds a one-commit git repository of Linux 6.12.117 from Debian's linux-source-6.12, the tree
# behind the corpus file hwmon-2024H2.apply-check-vs-6.12.117.json. About 1.9 GB unpacked.
#   usage: make-linux-6.12-repo.sh DIR        (then: DIR/linux-source-6.12 is the repository)
set -eu
dir=${1:?usage: make-linux-6.12-repo.sh DIR}
mkdir -p "$dir"
cd "$dir"
if [ ! -f linux-source-6.12_6.12.117-1~deb12u1_all.deb ]; then
    apt-get download 'linux-source-6.12=6.12.117-1~deb12u1'
fi
if [ ! -d linux-source-6.12 ]; then
    dpkg-deb --fsys-tarfile linux-source-6.12_6.12.117-1~deb12u1_all.deb \
        | tar -xO ./usr/src/linux-source-6.12.tar.xz | xz -dc -T2 | tar -x
fi
cd linux-source-6.12
if ! git rev-parse -q --verify HEAD >/dev/null 2>&1; then
    git init -q -b master
    git add -A -f   # Debian's .gitignore ignores the whole top level
    GIT_AUTHOR_NAME=corpus GIT_AUTHOR_EMAIL=corpus@example.org \
    GIT_COMMITTER_NAME=corpus GIT_COMMITTER_EMAIL=corpus@example.org \
        git commit -q -m "Linux 6.12.117 (Debian linux-source-6.12)"
fi
git rev-parse HEAD
