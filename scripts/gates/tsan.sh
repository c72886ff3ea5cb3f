#!/usr/bin/env bash
# Gate: the Swift test suite passes under ThreadSanitizer. Code that runs concurrently:
# Packets renders and writes packets on worker threads (PacketGenerator, JobQueue,
# PacketWriter's shared images lock), ProgressBar takes a lock, ChromiumPrinter waits on a
# semaphore for the browser, and swift-testing runs tests in parallel.
# Builds into its own folder (.build-tsan).
#
# Usage: scripts/gates/tsan.sh [swift test options]     Environment: SCRATCH (default .build-tsan)
set -euo pipefail
cd "$(dirname "$0")/../.."
SCRATCH=${SCRATCH:-.build-tsan}
export SWIFT_BACKTRACE=enable=no
# halt_on_error: the first data race fails the run, with both stacks.
export TSAN_OPTIONS="halt_on_error=1:second_deadlock_stack=1${TSAN_OPTIONS:+:$TSAN_OPTIONS}"
exec swift test --sanitize=thread --scratch-path "$SCRATCH" "$@"
