/*
 * faultline-clock: the harness's way into a clock-skewed container (dynamically linked, so the container's
 * LD_PRELOAD shim applies to it like to every other process there).
 *
 *   faultline-clock now       prints CLOCK_REALTIME as the container's processes see it, in nanoseconds
 *   faultline-clock set N     makes N (signed nanoseconds) the offset: writes OFFSET_FILE.tmp, then renames it
 *
 * It needs no shell in the target. Exit status: 0 done, 1 failed (the reason on stderr), 2 usage.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#define OFFSET_FILE "/.faultline-clock/offset"
#define OFFSET_TEMP OFFSET_FILE ".tmp"

static int usage(void) {
    fputs("usage: faultline-clock now | set NANOSECONDS\n", stderr);
    return 2;
}

static int now(void) {
    struct timespec ts;
    if (clock_gettime(CLOCK_REALTIME, &ts) != 0) {
        perror("faultline-clock: clock_gettime");
        return 1;
    }
    printf("%lld%09ld\n", (long long) ts.tv_sec, ts.tv_nsec);
    return 0;
}

static int set(const char *text) {
    char *end;
    errno = 0;
    long long value = strtoll(text, &end, 10);
    if (errno != 0 || end == text || *end != '\0') {
        fprintf(stderr, "faultline-clock: expected a signed number of nanoseconds but was '%s'\n", text);
        return 2;
    }
    char line[32];
    int length = snprintf(line, sizeof line, "%lld\n", value);
    int fd = open(OFFSET_TEMP, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
    if (fd < 0) {
        fprintf(stderr, "faultline-clock: cannot write %s: %s\n", OFFSET_TEMP, strerror(errno));
        return 1;
    }
    if (write(fd, line, (size_t) length) != length || fsync(fd) != 0 || close(fd) != 0) {
        fprintf(stderr, "faultline-clock: cannot write %s: %s\n", OFFSET_TEMP, strerror(errno));
        unlink(OFFSET_TEMP);
        return 1;
    }
    if (rename(OFFSET_TEMP, OFFSET_FILE) != 0) {
        fprintf(stderr, "faultline-clock: cannot rename %s to %s: %s\n", OFFSET_TEMP, OFFSET_FILE, strerror(errno));
        unlink(OFFSET_TEMP);
        return 1;
    }
    return 0;
}

int main(int argc, char **argv) {
    if (argc == 2 && strcmp(argv[1], "now") == 0) {
        return now();
    }
    if (argc == 3 && strcmp(argv[1], "set") == 0) {
        return set(argv[2]);
    }
    return usage();
}
