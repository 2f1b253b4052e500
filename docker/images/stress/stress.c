/*
 * faultline-stress: the one static binary Faultline copies into a target container (at
 * /tmp/.faultline-TAG/stress) to exhaust a resource there: cpu, memory, disk, file descriptors.
 * It needs nothing from the target image: no shell, no libc, no tools.
 *
 * The contract (issue 10, "faultline-stress contract"). Output: key=value lines on stdout.
 * Exit status: 0 ok, 1 failure (message on stderr), 2 usage error.
 *
 *   stress cpu TAG THREADS SHARE       daemon: THREADS threads busy SHARE (0<SHARE<=1) of every 100 ms
 *   stress memory TAG TARGET_BYTES     daemon: holds the container's memory usage at TARGET_BYTES (0: no end)
 *   stress disk TAG PATH BYTES         fills PATH/.faultline-fill-TAG with BYTES (0: until ENOSPC)
 *   stress fds TAG LEVEL               lowers every process's soft RLIMIT_NOFILE towards its lowest free fd
 *   stress observe disk PATH | fds | procs TAG | oom TAG | cgroup
 *   stress release TAG                 undoes everything TAG did; idempotent
 *   stress cleanup TAG                 removes /tmp/.faultline-TAG
 *
 * State lives in /tmp/.faultline-TAG/ (files: pids, oom, fds, fill; one record a line), so that
 * release works from any later process, after any partial apply, and any number of times.
 */
#define _GNU_SOURCE
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <ftw.h>
#include <grp.h>
#include <limits.h>
#include <math.h>
#include <poll.h>
#include <pthread.h>
#include <signal.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/statvfs.h>
#include <sys/syscall.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#define EXIT_FAILED 1
#define EXIT_USAGE 2

#define TAG_MAX 48
#define MARK "/.faultline-"
#define OOM_RAISED 1000
#define MIB (1024ULL * 1024ULL)
#define PERIOD_NS 100000000LL             /* cpu duty cycle and memory top-up period: 100 ms */
#define MEMORY_REPORT_NS 900000000LL      /* memory: report after 900 ms even if the target is not reached */
#define HEADROOM_MIN (2 * MIB)             /* memory: a target at the limit stops limit/64, 2 to 8 MiB, below it */
#define HEADROOM_MAX (8 * MIB)
#define READY_TIMEOUT_MS 5000             /* how long the parent waits for a daemon to say it is ready */
#define TERM_GRACE_NS 300000000LL         /* release: SIGKILL after 300 ms */
#define KILL_TIMEOUT_NS 3000000000LL      /* release: give up waiting for a SIGKILLed process after 3 s */

static const char USAGE[] =
    "usage: faultline-stress cpu TAG THREADS SHARE\n"
    "       faultline-stress memory TAG TARGET_BYTES\n"
    "       faultline-stress disk TAG PATH BYTES\n"
    "       faultline-stress fds TAG LEVEL\n"
    "       faultline-stress observe disk PATH | observe fds | observe procs TAG | observe oom TAG | observe cgroup\n"
    "       faultline-stress release TAG\n"
    "       faultline-stress cleanup TAG\n"
    "TAG: [a-z0-9-]{1,48}; SHARE, LEVEL: 0 < x <= 1; PATH: absolute, no '..'\n";

/* "/tmp/.faultline-TAG" and "/.faultline-TAG/", set once from the command line */
static char state_dir[80];
static char tag_mark[80];

/* ---------------------------------------------------------------- messages and arguments */

static void say(const char *fmt, va_list ap) {
    fputs("faultline-stress: ", stderr);
    vfprintf(stderr, fmt, ap);
    fputc('\n', stderr);
}

static void warn(const char *fmt, ...) {
    va_list ap;
    va_start(ap, fmt);
    say(fmt, ap);
    va_end(ap);
}

static _Noreturn void fail(const char *fmt, ...) {
    va_list ap;
    va_start(ap, fmt);
    say(fmt, ap);
    va_end(ap);
    fflush(stdout);
    exit(EXIT_FAILED);
}

static _Noreturn void usage(const char *fmt, ...) {
    va_list ap;
    va_start(ap, fmt);
    say(fmt, ap);
    va_end(ap);
    fputs("faultline-stress: run 'faultline-stress help' for the usage\n", stderr);
    exit(EXIT_USAGE);
}

static int64_t now_ns(void) {
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (int64_t) ts.tv_sec * 1000000000LL + ts.tv_nsec;
}

static void sleep_ns(int64_t ns) {
    struct timespec ts = { .tv_sec = ns / 1000000000LL, .tv_nsec = ns % 1000000000LL };
    while (nanosleep(&ts, &ts) != 0 && errno == EINTR) {
    }
}

static void set_tag(const char *tag) {
    size_t n = strlen(tag);
    if (n < 1 || n > TAG_MAX) usage("TAG: expected 1 to %d characters [a-z0-9-] but was '%s'", TAG_MAX, tag);
    for (size_t i = 0; i < n; i++) {
        char c = tag[i];
        if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-')) {
            usage("TAG: expected only [a-z0-9-] but was '%s'", tag);
        }
    }
    snprintf(state_dir, sizeof state_dir, "/tmp/.faultline-%s", tag);
    snprintf(tag_mark, sizeof tag_mark, "/.faultline-%s/", tag);
}

static uint64_t parse_u64(const char *name, const char *s, uint64_t min, uint64_t max) {
    if (*s == '\0') usage("%s: expected a whole number from %llu to %llu but was ''", name,
                          (unsigned long long) min, (unsigned long long) max);
    uint64_t v = 0;
    for (const char *p = s; *p; p++) {
        if (*p < '0' || *p > '9' || v > (UINT64_MAX - 9) / 10) {
            usage("%s: expected a whole number from %llu to %llu but was '%s'", name,
                  (unsigned long long) min, (unsigned long long) max, s);
        }
        v = v * 10 + (uint64_t) (*p - '0');
    }
    if (v < min || v > max) {
        usage("%s: expected a whole number from %llu to %llu but was '%s'", name,
              (unsigned long long) min, (unsigned long long) max, s);
    }
    return v;
}

static double parse_fraction(const char *name, const char *s) {
    char *end = NULL;
    errno = 0;
    double v = strtod(s, &end);
    if (*s == '\0' || *end != '\0' || errno != 0 || !isfinite(v) || v <= 0.0 || v > 1.0) {
        usage("%s: expected a number with 0 < %s <= 1 but was '%s'", name, name, s);
    }
    return v;
}

static void check_path(const char *path) {
    if (path[0] != '/') usage("PATH: expected an absolute path but was '%s'", path);
    if (strstr(path, "..")) usage("PATH: expected a path without '..' but was '%s'", path);
    if (strlen(path) > PATH_MAX - 64) usage("PATH: longer than %d characters", PATH_MAX - 64);
}

/* ---------------------------------------------------------------- small file helpers */

static int write_all(int fd, const void *buf, size_t n) {
    const char *p = buf;
    while (n > 0) {
        ssize_t w = write(fd, p, n);
        if (w < 0) {
            if (errno == EINTR) continue;
            return -1;
        }
        p += w;
        n -= (size_t) w;
    }
    return 0;
}

static int read_all(int fd, void *buf, size_t n) {
    char *p = buf;
    while (n > 0) {
        ssize_t r = read(fd, p, n);
        if (r < 0 && errno == EINTR) continue;
        if (r <= 0) return -1;
        p += r;
        n -= (size_t) r;
    }
    return 0;
}

/* Reads up to cap-1 bytes of a (proc) file, NUL-terminated; returns the length or -1 with errno set. */
static ssize_t read_small(const char *path, char *buf, size_t cap) {
    int fd = open(path, O_RDONLY | O_CLOEXEC | O_NOFOLLOW);
    if (fd < 0) return -1;
    size_t len = 0;
    while (len < cap - 1) {
        ssize_t r = read(fd, buf + len, cap - 1 - len);
        if (r < 0 && errno == EINTR) continue;
        if (r < 0) {
            int e = errno;
            close(fd);
            errno = e;
            return -1;
        }
        if (r == 0) break;
        len += (size_t) r;
    }
    close(fd);
    buf[len] = '\0';
    return (ssize_t) len;
}

/* Reads a whole state file (relative to the state dir fd) into a malloc'd string; NULL if it is absent. */
static char *read_state(int dfd, const char *name) {
    if (dfd < 0) return NULL;
    int fd = openat(dfd, name, O_RDONLY | O_CLOEXEC | O_NOFOLLOW);
    if (fd < 0) return NULL;
    size_t cap = 4096, len = 0;
    char *buf = malloc(cap);
    for (;;) {
        if (!buf) break;
        if (len + 1 >= cap) {
            char *bigger = realloc(buf, cap *= 2);
            if (!bigger) {
                free(buf);
                buf = NULL;
                break;
            }
            buf = bigger;
        }
        ssize_t r = read(fd, buf + len, cap - 1 - len);
        if (r < 0 && errno == EINTR) continue;
        if (r <= 0) break;
        len += (size_t) r;
    }
    close(fd);
    if (buf) buf[len] = '\0';
    return buf;
}

static int append_state(int dfd, const char *name, const char *fmt, ...) {
    char line[PATH_MAX + 128];
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(line, sizeof line, fmt, ap);
    va_end(ap);
    if (n < 0 || (size_t) n >= sizeof line) return -1;
    int fd = openat(dfd, name, O_WRONLY | O_CREAT | O_APPEND | O_NOFOLLOW | O_CLOEXEC, 0600);
    if (fd < 0) return -1;
    int rc = write_all(fd, line, (size_t) n);
    close(fd);
    return rc;
}

/* The state dir: created if asked (0700), never through a symlink; -1 if absent and not to be created. */
static int open_state(int create) {
    if (create && mkdir(state_dir, 0700) != 0 && errno != EEXIST) fail("%s: cannot create: %s", state_dir,
                                                                          strerror(errno));
    int dfd = open(state_dir, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
    if (dfd < 0) {
        if (!create && errno == ENOENT) return -1;
        fail("%s: cannot open as a directory (not a symlink): %s", state_dir, strerror(errno));
    }
    struct stat st;
    if (fstat(dfd, &st) != 0 || (st.st_uid != 0 && st.st_uid != geteuid())) {
        fail("%s: owned by uid %u, expected root or uid %u", state_dir, (unsigned) st.st_uid, (unsigned) geteuid());
    }
    return dfd;
}

/* ---------------------------------------------------------------- processes */

struct proc {
    pid_t pid;
    unsigned long long start;   /* /proc/P/stat field 22: tells a process from a later one with its pid */
    int stressor;               /* cmdline contains "/.faultline-" */
    int tagged;                 /* cmdline contains "/.faultline-TAG/" */
};

/* 0 and the state and start time of a process, or -1 if it is gone. */
static int proc_stat(pid_t pid, char *state, unsigned long long *start) {
    char path[64], buf[1024];
    snprintf(path, sizeof path, "/proc/%d/stat", (int) pid);
    if (read_small(path, buf, sizeof buf) < 0) return -1;
    char *p = strrchr(buf, ')');
    if (!p) return -1;
    p++;
    /* after "comm)": field 3 is the state, field 22 the start time */
    char st = 0;
    unsigned long long t = 0;
    int field = 2;
    for (char *tok = strtok(p, " "); tok; tok = strtok(NULL, " ")) {
        field++;
        if (field == 3) st = tok[0];
        if (field == 22) {
            t = strtoull(tok, NULL, 10);
            break;
        }
    }
    if (field != 22) return -1;
    if (state) *state = st;
    if (start) *start = t;
    return 0;
}

/* Live: exists, is no zombie (a killed daemon whose new parent, the container's PID 1, does not reap), and,
   when start is given, is the same process that had this pid before. */
static int proc_alive(pid_t pid, unsigned long long start) {
    char st;
    unsigned long long t;
    if (proc_stat(pid, &st, &t) != 0) return 0;
    if (st == 'Z' || st == 'X' || st == 'x') return 0;
    return start == 0 || t == start;
}

static int proc_owner(pid_t pid, uid_t *uid, gid_t *gid) {
    char path[64], buf[4096];
    snprintf(path, sizeof path, "/proc/%d/status", (int) pid);
    if (read_small(path, buf, sizeof buf) < 0) return -1;
    char *u = strstr(buf, "\nUid:"), *g = strstr(buf, "\nGid:");
    if (!u || !g) return -1;
    *uid = (uid_t) strtoul(u + 5, NULL, 10);
    *gid = (gid_t) strtoul(g + 5, NULL, 10);
    return 0;
}

/* Every live process with a command line (no kernel threads, no zombies), this one left out. */
static size_t list_procs(struct proc **out) {
    DIR *d = opendir("/proc");
    if (!d) fail("/proc: cannot list: %s", strerror(errno));
    size_t n = 0, cap = 64;
    struct proc *v = malloc(cap * sizeof *v);
    if (!v) fail("out of memory");
    static char cmd[65536];
    pid_t self = getpid();
    struct dirent *e;
    while ((e = readdir(d)) != NULL) {
        char *end;
        long pid = strtol(e->d_name, &end, 10);
        if (*end != '\0' || pid <= 0 || pid == self) continue;
        char path[64];
        snprintf(path, sizeof path, "/proc/%ld/cmdline", pid);
        ssize_t len = read_small(path, cmd, sizeof cmd);
        if (len <= 0) continue;
        for (ssize_t i = 0; i < len; i++) if (cmd[i] == '\0') cmd[i] = ' ';
        unsigned long long start;
        char st;
        if (proc_stat((pid_t) pid, &st, &start) != 0 || st == 'Z' || st == 'X' || st == 'x') continue;
        if (n == cap) {
            struct proc *bigger = realloc(v, (cap *= 2) * sizeof *v);
            if (!bigger) fail("out of memory");
            v = bigger;
        }
        v[n].pid = (pid_t) pid;
        v[n].start = start;
        v[n].stressor = strstr(cmd, MARK) != NULL;
        v[n].tagged = tag_mark[0] && strstr(cmd, tag_mark) != NULL;
        n++;
    }
    closedir(d);
    *out = v;
    return n;
}

/* Runs op on another process; if the kernel refuses (prlimit and /proc/P/fd need the same uid without
   CAP_SYS_RESOURCE / CAP_SYS_PTRACE, which Docker does not grant) and this is root, runs it again in a
   child that has taken the target's uid and gid. Returns 0 or an errno. */
typedef int (*proc_op)(pid_t pid, const void *in, void *out);

static int run_op(pid_t pid, proc_op op, const void *in, void *out, size_t out_size) {
    int err = op(pid, in, out);
    if ((err != EPERM && err != EACCES) || geteuid() != 0) return err;
    uid_t uid;
    gid_t gid;
    if (proc_owner(pid, &uid, &gid) != 0) return ESRCH;
    if (uid == 0 && gid == 0) return err;
    int p[2];
    if (pipe2(p, O_CLOEXEC) != 0) return err;
    pid_t child = fork();
    if (child < 0) {
        close(p[0]);
        close(p[1]);
        return err;
    }
    if (child == 0) {
        close(p[0]);
        int r = 0;
        if (setgroups(0, NULL) != 0 && errno != EPERM) r = errno;
        if (r == 0 && (setresgid(gid, gid, gid) != 0 || setresuid(uid, uid, uid) != 0)) r = errno;
        if (r == 0) r = op(pid, in, out);
        if (write_all(p[1], &r, sizeof r) == 0 && r == 0) (void) write_all(p[1], out, out_size);
        _exit(0);
    }
    close(p[1]);
    int r = err;
    if (read_all(p[0], &r, sizeof r) != 0) r = err;
    else if (r == 0 && read_all(p[0], out, out_size) != 0) r = EIO;
    close(p[0]);
    while (waitpid(child, NULL, 0) < 0 && errno == EINTR) {
    }
    return r;
}

static int read_oom(pid_t pid, int *value) {
    char path[64], buf[32];
    snprintf(path, sizeof path, "/proc/%d/oom_score_adj", (int) pid);
    if (read_small(path, buf, sizeof buf) < 0) return -1;
    *value = atoi(buf);
    return 0;
}

static int op_write_oom(pid_t pid, const void *in, void *out) {
    (void) out;
    char path[64], buf[16];
    snprintf(path, sizeof path, "/proc/%d/oom_score_adj", (int) pid);
    int n = snprintf(buf, sizeof buf, "%d\n", *(const int *) in);
    int fd = open(path, O_WRONLY | O_CLOEXEC);
    if (fd < 0) return errno;
    int r = write_all(fd, buf, (size_t) n) == 0 ? 0 : errno;
    close(fd);
    return r;
}

/* ---------------------------------------------------------------- file descriptors */

enum fd_mode { FD_OBSERVE, FD_SET, FD_RESTORE };

struct fd_in {
    enum fd_mode mode;
    rlim_t soft;        /* FD_SET: the new soft limit; FD_RESTORE: the soft limit to restore */
    rlim_t expect;      /* FD_RESTORE: restore only if the soft limit is still this one (ours) */
};

struct fd_out {
    rlim_t soft, hard;  /* the limits found */
    long lowest_free;
    long open;
    int changed;
};

static int cmp_long(const void *a, const void *b) {
    long x = *(const long *) a, y = *(const long *) b;
    return (x > y) - (x < y);
}

static int scan_fds(pid_t pid, long *lowest_free, long *open_count) {
    char path[64];
    snprintf(path, sizeof path, "/proc/%d/fd", (int) pid);
    DIR *d = opendir(path);
    if (!d) return errno;
    size_t n = 0, cap = 256;
    long *v = malloc(cap * sizeof *v);
    if (!v) {
        closedir(d);
        return ENOMEM;
    }
    struct dirent *e;
    while ((e = readdir(d)) != NULL) {
        char *end;
        long fd = strtol(e->d_name, &end, 10);
        if (*end != '\0' || e->d_name[0] == '\0' || e->d_name[0] == '.') continue;
        if (n == cap) {
            long *bigger = realloc(v, (cap *= 2) * sizeof *v);
            if (!bigger) {
                free(v);
                closedir(d);
                return ENOMEM;
            }
            v = bigger;
        }
        v[n++] = fd;
    }
    closedir(d);
    qsort(v, n, sizeof *v, cmp_long);
    long g = 0;
    for (size_t i = 0; i < n && v[i] <= g; i++) if (v[i] == g) g++;
    free(v);
    *lowest_free = g;
    *open_count = (long) n;
    return 0;
}

static int op_fds(pid_t pid, const void *in_, void *out_) {
    const struct fd_in *in = in_;
    struct fd_out *out = out_;
    struct rlimit cur;
    memset(out, 0, sizeof *out);
    if (prlimit(pid, RLIMIT_NOFILE, NULL, &cur) != 0) return errno;
    out->soft = cur.rlim_cur;
    out->hard = cur.rlim_max;
    if (in->mode == FD_OBSERVE) return scan_fds(pid, &out->lowest_free, &out->open);
    if (in->mode == FD_RESTORE && cur.rlim_cur != in->expect) return 0;   /* not ours any more: leave it */
    struct rlimit next = { .rlim_cur = in->soft < cur.rlim_max ? in->soft : cur.rlim_max, .rlim_max = cur.rlim_max };
    if (next.rlim_cur == cur.rlim_cur) return 0;
    if (prlimit(pid, RLIMIT_NOFILE, &next, NULL) != 0) return errno;
    out->changed = 1;
    return 0;
}

static void print_limit(const char *key, rlim_t v) {
    if (v == RLIM_INFINITY) printf(" %s=unlimited", key);
    else printf(" %s=%llu", key, (unsigned long long) v);
}

/* new soft = LEVEL >= 1 ? 0 : g + floor((1 - LEVEL) * (soft - g)); never above the old soft limit. At 100% the
   limit is 0, not g: a process that closes a descriptor below g would otherwise open the next one in its place
   (an agent that opens and closes a connection per call keeps doing so at g); with 0, no number is free to it,
   while every descriptor it has stays usable. */
static rlim_t fd_target(rlim_t soft, long g, double level) {
    rlim_t lowest = (rlim_t) g;
    if (level >= 1.0) return 0;
    if (soft <= lowest) return soft;
    double extra = (1.0 - level) * (double) (soft - lowest);
    rlim_t target = lowest + (rlim_t) extra;   /* a cast of a non-negative double is its floor */
    return target < soft ? target : soft;
}

static int cmd_fds(double level) {
    int dfd = open_state(1);
    struct proc *ps;
    size_t n = list_procs(&ps);
    int targets = 0, limited = 0;
    for (size_t i = 0; i < n; i++) {
        if (ps[i].stressor) continue;
        pid_t pid = ps[i].pid;
        struct fd_in in = { .mode = FD_OBSERVE };
        struct fd_out seen;
        int err = run_op(pid, op_fds, &in, &seen, sizeof seen);
        if (err == ESRCH || err == ENOENT || !proc_alive(pid, ps[i].start)) continue;   /* gone meanwhile */
        targets++;
        if (err != 0) {
            warn("pid %d: cannot read its file descriptor limit: %s", (int) pid, strerror(err));
            continue;
        }
        rlim_t soft = fd_target(seen.soft, seen.lowest_free, level);
        if (soft != seen.soft) {
            /* recorded before it is changed, so that a release after any crash can restore it */
            if (append_state(dfd, "fds", "%d %llu %llu %llu %llu\n", (int) pid, ps[i].start,
                             (unsigned long long) seen.soft, (unsigned long long) seen.hard,
                             (unsigned long long) soft) != 0) {
                fail("%s/fds: cannot record: %s", state_dir, strerror(errno));
            }
            struct fd_in set = { .mode = FD_SET, .soft = soft };
            struct fd_out done;
            err = run_op(pid, op_fds, &set, &done, sizeof done);
            if (err == ESRCH) continue;
            if (err != 0) {
                warn("pid %d: cannot lower its file descriptor limit: %s", (int) pid, strerror(err));
                continue;
            }
        }
        limited++;
        printf("pid=%d", (int) pid);
        print_limit("soft", soft);
        print_limit("was", seen.soft);
        putchar('\n');
    }
    free(ps);
    close(dfd);
    if (targets > 0 && limited == 0) fail("could not limit any of %d processes", targets);
    return 0;
}

static int cmd_observe_fds(void) {
    struct proc *ps;
    size_t n = list_procs(&ps);
    for (size_t i = 0; i < n; i++) {
        if (ps[i].stressor) continue;
        struct fd_in in = { .mode = FD_OBSERVE };
        struct fd_out o;
        int err = run_op(ps[i].pid, op_fds, &in, &o, sizeof o);
        if (err == ESRCH || err == ENOENT || !proc_alive(ps[i].pid, ps[i].start)) continue;
        if (err != 0) {
            warn("pid %d: cannot read its file descriptors: %s", (int) ps[i].pid, strerror(err));
            continue;
        }
        printf("pid=%d", (int) ps[i].pid);
        print_limit("soft", o.soft);
        print_limit("hard", o.hard);
        printf(" lowest-free=%ld open=%ld\n", o.lowest_free, o.open);
    }
    free(ps);
    return 0;
}

/* ---------------------------------------------------------------- daemons */

typedef void (*daemon_body)(int ready_fd, const void *arg);

static void close_from(int first, int keep) {
    long max = sysconf(_SC_OPEN_MAX);
    if (max < 0 || max > 65536) max = 65536;
#ifdef SYS_close_range
    if (keep >= first) {
        if ((keep == first || syscall(SYS_close_range, first, keep - 1, 0) == 0)
            && syscall(SYS_close_range, keep + 1, ~0U, 0) == 0) return;
    } else if (syscall(SYS_close_range, first, ~0U, 0) == 0) {
        return;
    }
#endif
    for (int fd = first; fd < max; fd++) if (fd != keep) close(fd);
}

static void quit_quietly(int sig) {
    (void) sig;
    _exit(0);
}

/* Double fork: the daemon is no child of `docker exec`'s process, has no session or terminal, holds no stdio
   (so `docker exec` returns), and sits in /. It says "P <pid>" and later "R <line>" (ready) or "E <message>"
   over a pipe; the parent prints the line and exits 0, or fails. */
static int daemonize(daemon_body body, const void *arg) {
    int p[2];
    if (pipe2(p, O_CLOEXEC) != 0) fail("pipe: %s", strerror(errno));
    fflush(stdout);
    fflush(stderr);
    pid_t child = fork();
    if (child < 0) fail("fork: %s", strerror(errno));
    if (child == 0) {
        close(p[0]);
        if (setsid() < 0) _exit(EXIT_FAILED);
        signal(SIGHUP, SIG_IGN);
        pid_t grandchild = fork();
        if (grandchild != 0) _exit(grandchild < 0 ? EXIT_FAILED : 0);
        signal(SIGPIPE, SIG_IGN);
        umask(077);
        if (chdir("/") != 0) _exit(EXIT_FAILED);
        int null = open("/dev/null", O_RDWR);
        for (int fd = 0; fd <= 2; fd++) {
            if (null >= 0) dup2(null, fd);
            else close(fd);
        }
        if (null > 2) close(null);
        close_from(3, p[1]);
        /* An orphan's new parent is the container's PID 1, which may take a child's death by a signal for a crash
           of its own (PostgreSQL's postmaster then restarts every server process): so end with status 0 on the
           SIGTERM of release. */
        struct sigaction quit = { .sa_handler = quit_quietly };
        sigfillset(&quit.sa_mask);
        sigaction(SIGTERM, &quit, NULL);
        sigaction(SIGINT, &quit, NULL);
        char line[64];
        int n = snprintf(line, sizeof line, "P %d\n", (int) getpid());
        (void) write_all(p[1], line, (size_t) n);
        body(p[1], arg);
        _exit(0);
    }
    close(p[1]);
    int status;
    while (waitpid(child, &status, 0) < 0 && errno == EINTR) {
    }
    if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) fail("could not start the daemon");
    char buf[4096];
    size_t len = 0;
    int64_t deadline = now_ns() + (int64_t) READY_TIMEOUT_MS * 1000000LL;
    for (;;) {
        char *ready = NULL, *error = NULL;
        buf[len] = '\0';
        for (char *line = buf; line < buf + len;) {
            char *nl = strchr(line, '\n');
            if (!nl) break;
            if (line[0] == 'R') ready = line + 2;
            if (line[0] == 'E') error = line + 2;
            line = nl + 1;
        }
        if (error) {
            *strchr(error, '\n') = '\0';
            fail("%s", error);
        }
        if (ready) {
            *strchr(ready, '\n') = '\0';
            printf("%s\n", ready);
            return 0;
        }
        int64_t left = deadline - now_ns();
        if (left <= 0) fail("the daemon did not get ready within %d ms", READY_TIMEOUT_MS);
        struct pollfd pfd = { .fd = p[0], .events = POLLIN };
        int r = poll(&pfd, 1, (int) (left / 1000000LL) + 1);
        if (r < 0 && errno == EINTR) continue;
        if (r <= 0) continue;
        ssize_t got = read(p[0], buf + len, sizeof buf - 1 - len);
        if (got < 0 && errno == EINTR) continue;
        if (got <= 0) fail("the daemon ended before it was ready");
        len += (size_t) got;
    }
}

static void daemon_say(int fd, char kind, const char *fmt, ...) {
    char line[512];
    line[0] = kind;
    line[1] = ' ';
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(line + 2, sizeof line - 3, fmt, ap);
    va_end(ap);
    if (n < 0) n = 0;
    if ((size_t) n > sizeof line - 4) n = (int) sizeof line - 4;
    line[2 + n] = '\n';
    (void) write_all(fd, line, (size_t) n + 3);
}

/* Each daemon records "pid starttime" so release finds it even if its command line were not as planned. */
static void record_self(int ready_fd) {
    unsigned long long start;
    int dfd = open(state_dir, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
    if (dfd < 0 || proc_stat(getpid(), NULL, &start) != 0
        || append_state(dfd, "pids", "%d %llu\n", (int) getpid(), start) != 0) {
        daemon_say(ready_fd, 'E', "%s/pids: cannot record the daemon: %s", state_dir, strerror(errno));
        _exit(EXIT_FAILED);
    }
    close(dfd);
}

/* ---------------------------------------------------------------- cpu */

struct cpu_arg {
    unsigned threads;
    double share;
};

static int64_t thread_cpu_ns(void) {
    struct timespec ts;
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
    return (int64_t) ts.tv_sec * 1000000000LL + ts.tv_nsec;
}

/* Busy for SHARE of every 100 ms period, counted in CPU time the thread got (on a busy host the thread is
   preempted, and counting wall time would give less than SHARE), then asleep until the period ends. */
static void *spin(void *arg) {
    const struct cpu_arg *a = arg;
    volatile uint64_t sink = 0;
    if (a->share >= 1.0) {
        for (;;) sink++;
    }
    const int64_t busy = (int64_t) (a->share * (double) PERIOD_NS);
    int64_t period_start = now_ns();
    for (;;) {
        const int64_t period_end = period_start + PERIOD_NS, cpu_start = thread_cpu_ns();
        while (thread_cpu_ns() - cpu_start < busy && now_ns() < period_end) {
            for (int i = 0; i < 1000; i++) sink++;
        }
        struct timespec until = { .tv_sec = period_end / 1000000000LL, .tv_nsec = period_end % 1000000000LL };
        while (clock_nanosleep(CLOCK_MONOTONIC, TIMER_ABSTIME, &until, NULL) == EINTR) {
        }
        int64_t now = now_ns();
        period_start = now - period_end > PERIOD_NS ? now : period_end;   /* fell behind: start afresh */
    }
    return NULL;
}

static void cpu_daemon(int ready_fd, const void *arg_) {
    static struct cpu_arg arg;
    arg = *(const struct cpu_arg *) arg_;
    record_self(ready_fd);
    pthread_attr_t attr;
    pthread_attr_init(&attr);
    pthread_attr_setstacksize(&attr, 64 * 1024);
    pthread_attr_setdetachstate(&attr, PTHREAD_CREATE_DETACHED);
    for (unsigned i = 0; i < arg.threads; i++) {
        pthread_t t;
        int err = pthread_create(&t, &attr, spin, &arg);
        if (err != 0) {
            daemon_say(ready_fd, 'E', "cannot start thread %u of %u: %s", i + 1, arg.threads, strerror(err));
            _exit(EXIT_FAILED);
        }
    }
    daemon_say(ready_fd, 'R', "pid=%d", (int) getpid());
    close(ready_fd);
    for (;;) pause();
}

/* ---------------------------------------------------------------- memory */

/* The container's memory use as Docker's stats show it: cgroup usage (v2 memory.current, v1
   memory.usage_in_bytes) less inactive page cache (v2 inactive_file, v1 total_inactive_file), so that
   page cache the kernel would drop anyway does not count towards the target. 0, or -1 if unreadable. */
static int memory_usage(uint64_t *used) {
    static const char *const usage_files[] = { "/sys/fs/cgroup/memory.current",
                                               "/sys/fs/cgroup/memory/memory.usage_in_bytes" };
    static const char *const stat_files[] = { "/sys/fs/cgroup/memory.stat", "/sys/fs/cgroup/memory/memory.stat" };
    static const char *const inactive_keys[] = { "\ninactive_file ", "\ntotal_inactive_file " };
    static char buf[16384];
    for (int v = 0; v < 2; v++) {
        if (read_small(usage_files[v], buf, sizeof buf) <= 0) continue;
        uint64_t usage = strtoull(buf, NULL, 10), inactive = 0;
        buf[0] = '\n';
        if (read_small(stat_files[v], buf + 1, sizeof buf - 1) > 0) {
            char *p = strstr(buf, inactive_keys[v]);
            if (p) inactive = strtoull(p + strlen(inactive_keys[v]), NULL, 10);
        }
        *used = usage > inactive ? usage - inactive : 0;
        return 0;
    }
    return -1;
}

/* The container's memory limit (v2 memory.max, v1 memory.limit_in_bytes); 0 if there is none. */
static uint64_t memory_limit(void) {
    static const char *const files[] = { "/sys/fs/cgroup/memory.max", "/sys/fs/cgroup/memory/memory.limit_in_bytes" };
    char buf[64];
    for (int v = 0; v < 2; v++) {
        if (read_small(files[v], buf, sizeof buf) <= 0) continue;
        if (buf[0] < '0' || buf[0] > '9') return 0;   /* "max" */
        uint64_t limit = strtoull(buf, NULL, 10);
        return limit >= (1ULL << 62) ? 0 : limit;
    }
    return 0;
}

/* What the daemon holds the container at: TARGET_BYTES, but with a target at or above the container's limit,
   just below the limit, so that a level under 100% fills the container without the OOM kill only level >= 100%
   (TARGET_BYTES 0) means to cause; with no swap, allocating past the limit would otherwise kill a process. */
static uint64_t memory_goal(uint64_t target) {
    uint64_t limit = memory_limit();
    uint64_t headroom = limit / 64 < HEADROOM_MIN ? HEADROOM_MIN : limit / 64 > HEADROOM_MAX ? HEADROOM_MAX : limit / 64;
    if (target == 0 || limit <= headroom || target <= limit - headroom) return target;
    return limit - headroom;
}

static void memory_daemon(int ready_fd, const void *arg) {
    const uint64_t target = memory_goal(*(const uint64_t *) arg);
    /* with no end (TARGET_BYTES 0), report when just below the limit: the next chunks bring the OOM kill, which
       may end the container (and this) before 900 ms */
    const uint64_t report_at = target == 0 ? memory_goal(UINT64_MAX) : target;
    const size_t page = (size_t) sysconf(_SC_PAGESIZE);
    record_self(ready_fd);
    int64_t started = now_ns();
    uint64_t allocated = 0, used = 0;
    int reported = 0;
    for (;;) {
        if (memory_usage(&used) != 0) used = allocated;
        /* allocate+touch 1 MiB at a time until the container holds the target; never more than the target
           ourselves (should usage not rise, e.g. pages going to swap) */
        while (target == 0 || (used < target && allocated < target)) {
            char *chunk = mmap(NULL, MIB, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_POPULATE, -1, 0);
            if (chunk == MAP_FAILED) break;
            for (size_t off = 0; off < MIB; off += page) chunk[off] = (char) (off / page + 1);
            allocated += MIB;
            if (memory_usage(&used) != 0) used = allocated;
            if (!reported && (now_ns() - started >= MEMORY_REPORT_NS || used >= report_at)) {
                daemon_say(ready_fd, 'R', "pid=%d held=%llu", (int) getpid(), (unsigned long long) used);
                close(ready_fd);
                reported = 1;
            }
        }
        if (!reported) {
            daemon_say(ready_fd, 'R', "pid=%d held=%llu", (int) getpid(), (unsigned long long) used);
            close(ready_fd);
            reported = 1;
        }
        sleep_ns(PERIOD_NS);
    }
}

/* oom_score_adj 1000 for every other process, so that the kernel's OOM kill hits the application, not the
   stressor; the old value is recorded first (the first record of a process wins). */
static void raise_oom(void) {
    int dfd = open_state(1);
    char *known = read_state(dfd, "oom");
    struct proc *ps;
    size_t n = list_procs(&ps);
    for (size_t i = 0; i < n; i++) {
        if (ps[i].stressor) continue;
        int old;
        if (read_oom(ps[i].pid, &old) != 0 || old >= OOM_RAISED) continue;
        char key[64];
        snprintf(key, sizeof key, "\n%d %llu ", (int) ps[i].pid, ps[i].start);
        int recorded = 0;
        if (known) {
            char *k = malloc(strlen(known) + 2);
            if (k) {
                k[0] = '\n';
                strcpy(k + 1, known);
                recorded = strstr(k, key) != NULL;
                free(k);
            }
        }
        if (!recorded && append_state(dfd, "oom", "%d %llu %d\n", (int) ps[i].pid, ps[i].start, old) != 0) {
            fail("%s/oom: cannot record: %s", state_dir, strerror(errno));
        }
        int raised = OOM_RAISED;
        int err = run_op(ps[i].pid, op_write_oom, &raised, NULL, 0);
        if (err != 0 && proc_alive(ps[i].pid, ps[i].start)) {
            warn("pid %d: cannot raise oom_score_adj from %d to %d (%s); carrying on", (int) ps[i].pid, old,
                 OOM_RAISED, strerror(err));
        }
    }
    free(ps);
    free(known);
    close(dfd);
}

/* ---------------------------------------------------------------- disk */

static int cmd_disk(const char *path, uint64_t bytes) {
    char fill_name[96], fill_path[PATH_MAX];
    snprintf(fill_name, sizeof fill_name, ".faultline-fill-%s", tag_mark + strlen(MARK));
    fill_name[strlen(fill_name) - 1] = '\0';   /* tag_mark ends with '/' */
    snprintf(fill_path, sizeof fill_path, "%s%s%s", path, path[strlen(path) - 1] == '/' ? "" : "/", fill_name);
    int dir = open(path, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (dir < 0) fail("%s: cannot open as a directory: %s", path, strerror(errno));
    int dfd = open_state(1);
    char *known = read_state(dfd, "fill");
    char line[PATH_MAX + 2];
    snprintf(line, sizeof line, "%s\n", fill_path);
    if ((!known || !strstr(known, line)) && append_state(dfd, "fill", "%s", line) != 0) {
        fail("%s/fill: cannot record: %s", state_dir, strerror(errno));
    }
    free(known);
    close(dfd);
    int fd = openat(dir, fill_name, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0600);
    if (fd < 0 && errno == EEXIST) {   /* left by an earlier fill with this tag: replace it, if it is a file */
        struct stat st;
        if (fstatat(dir, fill_name, &st, AT_SYMLINK_NOFOLLOW) == 0 && S_ISREG(st.st_mode)) {
            unlinkat(dir, fill_name, 0);
            fd = openat(dir, fill_name, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0600);
        } else {
            errno = EEXIST;
        }
    }
    if (fd < 0) fail("%s: cannot create: %s", fill_path, strerror(errno));
    close(dir);
    uint64_t want = bytes, filled = 0;
    if (want == 0) {
        struct statvfs vfs;
        if (fstatvfs(fd, &vfs) == 0) want = (uint64_t) vfs.f_bavail * vfs.f_frsize;
    }
    if (want > 0) {
        if (fallocate(fd, 0, 0, (off_t) want) == 0) filled = want;
        else if (errno != EOPNOTSUPP && errno != ENOSPC && errno != EINVAL && errno != EFBIG) {
            fail("%s: fallocate %llu bytes: %s", fill_path, (unsigned long long) want, strerror(errno));
        }
    }
    /* the write fallback; with BYTES 0 also what fallocate left (e.g. blocks reserved for root) */
    static char block[MIB];
    memset(block, 0xa5, sizeof block);
    while (bytes == 0 || filled < bytes) {
        size_t n = bytes == 0 || bytes - filled > MIB ? MIB : (size_t) (bytes - filled);
        ssize_t w = pwrite(fd, block, n, (off_t) filled);
        if (w < 0 && errno == EINTR) continue;
        if (w < 0 && (errno == ENOSPC || errno == EDQUOT || errno == EFBIG)) break;
        if (w < 0) fail("%s: write: %s", fill_path, strerror(errno));
        if (w == 0) break;
        filled += (uint64_t) w;
    }
    if (close(fd) != 0 && errno != ENOSPC && errno != EDQUOT) fail("%s: close: %s", fill_path, strerror(errno));
    printf("filled=%llu\n", (unsigned long long) filled);
    return 0;
}

static int cmd_observe_disk(const char *path) {
    struct statvfs v;
    if (statvfs(path, &v) != 0) fail("%s: statvfs: %s", path, strerror(errno));
    printf("size=%llu free=%llu avail=%llu\n", (unsigned long long) v.f_blocks * v.f_frsize,
           (unsigned long long) v.f_bfree * v.f_frsize, (unsigned long long) v.f_bavail * v.f_frsize);
    return 0;
}

/* ---------------------------------------------------------------- observe cgroup */

/* The value after KEY (with its leading newline) in a cgroup stat file read into BUF (BUF[0] a newline). */
static uint64_t stat_value(const char *buf, const char *key) {
    const char *p = strstr(buf, key);
    return p ? strtoull(p + strlen(key), NULL, 10) : 0;
}

/* The container's own cgroup counters, what Docker's stats are computed from: CPU time (ns), quota periods and
   throttled periods, memory in use (less inactive file cache) and the memory limit, with the monotonic time of
   the reading. Docker's stats API publishes them once a second; read here they can be compared 250 ms apart. */
static int cmd_observe_cgroup(void) {
    static char buf[16384];
    uint64_t cpu_ns = 0, periods = 0, throttled = 0, memory = 0;
    int64_t at = now_ns();
    buf[0] = '\n';
    if (read_small("/sys/fs/cgroup/cpu.stat", buf + 1, sizeof buf - 1) > 0 && strstr(buf, "\nusage_usec ")) {
        cpu_ns = stat_value(buf, "\nusage_usec ") * 1000;                  /* cgroup v2 */
        periods = stat_value(buf, "\nnr_periods ");
        throttled = stat_value(buf, "\nnr_throttled ");
    } else {
        static const char *const usage_files[] = { "/sys/fs/cgroup/cpu,cpuacct/cpuacct.usage",
                                                   "/sys/fs/cgroup/cpuacct/cpuacct.usage" };
        static const char *const stat_files[] = { "/sys/fs/cgroup/cpu,cpuacct/cpu.stat", "/sys/fs/cgroup/cpu/cpu.stat" };
        int found = 0;
        for (int i = 0; i < 2 && !found; i++) {
            if (read_small(usage_files[i], buf, sizeof buf) <= 0) continue;
            cpu_ns = strtoull(buf, NULL, 10);
            buf[0] = '\n';
            if (read_small(stat_files[i], buf + 1, sizeof buf - 1) > 0) {
                periods = stat_value(buf, "\nnr_periods ");
                throttled = stat_value(buf, "\nnr_throttled ");
            }
            found = 1;
        }
        if (!found) fail("observe cgroup: no CPU accounting under /sys/fs/cgroup");
    }
    if (memory_usage(&memory) != 0) fail("observe cgroup: no memory accounting under /sys/fs/cgroup");
    printf("cpu-ns=%llu periods=%llu throttled=%llu memory=%llu memory-limit=%llu at-ns=%lld\n",
           (unsigned long long) cpu_ns, (unsigned long long) periods, (unsigned long long) throttled,
           (unsigned long long) memory, (unsigned long long) memory_limit(), (long long) at);
    return 0;
}

/* ---------------------------------------------------------------- release, observe, cleanup */

struct rec {
    pid_t pid;
    unsigned long long start;
    unsigned long long a, b, c;
    int fields;
};

/* The records of a state file, at most one per (pid, start): the first one's values in a, b, the last one's
   c (for fds: the old soft and hard limits as first recorded, the soft limit set last). */
static size_t read_recs(int dfd, const char *name, struct rec **out) {
    *out = NULL;
    char *text = read_state(dfd, name);
    if (!text) return 0;
    size_t n = 0, cap = 16;
    struct rec *v = malloc(cap * sizeof *v);
    for (char *line = strtok(text, "\n"); v && line; line = strtok(NULL, "\n")) {
        struct rec r = { 0 };
        int pid;
        /* %llu takes "-500" too (as 2^64 - 500): an oom_score_adj casts back to -500 */
        r.fields = sscanf(line, "%d %llu %llu %llu %llu", &pid, &r.start, &r.a, &r.b, &r.c);
        if (r.fields < 2 || pid <= 0) continue;
        r.pid = pid;
        size_t i = 0;
        while (i < n && !(v[i].pid == r.pid && v[i].start == r.start)) i++;
        if (i < n) {
            v[i].c = r.c;
            continue;
        }
        if (n == cap) {
            struct rec *bigger = realloc(v, (cap *= 2) * sizeof *v);
            if (!bigger) break;
            v = bigger;
        }
        v[n++] = r;
    }
    free(text);
    *out = v;
    return v ? n : 0;
}

/* Tagged processes: command line contains "/.faultline-TAG/", or recorded in the pids file and still the
   same process. */
static size_t tagged_procs(int dfd, struct rec **out) {
    struct rec *v;
    size_t n = read_recs(dfd, "pids", &v), k = 0;
    for (size_t i = 0; i < n; i++) if (proc_alive(v[i].pid, v[i].start)) v[k++] = v[i];
    struct proc *ps;
    size_t m = list_procs(&ps);
    for (size_t i = 0; i < m; i++) {
        if (!ps[i].tagged) continue;
        size_t j = 0;
        while (j < k && v[j].pid != ps[i].pid) j++;
        if (j < k) continue;
        struct rec *bigger = realloc(v, (k + 1) * sizeof *v);
        if (!bigger) fail("out of memory");
        v = bigger;
        v[k++] = (struct rec) { .pid = ps[i].pid, .start = ps[i].start };
    }
    free(ps);
    *out = v;
    return k;
}

static int all_gone(struct rec *v, size_t n) {
    for (size_t i = 0; i < n; i++) if (proc_alive(v[i].pid, v[i].start)) return 0;
    return 1;
}

static int wait_gone(struct rec *v, size_t n, int64_t deadline) {
    while (!all_gone(v, n)) {
        if (now_ns() >= deadline) return 0;
        sleep_ns(2000000LL);
    }
    return 1;
}

static int kill_tagged(int dfd, int *errors) {
    int killed = 0;
    /* a few rounds: a daemon between its two forks makes a new tagged process */
    for (int round = 0; round < 3; round++) {
        struct rec *v;
        size_t n = tagged_procs(dfd, &v);
        if (n == 0) {
            free(v);
            break;
        }
        for (size_t i = 0; i < n; i++) if (kill(v[i].pid, SIGTERM) == 0) killed++;
        if (!wait_gone(v, n, now_ns() + TERM_GRACE_NS)) {
            for (size_t i = 0; i < n; i++) if (proc_alive(v[i].pid, v[i].start)) kill(v[i].pid, SIGKILL);
            if (!wait_gone(v, n, now_ns() + KILL_TIMEOUT_NS)) {
                for (size_t i = 0; i < n; i++) {
                    if (proc_alive(v[i].pid, v[i].start)) warn("pid %d: still running after SIGKILL", (int) v[i].pid);
                }
                (*errors)++;
                free(v);
                break;
            }
        }
        free(v);
    }
    return killed;
}

static int restore_fds(int dfd, int *errors) {
    struct rec *v;
    size_t n = read_recs(dfd, "fds", &v);
    int restored = 0;
    for (size_t i = 0; i < n; i++) {
        if (v[i].fields < 5 || !proc_alive(v[i].pid, v[i].start)) continue;
        struct fd_in in = { .mode = FD_RESTORE, .soft = (rlim_t) v[i].a, .expect = (rlim_t) v[i].c };
        struct fd_out out;
        int err = run_op(v[i].pid, op_fds, &in, &out, sizeof out);
        if (err == ESRCH || err == ENOENT || !proc_alive(v[i].pid, v[i].start)) continue;
        if (err != 0) {
            warn("pid %d: cannot restore its file descriptor limit to %llu: %s", (int) v[i].pid, v[i].a,
                 strerror(err));
            (*errors)++;
        } else if (out.changed) {
            restored++;
        }
    }
    free(v);
    return restored;
}

/* Counts (and with restore, restores) the processes whose oom_score_adj is still the one TAG set. */
static int oom_raised(int dfd, int restore, int *errors) {
    struct rec *v;
    size_t n = read_recs(dfd, "oom", &v);
    int count = 0;
    for (size_t i = 0; i < n; i++) {
        int now, old = (int) (long long) v[i].a;
        if (v[i].fields < 3 || old >= OOM_RAISED || !proc_alive(v[i].pid, v[i].start)) continue;
        if (read_oom(v[i].pid, &now) != 0 || now != OOM_RAISED) continue;
        if (!restore) {
            count++;
            continue;
        }
        int err = run_op(v[i].pid, op_write_oom, &old, NULL, 0);
        if (err == 0) count++;
        else if (proc_alive(v[i].pid, v[i].start)) {
            warn("pid %d: cannot restore oom_score_adj to %d: %s", (int) v[i].pid, old, strerror(err));
            (*errors)++;
        }
    }
    free(v);
    return count;
}

static int remove_fill(int dfd, int *errors) {
    char *text = read_state(dfd, "fill");
    int removed = 0;
    for (char *path = text ? strtok(text, "\n") : NULL; path; path = strtok(NULL, "\n")) {
        struct stat st;
        if (path[0] != '/' || strstr(path, "..") || !strstr(path, "/.faultline-fill-")) continue;
        if (lstat(path, &st) != 0) continue;   /* already gone */
        if (!S_ISREG(st.st_mode)) {
            warn("%s: not a regular file; left alone", path);
            continue;
        }
        if (unlink(path) == 0) removed++;
        else if (errno != ENOENT) {
            warn("%s: cannot remove: %s", path, strerror(errno));
            (*errors)++;
        }
    }
    free(text);
    return removed;
}

static int cmd_release(void) {
    int dfd = open_state(0);
    int errors = 0;
    int killed = kill_tagged(dfd, &errors);
    int fds = restore_fds(dfd, &errors);
    int oom = oom_raised(dfd, 1, &errors);
    int removed = remove_fill(dfd, &errors);
    if (dfd >= 0) close(dfd);
    printf("killed=%d restored-fds=%d restored-oom=%d removed=%d\n", killed, fds, oom, removed);
    return errors ? EXIT_FAILED : 0;
}

static int remove_entry(const char *path, const struct stat *st, int flag, struct FTW *ftw) {
    (void) st;
    (void) ftw;
    if (remove(path) != 0 && errno != ENOENT) {
        warn("%s: cannot remove: %s (%d)", path, strerror(errno), flag);
        return -1;
    }
    return 0;
}

static int cmd_cleanup(void) {
    struct stat st;
    if (lstat(state_dir, &st) != 0) {
        if (errno == ENOENT) return 0;
        fail("%s: %s", state_dir, strerror(errno));
    }
    if (!S_ISDIR(st.st_mode)) {
        if (unlink(state_dir) != 0 && errno != ENOENT) fail("%s: cannot remove: %s", state_dir, strerror(errno));
        return 0;
    }
    if (nftw(state_dir, remove_entry, 16, FTW_DEPTH | FTW_PHYS) != 0) fail("%s: not entirely removed", state_dir);
    return 0;
}

/* ---------------------------------------------------------------- main */

/* The daemons' /proc/P/cmdline must contain "/.faultline-TAG/" (release and observe find them by it): if
   this was started under another name, start again as /tmp/.faultline-TAG/stress. */
static void rename_self(char **argv) {
    if (strstr(argv[0], tag_mark)) return;
    static char name[96];
    snprintf(name, sizeof name, "%s/stress", state_dir);
    argv[0] = name;
    execv("/proc/self/exe", argv);
    warn("cannot run again as %s (%s); release finds the daemon by its pid file", name, strerror(errno));
}

static void need(int argc, int n, const char *what) {
    if (argc != n) usage("%s: expected %d arguments but got %d", what, n - 2, argc - 2);
}

int main(int argc, char **argv) {
    /* fds 0-2 open, so that no file or pipe of ours becomes someone's stdio */
    for (int fd = 0; fd <= 2; fd++) {
        if (fcntl(fd, F_GETFD) < 0 && open("/dev/null", O_RDWR) < 0) return EXIT_FAILED;
    }
    if (argc < 2) usage("expected a command");
    const char *cmd = argv[1];
    int rc;
    if (strcmp(cmd, "cpu") == 0) {
        need(argc, 5, "cpu TAG THREADS SHARE");
        set_tag(argv[2]);
        struct cpu_arg a = { .threads = (unsigned) parse_u64("THREADS", argv[3], 1, 1024),
                             .share = parse_fraction("SHARE", argv[4]) };
        rename_self(argv);
        close(open_state(1));
        rc = daemonize(cpu_daemon, &a);
    } else if (strcmp(cmd, "memory") == 0) {
        need(argc, 4, "memory TAG TARGET_BYTES");
        set_tag(argv[2]);
        uint64_t target = parse_u64("TARGET_BYTES", argv[3], 0, 1ULL << 46);
        rename_self(argv);
        uint64_t used;
        if (memory_usage(&used) != 0) warn("no cgroup memory usage to read; holding TARGET_BYTES in this process");
        raise_oom();
        rc = daemonize(memory_daemon, &target);
    } else if (strcmp(cmd, "disk") == 0) {
        need(argc, 5, "disk TAG PATH BYTES");
        set_tag(argv[2]);
        check_path(argv[3]);
        rc = cmd_disk(argv[3], parse_u64("BYTES", argv[4], 0, 1ULL << 50));
    } else if (strcmp(cmd, "fds") == 0) {
        need(argc, 4, "fds TAG LEVEL");
        set_tag(argv[2]);
        rc = cmd_fds(parse_fraction("LEVEL", argv[3]));
    } else if (strcmp(cmd, "observe") == 0) {
        const char *what = argc > 2 ? argv[2] : "";
        if (strcmp(what, "disk") == 0) {
            need(argc, 4, "observe disk PATH");
            check_path(argv[3]);
            rc = cmd_observe_disk(argv[3]);
        } else if (strcmp(what, "fds") == 0) {
            need(argc, 3, "observe fds");
            rc = cmd_observe_fds();
        } else if (strcmp(what, "procs") == 0) {
            need(argc, 4, "observe procs TAG");
            set_tag(argv[3]);
            int dfd = open_state(0);
            struct rec *v;
            size_t n = tagged_procs(dfd, &v);
            free(v);
            printf("running=%zu\n", n);
            rc = 0;
        } else if (strcmp(what, "oom") == 0) {
            need(argc, 4, "observe oom TAG");
            set_tag(argv[3]);
            int errors = 0;
            printf("raised=%d\n", oom_raised(open_state(0), 0, &errors));
            rc = 0;
        } else if (strcmp(what, "cgroup") == 0) {
            need(argc, 3, "observe cgroup");
            rc = cmd_observe_cgroup();
        } else {
            usage("observe: expected disk, fds, procs, oom or cgroup but was '%s'", what);
        }
    } else if (strcmp(cmd, "release") == 0) {
        need(argc, 3, "release TAG");
        set_tag(argv[2]);
        rc = cmd_release();
    } else if (strcmp(cmd, "cleanup") == 0) {
        need(argc, 3, "cleanup TAG");
        set_tag(argv[2]);
        rc = cmd_cleanup();
    } else if (strcmp(cmd, "help") == 0 || strcmp(cmd, "--help") == 0) {
        fputs(USAGE, stdout);
        rc = 0;
    } else {
        usage("unknown command '%s'", cmd);
    }
    if (fflush(stdout) != 0) return EXIT_FAILED;
    return rc;
}
