/*
 * Baseline for `localagent bench subprocess`: spawns `/bin/echo hello` COUNT times per thread with
 * posix_spawn, captures its output through pipes (read to EOF), and waits for it.
 * Prints "<commands> <seconds>". Usage: spawn_loop COUNT THREADS [minimal|same-work]
 *
 *   minimal:   one pipe for stdout, read to EOF, waitpid (the smallest correct capture loop).
 *   same-work: the system calls shell.exec makes per command (see NativeSpawn and PollLoop):
 *              stdin from /dev/null, stdout and stderr on pipes, a new session (POSIX_SPAWN_SETSID),
 *              signal mask cleared and every signal reset to default, working directory set,
 *              descriptors from 3 up closed; then poll(2) over both pipes and a pidfd, and when the
 *              leader exits, SIGKILL to its process group before reaping it.
 */
#define _GNU_SOURCE
#include <fcntl.h>
#include <poll.h>
#include <pthread.h>
#include <signal.h>
#include <spawn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

extern char **environ;
static long count;
static int same_work;
static char cwd[4096];

static void die(const char *what) { perror(what); exit(1); }

static void check_result(long total, int status) {
  if (total != 6 || status != 0) { fprintf(stderr, "bad output %ld status %d\n", total, status); exit(1); }
}

static void run_minimal(void) {
  int fds[2];
  if (pipe(fds) != 0) die("pipe");
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_adddup2(&actions, fds[1], 1);
  posix_spawn_file_actions_addclose(&actions, fds[0]);
  posix_spawn_file_actions_addclose(&actions, fds[1]);
  char *argv[] = {"/bin/echo", "hello", NULL};
  pid_t pid;
  if (posix_spawn(&pid, argv[0], &actions, NULL, argv, environ) != 0) die("posix_spawn");
  posix_spawn_file_actions_destroy(&actions);
  close(fds[1]);
  char buf[4096];
  long total = 0;
  ssize_t n;
  while ((n = read(fds[0], buf, sizeof buf)) > 0) total += n;
  close(fds[0]);
  int status;
  waitpid(pid, &status, 0);
  check_result(total, status);
}

static void run_same_work(const posix_spawnattr_t *attr) {
  int out[2], err[2];
  if (pipe2(out, O_CLOEXEC) != 0 || pipe2(err, O_CLOEXEC) != 0) die("pipe2");
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0);
  posix_spawn_file_actions_adddup2(&actions, out[1], 1);
  posix_spawn_file_actions_adddup2(&actions, err[1], 2);
  posix_spawn_file_actions_addchdir_np(&actions, cwd);
  posix_spawn_file_actions_addclosefrom_np(&actions, 3);
  char *argv[] = {"/bin/echo", "hello", NULL};
  pid_t pid;
  if (posix_spawn(&pid, argv[0], &actions, attr, argv, environ) != 0) die("posix_spawn");
  posix_spawn_file_actions_destroy(&actions);
  close(out[1]);
  close(err[1]);
  int pidfd = (int) syscall(SYS_pidfd_open, pid, 0);
  struct pollfd fds[3] = {{out[0], POLLIN, 0}, {err[0], POLLIN, 0}, {pidfd, POLLIN, 0}};
  static __thread char buf[65536];
  long total = 0;
  int status = -1;
  while (fds[0].fd >= 0 || fds[1].fd >= 0 || fds[2].fd >= 0) {
    if (poll(fds, 3, 100) <= 0) continue;
    for (int i = 0; i < 2; i++) {
      if (fds[i].fd >= 0 && fds[i].revents) {
        ssize_t n = read(fds[i].fd, buf, sizeof buf);
        if (n > 0) { total += n; continue; }
        close(fds[i].fd);
        fds[i].fd = -1;
      }
    }
    if (fds[2].fd >= 0 && fds[2].revents) {
      kill(-pid, SIGKILL); /* what the leader left in its group; the zombie keeps the id reserved */
      waitpid(pid, &status, 0);
      close(fds[2].fd);
      fds[2].fd = -1;
    }
  }
  check_result(total, status);
}

static void *worker(void *arg) {
  (void) arg;
  posix_spawnattr_t attr; /* built once per thread, as shell.exec builds it once per JVM */
  sigset_t none, all;
  posix_spawnattr_init(&attr);
  sigemptyset(&none);
  sigfillset(&all);
  posix_spawnattr_setsigmask(&attr, &none);
  posix_spawnattr_setsigdefault(&attr, &all);
  posix_spawnattr_setflags(&attr, POSIX_SPAWN_SETSID | POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF);
  for (long i = 0; i < count; i++) {
    if (same_work) run_same_work(&attr); else run_minimal();
  }
  return NULL;
}

int main(int argc, char **argv) {
  if (argc < 3 || argc > 4) { fprintf(stderr, "usage: spawn_loop COUNT THREADS [minimal|same-work]\n"); return 2; }
  count = atol(argv[1]);
  int threads = atoi(argv[2]);
  same_work = argc == 4 && strcmp(argv[3], "same-work") == 0;
  if (!getcwd(cwd, sizeof cwd)) die("getcwd");
  pthread_t tids[256];
  struct timespec a, b;
  clock_gettime(CLOCK_MONOTONIC, &a);
  for (int t = 0; t < threads; t++) pthread_create(&tids[t], NULL, worker, NULL);
  for (int t = 0; t < threads; t++) pthread_join(tids[t], NULL);
  clock_gettime(CLOCK_MONOTONIC, &b);
  printf("%ld %.6f\n", count * threads, (b.tv_sec - a.tv_sec) + (b.tv_nsec - a.tv_nsec) / 1e9);
  return 0;
}
