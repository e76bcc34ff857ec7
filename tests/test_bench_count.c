/* glyphfx bench --count without valgrind: the parser on canned cachegrind
 * and callgrind output files, est_cycles, the counts file written and read
 * back, and the gate's 3% rule (up and down, skipped stages). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "bench_count.h"
#include "check.h"

static char *slurp(const char *name)
{
    const char *src = getenv("GLYPHFX_SOURCE_DIR");
    char path[4096];
    snprintf(path, sizeof path, "%s/tests/bench_count/%s", src ? src : ".", name);
    FILE *f = fopen(path, "rb");
    if (!f) {
        fprintf(stderr, "FAIL: cannot open %s\n", path);
        exit(1);
    }
    static char buf[1 << 16];
    size_t n = fread(buf, 1, sizeof buf - 1, f);
    buf[n] = 0;
    fclose(f);
    return strdup(buf);
}

static gfx_count counted(const char *name, unsigned long long ir, unsigned long long d1,
                         unsigned long long ll)
{
    gfx_count c = {0};
    snprintf(c.name, sizeof c.name, "%s", name);
    c.ir = ir, c.d1_misses = d1, c.ll_misses = ll;
    c.est_cycles = gfx_count_est_cycles(&c);
    return c;
}

int main(void)
{
    char err[512];
    gfx_count c;

    /* cachegrind: "events: Ir I1mr ILmr Dr D1mr DLmr Dw D1mw DLmw" and summary */
    char *text = slurp("cachegrind.out");
    CHECK(!gfx_count_parse(text, &c, err, sizeof err), "cachegrind.out: %s", err);
    CHECK(c.ir == 128234 && c.dr == 29524 && c.dw == 10259, "Ir %llu Dr %llu Dw %llu", c.ir, c.dr,
          c.dw);
    CHECK(c.i1_misses == 1091 && c.d1_misses == 1215 + 343 && c.ll_misses == 1072 + 1006 + 311,
          "I1 %llu D1 %llu LL %llu", c.i1_misses, c.d1_misses, c.ll_misses);
    CHECK(c.est_cycles == 128234 + 10 * (1091 + 1558) + 100 * 2389, "est_cycles %llu",
          c.est_cycles);
    free(text);

    /* callgrind's part file: other column order, trailing zeros left out */
    text = slurp("callgrind.out.3");
    CHECK(!gfx_count_parse(text, &c, err, sizeof err), "callgrind.out.3: %s", err);
    CHECK(c.ir == 1682526 && c.dr == 551100 && c.dw == 138437 && c.i1_misses == 20 &&
              c.d1_misses == 65504 && c.ll_misses == 0,
          "Ir %llu Dr %llu Dw %llu I1 %llu D1 %llu LL %llu", c.ir, c.dr, c.dw, c.i1_misses,
          c.d1_misses, c.ll_misses);
    CHECK(c.est_cycles == 1682526 + 10 * 65524, "est_cycles %llu", c.est_cycles);
    free(text);

    /* not valgrind's output: one line, -1 */
    CHECK(gfx_count_parse("hello\n", &c, err, sizeof err) == -1 && strstr(err, "events:"),
          "no events line accepted (%s)", err);
    CHECK(gfx_count_parse("events: Dr Dw\nsummary: 1 2\n", &c, err, sizeof err) == -1 &&
              strstr(err, "no Ir"),
          "no Ir accepted (%s)", err);
    CHECK(gfx_count_parse("events: Ir\nsummary: 12x\n", &c, err, sizeof err) == -1,
          "a bad count accepted");

    /* the 3% rule: Ir or est_cycles, up or down, the larger move signed */
    gfx_count base = counted("blit/avx2/540p", 1000000, 0, 0);
    double change;
    gfx_count same = counted("blit/avx2/540p", 1029999, 0, 0);
    CHECK(gfx_count_judge(&base, &same, 0.03, &change) == GFX_COUNT_SAME, "2.9999%% flagged");
    gfx_count up = counted("blit/avx2/540p", 1030000, 0, 0);
    CHECK(gfx_count_judge(&base, &up, 0.03, &change) == GFX_COUNT_MORE && change > 0.0299,
          "+3%% not flagged MORE (%g)", change);
    gfx_count down = counted("blit/avx2/540p", 970000, 0, 0);
    CHECK(gfx_count_judge(&base, &down, 0.03, &change) == GFX_COUNT_FEWER && change < -0.0299,
          "-3%% not flagged FEWER (%g)", change);
    /* same instructions, 4% more est. cycles from misses: flagged */
    gfx_count misses = counted("blit/avx2/540p", 1000000, 4000, 0);
    CHECK(gfx_count_judge(&base, &misses, 0.03, &change) == GFX_COUNT_MORE && change > 0.039 &&
              change < 0.041,
          "+4%% est. cycles not flagged (%g)", change);
    gfx_count skipped = base;
    skipped.skipped = 1;
    CHECK(gfx_count_judge(&base, &skipped, 0.03, &change) == GFX_COUNT_MISSING &&
              gfx_count_judge(&base, NULL, 0.03, &change) == GFX_COUNT_MISSING,
          "a skipped or absent stage compared");

    /* the counts file round trip */
    gfx_count_set s = {0}, back;
    snprintf(s.commit, sizeof s.commit, "abc1234");
    snprintf(s.valgrind, sizeof s.valgrind, "valgrind-3.19.0");
    CHECK(!gfx_count_set_add(&s, &base) && !gfx_count_set_add(&s, &misses) &&
              !gfx_count_set_add(&s, &skipped),
          "add");
    snprintf(s.items[1].name, sizeof s.items[1].name, "vignette/avx2/540p");
    snprintf(s.items[2].name, sizeof s.items[2].name, "blit/avx512/540p");
    snprintf(s.items[2].note, sizeof s.items[2].note, "skipped under valgrind: lacks avx512");
    char path[] = "/tmp/glyphfx-test-counts-XXXXXX";
    int fd = mkstemp(path);
    CHECK(fd >= 0, "mkstemp");
    close(fd);
    CHECK(!gfx_count_set_write(&s, path, err, sizeof err), "write: %s", err);
    CHECK(!gfx_count_set_load(&back, path, err, sizeof err), "load: %s", err);
    CHECK(back.n == 3 && !strcmp(back.commit, "abc1234") &&
              !strcmp(back.valgrind, "valgrind-3.19.0"),
          "read back %d counts, commit %s", back.n, back.commit);
    const gfx_count *v = gfx_count_set_find(&back, "vignette/avx2/540p");
    CHECK(v && v->ir == 1000000 && v->d1_misses == 4000 && v->est_cycles == 1040000,
          "vignette read back wrong");
    const gfx_count *k = gfx_count_set_find(&back, "blit/avx512/540p");
    CHECK(k && k->skipped && strstr(k->note, "avx512"), "the skipped stage read back wrong");
    gfx_count_set_free(&back);
    FILE *f = fopen(path, "w");
    fputs("{\"context\": {}, \"counts\": []}", f);
    fclose(f);
    CHECK(gfx_count_set_load(&back, path, err, sizeof err) == -1 && strstr(err, "schema"),
          "a file without the schema accepted (%s)", err);
    unlink(path);
    gfx_count_set_free(&s);
    return CHECK_EXIT_STATUS();
}
