#!/usr/bin/env bash
# Gradescope runs this once, while it builds the autograder image (Ubuntu, as root, with network).
# It installs Node.js and the course at the pinned commit, so run_autograder only grades.
#
# To try it outside Gradescope (a laptop, CI), override from the environment:
#   AUTOGRADER=/tmp/ag          the root instead of /autograder (it needs source/config.sh)
#   SKIP_SYSTEM_INSTALL=1       use the machine's git, curl and Node instead of installing them
#   COURSE_REPO, COURSE_REF     another clone source or commit (a local path works)
# e.g. AUTOGRADER=/tmp/ag SKIP_SYSTEM_INSTALL=1 COURSE_REPO="$PWD" COURSE_REF=HEAD bash setup.sh
set -euo pipefail
root="${AUTOGRADER:-/autograder}"
source "${root}/source/config.sh"

if [ "${SKIP_SYSTEM_INSTALL:-}" != "1" ]; then
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
fi
node --version

# The course, at the pinned commit, with its exact dependencies.
git clone --quiet "${COURSE_REPO}" "${root}/course"
cd "${root}/course"
git checkout --quiet "${COURSE_REF}"
npm ci --no-audit --no-fund
