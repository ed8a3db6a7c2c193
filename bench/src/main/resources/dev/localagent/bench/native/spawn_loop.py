# Baseline for `localagent bench subprocess`: subprocess.run(["/bin/echo", "hello"]) with
# captured output, COUNT times per thread. Prints "<commands> <seconds>".
import subprocess, sys, time
from concurrent.futures import ThreadPoolExecutor
count, threads = int(sys.argv[1]), int(sys.argv[2])
def work(_):
    for _ in range(count):
        r = subprocess.run(["/bin/echo", "hello"], capture_output=True)
        assert r.stdout == b"hello\n" and r.returncode == 0
start = time.monotonic()
with ThreadPoolExecutor(threads) as pool:
    list(pool.map(work, range(threads)))
print(count * threads, time.monotonic() - start)
