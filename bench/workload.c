/*
 * Socket/thread workload for bench/scrape-bench.sh: one parent forks N light children that
 * together hold many TCP and UDP sockets on 127.0.0.1, so that per-process socket attribution
 * (namedprocess_namegroup_netstat, ss -tanpu) has realistic work to do without 2,000 python
 * interpreters (~20 GiB). Each child costs well under 1 MiB of RSS.
 *
 *   workload <procs> <connections> <max_extra_threads>
 *
 * Children come in pairs (2k, 2k+1). Every child holds one TCP listener and one unconnected UDP
 * socket (bound, state 7); child 2k opens connections to the listener of child 2k+1, which
 * accepts them, so each connection is two ESTABLISHED sockets in two different processes.
 * <connections> is spread evenly over the pairs. Child i also starts i % (max_extra_threads+1)
 * extra threads that just sleep. Sockets per host = 2*procs + 2*connections.
 *
 * Children die with the parent (PR_SET_PDEATHSIG), and the parent kills them on
 * SIGTERM/SIGINT/SIGHUP, so killing the parent is enough to clean everything up; the parent also
 * makes itself a process group leader, so `kill -KILL -- -<parent pid>` reaches all of them. The parent prints
 * "ready <procs>" on stdout once every child has set up its sockets and threads, then sleeps.
 */
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <errno.h>
#include <netinet/in.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/socket.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <unistd.h>

static int ready_pipe[2];
static pid_t *children;
static int nchildren;

static void die(const char *what) {
    fprintf(stderr, "workload[%d]: %s: %s\n", (int) getpid(), what, strerror(errno));
    _exit(1);
}

static int tcp_listener(unsigned short *port_out) {
    int fd = socket(AF_INET, SOCK_STREAM, 0);
    if (fd < 0) die("socket tcp");
    struct sockaddr_in a = {.sin_family = AF_INET, .sin_port = 0};
    a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    if (bind(fd, (struct sockaddr *) &a, sizeof a) < 0) die("bind tcp");
    if (listen(fd, 1024) < 0) die("listen");
    socklen_t len = sizeof a;
    if (getsockname(fd, (struct sockaddr *) &a, &len) < 0) die("getsockname");
    if (port_out) *port_out = ntohs(a.sin_port);
    return fd;
}

static void udp_socket(void) {
    int fd = socket(AF_INET, SOCK_DGRAM, 0);
    if (fd < 0) die("socket udp");
    struct sockaddr_in a = {.sin_family = AF_INET, .sin_port = 0};
    a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    if (bind(fd, (struct sockaddr *) &a, sizeof a) < 0) die("bind udp");
}

static void *sleeper(void *arg) {
    (void) arg;
    for (;;) pause();
    return NULL;
}

static void start_threads(int n) {
    pthread_attr_t attr;
    pthread_attr_init(&attr);
    pthread_attr_setstacksize(&attr, 64 * 1024);
    for (int t = 0; t < n; t++) {
        pthread_t th;
        if (pthread_create(&th, &attr, sleeper, NULL) != 0) {
            errno = EAGAIN;
            die("pthread_create");
        }
    }
}

static void child_common(int i, int extra_threads) {
    prctl(PR_SET_PDEATHSIG, SIGKILL);
    if (getppid() == 1) _exit(0); /* parent already gone */
    close(ready_pipe[0]);
    (void) i;
    prctl(PR_SET_NAME, "bench-wl");
    start_threads(extra_threads);
}

static void child_ready_and_sleep(void) {
    char c = 'r';
    if (write(ready_pipe[1], &c, 1) != 1) die("write ready");
    close(ready_pipe[1]);
    for (;;) pause();
}

static pid_t spawn_acceptor(int i, int extra_threads, int listen_fd, int conns) {
    pid_t pid = fork();
    if (pid < 0) die("fork");
    if (pid > 0) return pid;
    child_common(i, extra_threads);
    udp_socket();
    for (int c = 0; c < conns; c++) {
        if (accept(listen_fd, NULL, NULL) < 0) die("accept");
    }
    child_ready_and_sleep();
    return 0;
}

static pid_t spawn_connector(int i, int extra_threads, int partner_listen_fd, unsigned short port, int conns) {
    pid_t pid = fork();
    if (pid < 0) die("fork");
    if (pid > 0) return pid;
    if (partner_listen_fd >= 0) close(partner_listen_fd);
    child_common(i, extra_threads);
    tcp_listener(NULL);
    udp_socket();
    struct sockaddr_in a = {.sin_family = AF_INET, .sin_port = htons(port)};
    a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    for (int c = 0; c < conns; c++) {
        int fd = socket(AF_INET, SOCK_STREAM, 0);
        if (fd < 0) die("socket conn");
        if (connect(fd, (struct sockaddr *) &a, sizeof a) < 0) die("connect");
    }
    child_ready_and_sleep();
    return 0;
}

static void on_term(int sig) {
    (void) sig;
    /* Kill the children one by one rather than the process group, so that we exit 0 and the
     * benchmark's shell does not report a "Killed" job; PR_SET_PDEATHSIG covers any we miss. */
    for (int c = 0; c < nchildren; c++) kill(children[c], SIGKILL);
    _exit(0);
}

int main(int argc, char **argv) {
    if (argc != 4) {
        fprintf(stderr, "usage: %s <procs> <connections> <max_extra_threads>\n", argv[0]);
        return 2;
    }
    int procs = atoi(argv[1]);
    int conns = atoi(argv[2]);
    int max_extra = atoi(argv[3]);
    if (procs < 2 || conns < 0 || max_extra < 0) {
        fprintf(stderr, "workload: need procs >= 2, connections >= 0, threads >= 0\n");
        return 2;
    }
    setpgid(0, 0); /* own process group, so on_term's kill(0, ...) reaches exactly us and our children */
    signal(SIGTERM, on_term);
    signal(SIGINT, on_term);
    signal(SIGHUP, on_term);
    prctl(PR_SET_NAME, "bench-wl-main");
    if (pipe(ready_pipe) < 0) die("pipe");

    children = calloc((size_t) procs, sizeof *children);
    if (!children) die("calloc");
    int pairs = procs / 2;
    int spawned = 0;
    for (int p = 0; p < pairs; p++) {
        int n = conns / pairs + (p < conns % pairs ? 1 : 0);
        int a = 2 * p, b = 2 * p + 1;
        unsigned short port;
        int lfd = tcp_listener(&port);
        children[nchildren++] = spawn_acceptor(b, b % (max_extra + 1), lfd, n);
        children[nchildren++] = spawn_connector(a, a % (max_extra + 1), lfd, port, n);
        close(lfd);
        spawned += 2;
    }
    if (procs % 2) { /* odd one out: listener + UDP, no connections */
        children[nchildren++] = spawn_connector(procs - 1, (procs - 1) % (max_extra + 1), -1, 0, 0);
        spawned++;
    }
    close(ready_pipe[1]);
    int got = 0;
    char buf[256];
    while (got < spawned) {
        ssize_t r = read(ready_pipe[0], buf, sizeof buf);
        if (r < 0 && errno == EINTR) continue;
        if (r <= 0) {
            fprintf(stderr, "workload: only %d of %d children became ready\n", got, spawned);
            on_term(0);
        }
        got += (int) r;
    }
    printf("ready %d\n", spawned);
    fflush(stdout);
    for (;;) {
        pause();
    }
}
