/*
 * Baseline for `localagent bench subprocess`: spawns `/bin/echo hello` COUNT times per thread with
 * posix_spawn, captures its stdout through a pipe (read to EOF), and waits for it.
 * Prints "<commands> <seconds>". Usage: spawn_loop COUNT THREADS
 */
#include <pthread.h>
#include <spawn.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

extern char **environ;
static long count;

static void run_once(void) {
  int fds[2];
  if (pipe(fds) != 0) { perror("pipe"); exit(1); }
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_adddup2(&actions, fds[1], 1);
  posix_spawn_file_actions_addclose(&actions, fds[0]);
  posix_spawn_file_actions_addclose(&actions, fds[1]);
  char *argv[] = {"/bin/echo", "hello", NULL};
  pid_t pid;
  if (posix_spawn(&pid, argv[0], &actions, NULL, argv, environ) != 0) { perror("posix_spawn"); exit(1); }
  posix_spawn_file_actions_destroy(&actions);
  close(fds[1]);
  char buf[4096];
  long total = 0;
  ssize_t n;
  while ((n = read(fds[0], buf, sizeof buf)) > 0) total += n;
  close(fds[0]);
  int status;
  waitpid(pid, &status, 0);
  if (total != 6 || status != 0) { fprintf(stderr, "bad output %ld status %d\n", total, status); exit(1); }
}

static void *worker(void *arg) {
  (void) arg;
  for (long i = 0; i < count; i++) run_once();
  return NULL;
}

int main(int argc, char **argv) {
  if (argc != 3) { fprintf(stderr, "usage: spawn_loop COUNT THREADS\n"); return 2; }
  count = atol(argv[1]);
  int threads = atoi(argv[2]);
  pthread_t tids[256];
  struct timespec a, b;
  clock_gettime(CLOCK_MONOTONIC, &a);
  for (int t = 0; t < threads; t++) pthread_create(&tids[t], NULL, worker, NULL);
  for (int t = 0; t < threads; t++) pthread_join(tids[t], NULL);
  clock_gettime(CLOCK_MONOTONIC, &b);
  printf("%ld %.6f\n", count * threads, (b.tv_sec - a.tv_sec) + (b.tv_nsec - a.tv_nsec) / 1e9);
  return 0;
}
