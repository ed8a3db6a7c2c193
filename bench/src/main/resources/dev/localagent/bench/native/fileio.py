# Baseline for `localagent bench fileio`: MODE DIR COUNT SIZE as in fileio.c.
# Prints "<files> <seconds>".
import os, sys, time
mode, d, count, size = sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4])
data = b"x" * size
start = time.monotonic()
if mode == "small":
    for i in range(count):
        p = os.path.join(d, "f%d.txt" % i)
        with open(p, "wb") as f:
            f.write(data)
        with open(p, "rb") as f:
            assert len(f.read()) == size
else:
    target = os.path.join(d, "target.txt")
    for i in range(count):
        tmp = os.path.join(d, ".target.txt.%d.tmp" % i)
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o644)
        os.write(fd, data)
        os.fsync(fd)
        os.close(fd)
        os.replace(tmp, target)
        dfd = os.open(d, os.O_RDONLY)  # per write, as each fs.write call must
        os.fsync(dfd)
        os.close(dfd)
print(count, time.monotonic() - start)
