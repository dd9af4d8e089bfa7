/*
 * The C peer of the rfsweep reference workload (see ../README.md): reads a workload file,
 * transposes it to one column per field and layer (structure of arrays), and evaluates every
 * stack with a branch-free loop over stacks that gcc vectorises (-O3 -march=native; check with
 * -fopt-info-vec). Computes the SPEC section 10 columns out_h/out_w/out_c, rf_h/rf_w,
 * stride_h/stride_w, pad_h/pad_w, params and macs; no per-layer bound checks, no bias-add or
 * activation counts. check_narrow() validates once, at load, that its int32 products cannot
 * overflow on the file (true for the reference workload: c_out*c_in*kh*kw <= 256*256*49).
 *
 * Output extents use floor((n + 2p - ek) / s) + 1 with the division in single precision: exact,
 * since every span is below 2^24 (checked at load) and truncation of a non-negative quotient is
 * floor. A stack whose span goes negative, or whose maxpool pads more than k/2, is invalid; later
 * layers still compute (garbage) but the stack is masked out of the checksum.
 *
 * --threads T splits each pass's blocks of stacks into T contiguous parts, one per thread: T - 1
 * workers created once, which spin on a pass counter between passes (no wake-up, as the engine's
 * lingering workers), and the calling thread, which takes the first part and then computes the
 * checksum. This is the best case of threads for this loop, the yardstick of the engine's
 * 2-thread line on the same machine in the same run.
 *
 * Usage: rfpeer FILE [--threads T] [--warmup S] [--passes P] [--seconds S]
 */
#define _POSIX_C_SOURCE 200112L
#include <pthread.h>
#include <stdatomic.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#define MAGIC 0x4C574652
#define FIELDS 10
#define BLOCK 256

enum { F_OP, F_KH, F_KW, F_SH, F_SW, F_DH, F_DW, F_PH, F_PW, F_C };
enum { OP_CONV = 0, OP_SEPCONV = 2, OP_MAXPOOL = 3 };

static int32_t *col[FIELDS];   /* col[f][l * n + s] */
static int32_t *o_h, *o_w, *o_c, *ok;
static int64_t *rf_h, *rf_w, *j_h, *j_w, *p_h, *p_w, *prm, *mac;
static int n_stacks, n_layers, in_h, in_w, in_c;

static double now(void) {
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return t.tv_sec + t.tv_nsec * 1e-9;
}

static void die(const char *msg, const char *arg) {
    fprintf(stderr, "rfpeer: %s%s\n", msg, arg);
    exit(2);
}

/*
 * Validates at the edge that the narrow types of layer() cannot overflow: every int32 product
 * (oh*ow, c_out*c_in*kh*kw, c_in*(kh*kw + c_out)) below 2^31 and every span below 2^24.
 */
static void check_narrow(const int32_t *raw) {
    int64_t cmax = in_c, kk = 1, grow = 0;
    for (int s = 0; s < n_stacks; s++) {
        int64_t g = 0;
        for (int l = 0; l < n_layers; l++) {
            const int32_t *r = raw + ((size_t) s * n_layers + l) * FIELDS;
            for (int k = F_KH; k <= F_C; k++)
                if (r[k] < (k >= F_PH ? 0 : 1) || r[k] > 4096) die("a field is outside the C peer's range 1..4096 (pads, c: 0..4096)", "");
            if (r[F_C] > cmax) cmax = r[F_C];
            if ((int64_t) r[F_KH] * r[F_KW] > kk) kk = (int64_t) r[F_KH] * r[F_KW];
            g += 2 * (int64_t) (r[F_PH] > r[F_PW] ? r[F_PH] : r[F_PW]);
        }
        if (g > grow) grow = g;
    }
    int64_t emax = (in_h > in_w ? in_h : in_w) + grow; /* no layer grows an extent by more than 2p */
    if (in_h < 1 || in_w < 1 || in_c < 1 || emax * emax >= (1LL << 31) || cmax * cmax * kk >= (1LL << 31)
        || cmax * (kk + cmax) >= (1LL << 31))
        die("workload too large for the C peer's int32 products", "");
}

static void load(const char *path) {
    FILE *f = fopen(path, "rb");
    if (!f) die("cannot open ", path);
    int32_t h[8];
    if (fread(h, 4, 8, f) != 8 || h[0] != MAGIC || h[1] != 1 || h[7] != FIELDS) die("not a version-1 workload file: ", path);
    n_stacks = h[2]; n_layers = h[3]; in_h = h[4]; in_w = h[5]; in_c = h[6];
    size_t cnt = (size_t) n_stacks * n_layers;
    int32_t *raw = malloc(cnt * FIELDS * 4);
    if (fread(raw, 4, cnt * FIELDS, f) != cnt * FIELDS) die("truncated file: ", path);
    fclose(f);
    check_narrow(raw);
    for (int k = 0; k < FIELDS; k++) {
        col[k] = aligned_alloc(64, (cnt * 4 + 63) / 64 * 64);
        for (int s = 0; s < n_stacks; s++)
            for (int l = 0; l < n_layers; l++)
                col[k][(size_t) l * n_stacks + s] = raw[((size_t) s * n_layers + l) * FIELDS + k];
    }
    free(raw);
    int32_t **narrow[] = {&o_h, &o_w, &o_c, &ok};
    for (size_t k = 0; k < sizeof narrow / sizeof narrow[0]; k++)
        *narrow[k] = aligned_alloc(64, ((size_t) n_stacks * 4 + 63) / 64 * 64);
    int64_t **wide[] = {&rf_h, &rf_w, &j_h, &j_w, &p_h, &p_w, &prm, &mac};
    for (size_t k = 0; k < sizeof wide / sizeof wide[0]; k++)
        *wide[k] = aligned_alloc(64, ((size_t) n_stacks * 8 + 63) / 64 * 64);
}

/*
 * One layer for len stacks: the vectorised kernel. The columns come in as separate restrict
 * pointers: gcc 12 does not vectorise this loop when they are read out of structs. Narrow types
 * where load() proved them wide enough: int32 extents, channels and per-position products,
 * float division (exact: span < 2^24); int64 for the running field, jump, padding and counts.
 */
static void layer(const int32_t *restrict OP, const int32_t *restrict KH, const int32_t *restrict KW,
           const int32_t *restrict SH, const int32_t *restrict SW, const int32_t *restrict DH,
           const int32_t *restrict DW, const int32_t *restrict PH, const int32_t *restrict PW,
           const int32_t *restrict C,
           int32_t *restrict oh_, int32_t *restrict ow_, int32_t *restrict oc_, int64_t *restrict rh_,
           int64_t *restrict rw_, int64_t *restrict jh_, int64_t *restrict jw_, int64_t *restrict ph_,
           int64_t *restrict pw_, int64_t *restrict prm_, int64_t *restrict mac_, int32_t *restrict ok_, int len) {
    for (int i = 0; i < len; i++) {
        int32_t op = OP[i], kh = KH[i], kw = KW[i], sh = SH[i], sw = SW[i];
        int32_t ph = PH[i], pw = PW[i];
        int32_t ekh = DH[i] * (kh - 1) + 1, ekw = DW[i] * (kw - 1) + 1;
        int32_t span_h = oh_[i] + 2 * ph - ekh, span_w = ow_[i] + 2 * pw - ekw;
        int32_t oh = (int32_t) ((float) span_h / (float) sh) + 1;
        int32_t ow = (int32_t) ((float) span_w / (float) sw) + 1;
        int32_t conv = op == OP_CONV, sep = op == OP_SEPCONV, pool = op == OP_MAXPOOL;
        int32_t cin = oc_[i];
        int32_t cout = pool ? cin : C[i];
        int32_t kk = kh * kw;
        int64_t sp = (int64_t) (oh * ow);
        int64_t lp = conv ? (int64_t) (cout * cin) * kk + cout : sep ? (int64_t) (cin * kk + cout * (cin + 1)) : 0;
        int64_t lm = conv ? sp * (cout * cin * kk) : sep ? sp * (cin * (kk + cout)) : 0;
        int32_t good = (span_h >= 0) & (span_w >= 0) & ((pool == 0) | ((2 * ph <= kh) & (2 * pw <= kw)));
        int64_t jh = jh_[i], jw = jw_[i];
        ok_[i] &= good;
        rh_[i] += (ekh - 1) * jh;
        rw_[i] += (ekw - 1) * jw;
        ph_[i] += ph * jh;
        pw_[i] += pw * jw;
        jh_[i] = jh * sh;
        jw_[i] = jw * sw;
        oh_[i] = oh;
        ow_[i] = ow;
        oc_[i] = cout;
        prm_[i] += lp;
        mac_[i] += lm;
    }
}

/* Evaluates the stacks of blocks [b0, b1). */
static void blocks(int b0, int b1) {
    for (int from = b0 * BLOCK; from < n_stacks && from < b1 * BLOCK; from += BLOCK) {
        int len = n_stacks - from < BLOCK ? n_stacks - from : BLOCK;
        for (int i = from; i < from + len; i++) {
            o_h[i] = in_h; o_w[i] = in_w; o_c[i] = in_c;
            rf_h[i] = rf_w[i] = j_h[i] = j_w[i] = 1;
            p_h[i] = p_w[i] = prm[i] = mac[i] = 0;
            ok[i] = 1;
        }
        for (int l = 0; l < n_layers; l++) {
            size_t b = (size_t) l * n_stacks + from;
            layer(col[F_OP] + b, col[F_KH] + b, col[F_KW] + b, col[F_SH] + b, col[F_SW] + b, col[F_DH] + b,
                  col[F_DW] + b, col[F_PH] + b, col[F_PW] + b, col[F_C] + b,
                  o_h + from, o_w + from, o_c + from, rf_h + from, rf_w + from, j_h + from, j_w + from,
                  p_h + from, p_w + from, prm + from, mac + from, ok + from, len);
        }
    }
}

static int n_threads = 1;
static atomic_int pass_no;      /* incremented by the caller to start a pass; -1 stops the workers */
static atomic_int parts_done;   /* parts finished by the workers in the current pass */

/* Part t of n_threads of the blocks, contiguous. */
static void part(int t) {
    int n_blocks = (n_stacks + BLOCK - 1) / BLOCK;
    blocks((int) ((int64_t) n_blocks * t / n_threads), (int) ((int64_t) n_blocks * (t + 1) / n_threads));
}

static void *worker(void *arg) {
    int t = (int) (intptr_t) arg, seen = 0;
    for (;;) {
        int now;
        while ((now = atomic_load_explicit(&pass_no, memory_order_acquire)) == seen)
            ;
        if (now < 0) return NULL;
        seen = now;
        part(t);
        atomic_fetch_add_explicit(&parts_done, 1, memory_order_release);
    }
}

/* One pass over every stack; returns the checksum. */
static uint64_t pass(void) {
    if (n_threads == 1) {
        blocks(0, (n_stacks + BLOCK - 1) / BLOCK);
    } else {
        atomic_store_explicit(&parts_done, 0, memory_order_relaxed);
        atomic_fetch_add_explicit(&pass_no, 1, memory_order_release);
        part(0);
        while (atomic_load_explicit(&parts_done, memory_order_acquire) < n_threads - 1)
            ;
    }
    uint64_t sum = 0;
    for (int i = 0; i < n_stacks; i++)
        sum += ok[i] ? (uint64_t) rf_h[i] + (uint64_t) prm[i] + (uint64_t) mac[i] : 0;
    return sum;
}

/* CPU time of the process (every thread), for runs on a shared machine. */
static double cpu_now(void) {
    struct timespec t;
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &t);
    return t.tv_sec + t.tv_nsec * 1e-9;
}

static double median_of(double *t, int n);

static int cmp(const void *a, const void *b) {
    double x = *(const double *) a, y = *(const double *) b;
    return (x > y) - (x < y);
}

int main(int argc, char **argv) {
    const char *file = NULL;
    double warmup = 0.5, seconds = 2;
    int passes = 7;
    for (int i = 1; i < argc; i++) {
        if (!strcmp(argv[i], "--warmup") && i + 1 < argc) warmup = atof(argv[++i]);
        else if (!strcmp(argv[i], "--seconds") && i + 1 < argc) seconds = atof(argv[++i]);
        else if (!strcmp(argv[i], "--passes") && i + 1 < argc) passes = atoi(argv[++i]);
        else if (!strcmp(argv[i], "--threads") && i + 1 < argc) n_threads = atoi(argv[++i]);
        else if (!file && argv[i][0] != '-') file = argv[i];
        else die("unknown argument ", argv[i]);
    }
    if (!file) die("usage: rfpeer FILE [--threads T] [--warmup S] [--passes P] [--seconds S]", "");
    if (n_threads < 1 || n_threads > 64) die("--threads must be 1..64", "");
    load(file);
    pthread_t workers[64];
    for (int t = 1; t < n_threads; t++)
        if (pthread_create(&workers[t], NULL, worker, (void *) (intptr_t) t) != 0) die("cannot start a thread", "");
    uint64_t check = pass();
    for (double end = now() + warmup; now() < end;)
        if (pass() != check) die("checksum changed between passes", "");
    int cap = 1024, n = 0;
    double *t = malloc(cap * sizeof *t);
    double start = now(), cpu_start = cpu_now();
    while (n < passes || now() - start < seconds) {
        double t0 = now();
        uint64_t sum = pass();
        double t1 = now();
        if (sum != check) die("checksum changed between passes", "");
        if (n == cap) t = realloc(t, (cap *= 2) * sizeof *t);
        t[n++] = (t1 - t0) * 1e9;
    }
    double cpu = (cpu_now() - cpu_start) * 1e9 / n;
    atomic_store_explicit(&pass_no, -1, memory_order_release);
    for (int t = 1; t < n_threads; t++) pthread_join(workers[t], NULL);
    printf("RESULT name=c-simd checksum=%llu stacks=%d layers=%d passes=%d median_pass_ns=%.0f mean_cpu_ns=%.0f\n",
           (unsigned long long) check, n_stacks, n_layers, n, median_of(t, n), cpu);
    return 0;
}

static double median_of(double *t, int n) {
    qsort(t, n, sizeof *t, cmp);
    return n % 2 ? t[n / 2] : (t[n / 2 - 1] + t[n / 2]) / 2;
}
