# Baseline for `localagent bench subprocess`: runs /bin/echo hello with captured output, COUNT
# times per thread. Prints "<commands> <seconds>". Usage: COUNT THREADS [minimal|same-work]
#   minimal:   subprocess.run(argv, capture_output=True)
#   same-work: what shell.exec asks for besides: stdin from /dev/null, a new session, the working
#              directory set, and the process group killed after the command ends.
import os, signal, subprocess, sys, time
from concurrent.futures import ThreadPoolExecutor
count, threads = int(sys.argv[1]), int(sys.argv[2])
same_work = len(sys.argv) > 3 and sys.argv[3] == "same-work"
cwd = os.getcwd()
def minimal():
    r = subprocess.run(["/bin/echo", "hello"], capture_output=True)
    assert r.stdout == b"hello\n" and r.returncode == 0
def same():
    p = subprocess.Popen(["/bin/echo", "hello"], stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                         stderr=subprocess.PIPE, cwd=cwd, start_new_session=True)
    out, _ = p.communicate()
    try:
        os.killpg(p.pid, signal.SIGKILL)
    except ProcessLookupError:
        pass
    assert out == b"hello\n" and p.returncode == 0
once = same if same_work else minimal
def work(_):
    for _ in range(count):
        once()
start = time.monotonic()
with ThreadPoolExecutor(threads) as pool:
    list(pool.map(work, range(threads)))
print(count * threads, time.monotonic() - start)
