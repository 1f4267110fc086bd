#!/bin/sh
# Runs a Criterion test binary under Oclgrind and fails on any Oclgrind diagnostic.
# usage: run_oclgrind.sh <oclgrind> <test binary>
# Oclgrind reports problems on stderr but leaves the exit status alone, so the output is
# searched. -cl-opt-disable: Oclgrind 21.10's --uninitialized checker stops with "Unsupported
# instruction: freeze" on code that LLVM's optimizer has rewritten (integer division pairs).
set -u
oclgrind=$1
binary=$2
log=$(mktemp)
trap 'rm -f "$log"' EXIT
"$oclgrind" --data-races --uninitialized --check-api --build-options "-cl-opt-disable" \
    "$binary" --jobs 2 >"$log" 2>&1
rc=$?
cat "$log"
if [ "$rc" -ne 0 ]; then
    echo "run_oclgrind: the tests failed under Oclgrind (exit status $rc)"
    exit 1
fi
if grep -qE "Invalid (read|write)|data race|Uninitiali[sz]ed|OCLGRIND FATAL|runtime error|Oclgrind.*error" "$log"; then
    echo "run_oclgrind: Oclgrind reported problems (above)"
    exit 1
fi
grep -q "Synthesis: Tested: [1-9]" "$log" || { echo "run_oclgrind: no tests ran"; exit 1; }
echo "run_oclgrind: no Oclgrind diagnostics"
