/*
 * faultline-clock shim: preloaded (LD_PRELOAD) into every process of a container a clock-skew fault targets.
 * It moves the wall clock only: clock_gettime for CLOCK_REALTIME and CLOCK_REALTIME_COARSE, gettimeofday, time
 * and timespec_get(TIME_UTC) return the true time plus an offset in nanoseconds; every other clock
 * (CLOCK_MONOTONIC, CLOCK_BOOTTIME, CPU clocks, ...) passes through untouched.
 *
 * The offset is a signed decimal number of nanoseconds in OFFSET_FILE; missing, unreadable or malformed means 0.
 * It is read again at most every RECHECK_NS (measured with CLOCK_MONOTONIC_COARSE, which costs no system call), so
 * a new offset takes effect in every process within a few milliseconds, without restarting anything. The harness
 * writes the file with `faultline-clock set N` (write to a temporary file, then rename: a reader never sees half).
 *
 * Nothing here touches the kernel's clock: the host and every other container keep their time.
 */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <errno.h>
#include <fcntl.h>
#include <stdatomic.h>
#include <stdint.h>
#include <stdlib.h>
#include <sys/time.h>
#include <time.h>
#include <unistd.h>

#define OFFSET_FILE "/.faultline-clock/offset"
#define RECHECK_NS 5000000LL
#define NS 1000000000LL

typedef int (*clock_gettime_fn)(clockid_t, struct timespec *);

static clock_gettime_fn real_clock_gettime;
static _Atomic int64_t offset_ns;
static _Atomic int64_t checked_at_ns = INT64_MIN;

static clock_gettime_fn real(void) {
    clock_gettime_fn fn = __atomic_load_n(&real_clock_gettime, __ATOMIC_ACQUIRE);
    if (fn == NULL) {
        fn = (clock_gettime_fn) dlsym(RTLD_NEXT, "clock_gettime");
        __atomic_store_n(&real_clock_gettime, fn, __ATOMIC_RELEASE);
    }
    return fn;
}

/* Parses "[+-]digits" (an optional trailing newline); anything else is 0. */
static int64_t parse(const char *text, ssize_t length) {
    int64_t value = 0;
    int negative = 0;
    ssize_t i = 0;
    if (i < length && (text[i] == '-' || text[i] == '+')) {
        negative = text[i] == '-';
        i++;
    }
    if (i == length) {
        return 0;
    }
    for (; i < length && text[i] != '\n'; i++) {
        if (text[i] < '0' || text[i] > '9' || value > (INT64_MAX - 9) / 10) {
            return 0;
        }
        value = value * 10 + (text[i] - '0');
    }
    return negative ? -value : value;
}

static int64_t read_offset(void) {
    int saved = errno; /* a clock read must not change errno */
    int64_t value = 0;
    int fd = open(OFFSET_FILE, O_RDONLY | O_CLOEXEC);
    if (fd >= 0) {
        char text[32];
        ssize_t length = read(fd, text, sizeof text);
        if (length > 0 && length < (ssize_t) sizeof text) {
            value = parse(text, length);
        }
        close(fd);
    }
    errno = saved;
    return value;
}

/* The current offset, read again from the file when the last read is older than RECHECK_NS. */
static int64_t offset(void) {
    struct timespec now;
    clock_gettime_fn fn = real();
    if (fn == NULL || fn(CLOCK_MONOTONIC_COARSE, &now) != 0) {
        return atomic_load(&offset_ns);
    }
    int64_t at = (int64_t) now.tv_sec * NS + now.tv_nsec;
    int64_t last = atomic_load(&checked_at_ns);
    if (last == INT64_MIN || at < last || at - last >= RECHECK_NS) { /* never read, or stale */
        if (atomic_compare_exchange_strong(&checked_at_ns, &last, at)) { /* one thread reads, the others go on */
            atomic_store(&offset_ns, read_offset());
        }
    }
    return atomic_load(&offset_ns);
}

static void shift(struct timespec *ts, int64_t by) {
    int64_t nanos = ts->tv_nsec + by % NS;
    int64_t seconds = ts->tv_sec + by / NS + nanos / NS;
    nanos %= NS;
    if (nanos < 0) {
        nanos += NS;
        seconds--;
    }
    ts->tv_sec = (time_t) seconds;
    ts->tv_nsec = (long) nanos;
}

__attribute__((constructor)) static void load(void) {
    real();
    offset();
}

int clock_gettime(clockid_t clock, struct timespec *ts) {
    clock_gettime_fn fn = real();
    if (fn == NULL) {
        errno = ENOSYS;
        return -1;
    }
    int result = fn(clock, ts);
    if (result == 0 && (clock == CLOCK_REALTIME || clock == CLOCK_REALTIME_COARSE)) {
        shift(ts, offset());
    }
    return result;
}

int gettimeofday(struct timeval *restrict tv, void *restrict tz) {
    struct timespec ts;
    if (tz != NULL) {
        struct timezone *zone = tz;
        zone->tz_minuteswest = 0;
        zone->tz_dsttime = 0;
    }
    if (clock_gettime(CLOCK_REALTIME, &ts) != 0) {
        return -1;
    }
    tv->tv_sec = ts.tv_sec;
    tv->tv_usec = ts.tv_nsec / 1000;
    return 0;
}

time_t time(time_t *out) {
    struct timespec ts;
    if (clock_gettime(CLOCK_REALTIME, &ts) != 0) {
        return (time_t) -1;
    }
    if (out != NULL) {
        *out = ts.tv_sec;
    }
    return ts.tv_sec;
}

int timespec_get(struct timespec *ts, int base) {
    if (base != TIME_UTC || clock_gettime(CLOCK_REALTIME, ts) != 0) {
        return 0;
    }
    return base;
}
