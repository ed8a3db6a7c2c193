# Baseline for `localagent bench fileio`: MODE DIR COUNT SIZE as in fileio.c (small, tools, atomic).
# Prints "<files> <seconds>".
import os, random, stat, sys, time
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
elif mode == "tools":
    import ctypes
    LINKAT = ctypes.CDLL(None, use_errno=True).linkat
    AT_FDCWD, AT_SYMLINK_FOLLOW = -100, 0x400
    for i in range(count):
        # fs.write: confinement, then a durable replace through an unnamed temp file
        root = os.path.realpath(d)
        p = os.path.join(root, "f%d.txt" % i)
        try:
            os.lstat(p)
            raise SystemExit("exists: " + p)
        except FileNotFoundError:
            pass
        fd = os.open(root, os.O_TMPFILE | os.O_WRONLY | os.O_CLOEXEC, 0o644)
        os.write(fd, data)
        os.fsync(fd)
        tmp = os.path.join(root, ".f%d.txt.%d.la-tmp" % (i, random.getrandbits(62)))
        # os.link calls link(2) here, which cannot follow /proc/self/fd: linkat through libc
        if LINKAT(AT_FDCWD, b"/proc/self/fd/%d" % fd, AT_FDCWD, os.fsencode(tmp), AT_SYMLINK_FOLLOW) != 0:
            raise OSError(ctypes.get_errno(), "linkat")
        os.close(fd)
        os.replace(tmp, p)
        dfd = os.open(root, os.O_RDONLY | os.O_DIRECTORY | os.O_CLOEXEC)
        os.fsync(dfd)
        os.close(dfd)
        # fs.read: confinement, a regular file, then read to EOF
        root = os.path.realpath(d)
        real = os.path.realpath(p)
        assert real.startswith(root + "/") and stat.S_ISREG(os.stat(real).st_mode)
        with open(real, "rb") as f:
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
