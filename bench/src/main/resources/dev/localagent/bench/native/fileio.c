/*
 * Baseline for `localagent bench fileio`. Usage: fileio MODE DIR COUNT SIZE, MODE one of
 *   small:  create, write SIZE bytes, close; then open, read to EOF, close (one file = write + read)
 *   tools:  what fs.write then fs.read of a new file must do for the same guarantees, done the
 *           shortest way: write = realpath of the workdir, lstat of the target, an unnamed temp
 *           file (O_TMPFILE), write, fsync, linkat to a hidden name, close, rename over the
 *           target, open + fsync + close of the directory; read = realpath of the workdir and of
 *           the file (confinement), stat (a regular file?), open, read to EOF, close
 *   atomic: write a temp file in DIR, fsync, rename over the target, open DIR, fsync it, close it
 *           (a durable replace; the directory is opened per write, as each fs.write call must)
 * Prints "<files> <seconds>".
 */
#define _GNU_SOURCE
#include <fcntl.h>
#include <limits.h>
#include <sys/stat.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

static void die(const char *what) { perror(what); exit(1); }

int main(int argc, char **argv) {
  if (argc != 5) { fprintf(stderr, "usage: fileio small|tools|atomic DIR COUNT SIZE\n"); return 2; }
  const char *mode = argv[1], *dir = argv[2];
  long count = atol(argv[3]), size = atol(argv[4]);
  char *data = malloc(size), *back = malloc(size + 1);
  memset(data, 'x', size);
  char path[4096], tmp[4096];
  struct timespec a, b;
  clock_gettime(CLOCK_MONOTONIC, &a);
  for (long i = 0; i < count; i++) {
    if (strcmp(mode, "small") == 0) {
      snprintf(path, sizeof path, "%s/f%ld.txt", dir, i);
      int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0644);
      if (fd < 0 || write(fd, data, size) != size) die("write");
      close(fd);
      fd = open(path, O_RDONLY);
      if (fd < 0) die("open");
      long got = 0;
      ssize_t n;
      while ((n = read(fd, back, size + 1)) > 0) got += n; /* a reader learns the end from read() == 0 */
      if (n < 0 || got != size) die("read");
      close(fd);
    } else if (strcmp(mode, "tools") == 0) {
      char root[PATH_MAX], real[PATH_MAX], proc[64];
      struct stat st;
      /* fs.write */
      if (!realpath(dir, root)) die("realpath");
      snprintf(path, sizeof path, "%s/f%ld.txt", root, i);
      if (lstat(path, &st) == 0 || errno != ENOENT) die("lstat");
      int fd = open(root, O_TMPFILE | O_WRONLY | O_CLOEXEC, 0644);
      if (fd < 0 || write(fd, data, size) != size) die("write");
      if (fsync(fd) != 0) die("fsync");
      snprintf(proc, sizeof proc, "/proc/self/fd/%d", fd);
      snprintf(tmp, sizeof tmp, "%s/.f%ld.txt.%ld.la-tmp", root, i, (long) random());
      if (linkat(AT_FDCWD, proc, AT_FDCWD, tmp, AT_SYMLINK_FOLLOW) != 0) die("linkat");
      close(fd);
      if (rename(tmp, path) != 0) die("rename");
      int dfd = open(root, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
      if (dfd < 0 || fsync(dfd) != 0) die("fsync dir");
      close(dfd);
      /* fs.read */
      if (!realpath(dir, root) || !realpath(path, real) || strncmp(real, root, strlen(root)) != 0) die("realpath");
      if (stat(real, &st) != 0 || !S_ISREG(st.st_mode)) die("stat");
      fd = open(real, O_RDONLY | O_CLOEXEC);
      if (fd < 0) die("open");
      long got = 0;
      ssize_t n;
      while ((n = read(fd, back, size + 1)) > 0) got += n;
      if (n < 0 || got != size) die("read");
      close(fd);
    } else {
      snprintf(path, sizeof path, "%s/target.txt", dir);
      snprintf(tmp, sizeof tmp, "%s/.target.txt.%ld.tmp", dir, i);
      int fd = open(tmp, O_WRONLY | O_CREAT | O_EXCL, 0644);
      if (fd < 0 || write(fd, data, size) != size) die("write");
      if (fsync(fd) != 0) die("fsync");
      close(fd);
      if (rename(tmp, path) != 0) die("rename");
      int dfd = open(dir, O_RDONLY | O_DIRECTORY);
      if (dfd < 0 || fsync(dfd) != 0) die("fsync dir");
      close(dfd);
    }
  }
  clock_gettime(CLOCK_MONOTONIC, &b);
  printf("%ld %.6f\n", count, (b.tv_sec - a.tv_sec) + (b.tv_nsec - a.tv_nsec) / 1e9);
  return 0;
}
