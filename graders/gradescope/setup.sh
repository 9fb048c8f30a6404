#!/usr/bin/env bash
# Gradescope runs this once, while it builds the autograder image (Ubuntu, as root, with network).
# It installs Node.js and the course at the pinned commit, so run_autograder only grades.
set -euo pipefail
source /autograder/source/config.sh

apt-get update -q
apt-get install -y -q --no-install-recommends ca-certificates curl git xz-utils

# Node.js from nodejs.org, checked against the release's published SHA-256 list.
arch="linux-x64"
tarball="node-v${NODE_VERSION}-${arch}.tar.xz"
cd /tmp
curl -fsSLO "https://nodejs.org/dist/v${NODE_VERSION}/${tarball}"
curl -fsSLO "https://nodejs.org/dist/v${NODE_VERSION}/SHASUMS256.txt"
grep " ${tarball}\$" SHASUMS256.txt | sha256sum -c -
tar -xJf "${tarball}" -C /usr/local --strip-components=1
node --version

# The course, at the pinned commit, with its exact dependencies.
git clone --quiet "${COURSE_REPO}" /autograder/course
cd /autograder/course
git checkout --quiet "${COURSE_REF}"
npm ci --no-audit --no-fund
