/* The SubRip lyrics parser (render/frame/srt.h): what it accepts (BOM,
 * CRLF, blank lines, several text lines), and that each malformed input is
 * refused with one line naming the file, the line, the value and what was
 * expected. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "srt.h"

static const char *fixture(const char *name)
{
    static char path[1024];
    const char *src = getenv("GLYPHFX_SOURCE_DIR");
    snprintf(path, sizeof path, "%s/tests/srt/%s", src ? src : "..", name);
    return path;
}

static void test_bom_crlf_fixture(void)
{
    gfx_lyrics l;
    char err[256] = "";
    gfx_status st = gfx_srt_load(fixture("bom_crlf.srt"), &l, err, sizeof err);
    CHECK(st == GFX_OK, "bom_crlf.srt refused: %s", err);
    if (st != GFX_OK)
        return;
    CHECK(l.n_cues == 2, "%d cues, expected 2", l.n_cues);
    CHECK(l.cues[0].number == 1 && l.cues[0].start_ms == 1000 && l.cues[0].end_ms == 2500,
          "cue 1: #%d %lld..%lld", l.cues[0].number, (long long)l.cues[0].start_ms,
          (long long)l.cues[0].end_ms);
    CHECK(!strcmp(l.cues[0].text, "Hello\nworld"), "cue 1 text \"%s\"", l.cues[0].text);
    CHECK(!strcmp(l.cues[1].text, "\xe3\x81\x93\xe3\x82\x93\xe3\x81\xab\xe3\x81\xa1\xe3\x81\xaf"),
          "cue 2 text \"%s\" (CR kept?)", l.cues[1].text);
    CHECK(gfx_lyrics_cue_at(&l, 0.999) == -1, "a cue before the first start");
    CHECK(gfx_lyrics_cue_at(&l, 1.0) == 0, "cue 1 at its start");
    CHECK(gfx_lyrics_cue_at(&l, 2.4999) == 0, "cue 1 just before its end");
    CHECK(gfx_lyrics_cue_at(&l, 2.5) == 1, "cue 2 where cue 1 ends");
    CHECK(gfx_lyrics_cue_at(&l, 4.0) == -1, "a cue at the last end");
    gfx_lyrics_free(&l);
    const char *odd = "1\n00:00:01,001 --> 00:00:01,003\nx\n"; /* 1.001 * 1000 < 1001 in double */
    char err2[256];
    if (gfx_srt_parse("odd.srt", odd, strlen(odd), &l, err2, sizeof err2) != GFX_OK)
        return;
    CHECK(gfx_lyrics_cue_at(&l, 1001 / 1000.0) == 0, "the cue at 00:00:01,001 missed at its start");
    CHECK(gfx_lyrics_cue_at(&l, 1003 / 1000.0) == -1, "the cue at 00:00:01,001 shown at its end");
    gfx_lyrics_free(&l);
}

static void test_accepted_forms(void)
{
    static const char *good[] = {
        "\n\n1\n0:00:00,000-->0:00:00,001\nx", /* blank lead, no spaces */
        "7\n00:00:01,000 --> 00:00:02,000  \nA\n\n\n\n9 \n00:00:02,000 --> 100:00:00,000\nB\n",
        "1\n00:59:59,999 --> 01:00:00,000\n\ttabbed text\n",
    };
    for (size_t i = 0; i < sizeof good / sizeof *good; i++) {
        gfx_lyrics l;
        char err[256] = "";
        gfx_status st = gfx_srt_parse("ok.srt", good[i], strlen(good[i]), &l, err, sizeof err);
        CHECK(st == GFX_OK, "good input %zu refused: %s", i, err);
        if (st == GFX_OK)
            gfx_lyrics_free(&l);
    }
    gfx_lyrics l;
    char err[256];
    const char *two = "7\n00:00:01,000 --> 00:00:02,000\nA\n\n9\n00:00:02,000 --> 100:00:00,000\nB";
    if (gfx_srt_parse("ok.srt", two, strlen(two), &l, err, sizeof err) == GFX_OK) {
        CHECK(l.n_cues == 2 && l.cues[1].number == 9 && l.cues[1].end_ms == 360000000LL,
              "hours past 99: %lld", (long long)l.cues[1].end_ms);
        gfx_lyrics_free(&l);
    }
}

/* Every bad input is refused with GFX_BAD_INPUT and a message holding each
 * of its expected fragments. */
struct bad_case {
    const char *data;
    const char *fragments[4];
};

static const struct bad_case bad[] = {
    {"", {"bad.srt: no cues", "expected at least one cue"}},
    {"\n \n\t\n", {"bad.srt: no cues"}},
    {"one\n00:00:01,000 --> 00:00:02,000\nx\n", {"bad.srt:1:", "\"one\"", "expected a cue number"}},
    {"-1\n00:00:01,000 --> 00:00:02,000\nx\n", {"bad.srt:1:", "\"-1\""}},
    {"1234567890\n00:00:01,000 --> 00:00:02,000\nx\n", {"bad.srt:1:", "\"1234567890\""}},
    {"1\n", {"bad.srt:2: end of file", "expected a timing HH:MM:SS,mmm --> HH:MM:SS,mmm"}},
    {"1\n00:00:01.000 --> 00:00:02,000\nx\n",
     {"bad.srt:2:", "\"00:00:01.000 --> 00:00:02,000\"", "expected a timing"}},
    {"1\n00:00:01,000 -> 00:00:02,000\nx\n", {"bad.srt:2:", "-> 00", "expected a timing"}},
    {"1\n00:60:01,000 --> 00:61:02,000\nx\n", {"bad.srt:2:", "00:60:01,000", "below 60"}},
    {"1\n00:00:61,000 --> 00:00:62,000\nx\n", {"bad.srt:2:", "00:00:61,000"}},
    {"1\n00:00:01,00 --> 00:00:02,000\nx\n", {"bad.srt:2:", "00:00:01,00 "}},
    {"1\n00:00:01,000 --> 00:00:02,000 X1:10\nx\n", {"bad.srt:2:", "X1:10"}},
    {"1\n00:00:01,000\nx\n", {"bad.srt:2:", "\"00:00:01,000\""}},
    {"1\n1234567:00:01,000 --> 1234567:00:02,000\nx\n", {"bad.srt:2:", "1234567:00:01,000"}},
    {"1\n00:00:02,000 --> 00:00:02,000\nx\n", {"bad.srt:2:", "expected an end after the start"}},
    {"1\n00:00:03,000 --> 00:00:02,000\nx\n", {"bad.srt:2:", "\"00:00:03,000 --> 00:00:02,000\""}},
    {"1\n00:00:01,000 --> 00:00:02,000\n", {"bad.srt:3: end of file", "the text of cue 1"}},
    {"1\n00:00:01,000 --> 00:00:02,000\n\n2\n", {"bad.srt:3: blank line", "the text of cue 1"}},
    {"1\n00:00:01,000 --> 00:00:02,000\n\r\nx\n", {"bad.srt:3: blank line"}},
    {"1\n00:00:01,000 --> 00:00:02,000\nx\n\n1\n00:00:03,000 --> 00:00:04,000\ny\n",
     {"bad.srt:5:", "\"1\"", "above 1"}},
    {"1\n00:00:01,000 --> 00:00:02,000\nx\n\n2\n00:00:00,500 --> 00:00:00,800\ny\n",
     {"bad.srt:6:", "cue 2 starts at 00:00:00,500", "before cue 1", "time order"}},
    {"1\n00:00:01,000 --> 00:00:03,000\nx\n\n2\n00:00:02,999 --> 00:00:04,000\ny\n",
     {"bad.srt:6:", "cue 2", "cue 1 runs until 00:00:03,000", "do not overlap"}},
    {"1\n00:00:01,000 --> 00:00:02,000\nok\nbad \xff byte\n",
     {"bad.srt:4:", "\"bad \\xff byte\"", "expected UTF-8 text"}},
    {"1\n00:00:01,000 --> 00:00:02,000\n\xc0\xaf overlong\n", {"bad.srt:3:", "\\xc0\\xaf"}},
    {"1\n00:00:01,000 --> 00:00:02,000\n\xed\xa0\x80 surrogate\n", {"bad.srt:3:", "\\xed"}},
    {"1\n00:00:01,000 --> 00:00:02,000\n\xf4\x90\x80\x80 past U+10FFFF\n", {"bad.srt:3:"}},
    {"1\n00:00:01,000 --> 00:00:02,000\ncut \xe3\x81\n", {"bad.srt:3:", "cut \\xe3\\x81"}},
    {"1\n00:00:01,000 --> 00:00:02,000\nescape \x1b[31m\n", {"bad.srt:3:", "\\x1b"}},
    {"1\n00:00:01,000 --> 00:00:02,000\nx\n\n2\r00:00:03,000 --> 00:00:04,000\ry\n",
     {"bad.srt:5:", "\"2\\x0d00:00:03,000", "expected a cue number"}},
    {"\xef\xbb\xbf\xef\xbb\xbf"
     "1\n00:00:01,000 --> 00:00:02,000\nx\n",
     {"bad.srt:1:", "\"\xef\xbb\xbf"
                    "1\""}},
};

static void test_bad_inputs(void)
{
    for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
        gfx_lyrics l = {0};
        char err[512] = "";
        gfx_status st =
            gfx_srt_parse("bad.srt", bad[i].data, strlen(bad[i].data), &l, err, sizeof err);
        CHECK(st == GFX_BAD_INPUT, "bad input %zu accepted (status %d)", i, (int)st);
        CHECK(!strchr(err, '\n'), "bad input %zu: message of several lines: %s", i, err);
        CHECK(l.n_cues == 0 && !l.cues && !l.text_storage, "bad input %zu left cues behind", i);
        for (int f = 0; f < 4 && bad[i].fragments[f]; f++)
            CHECK(strstr(err, bad[i].fragments[f]), "bad input %zu: \"%s\" lacks \"%s\"", i, err,
                  bad[i].fragments[f]);
    }
}

/* A NUL byte inside the data is bad text, not the end of the file. */
static void test_nul_byte(void)
{
    static const char data[] = "1\n00:00:01,000 --> 00:00:02,000\nnul\0here\n";
    gfx_lyrics l;
    char err[256] = "";
    CHECK(gfx_srt_parse("nul.srt", data, sizeof data - 1, &l, err, sizeof err) == GFX_BAD_INPUT,
          "NUL byte accepted");
    CHECK(strstr(err, "nul.srt:3:") && strstr(err, "\\x00"), "NUL message: %s", err);
}

static void test_file_errors(void)
{
    gfx_lyrics l;
    char err[512] = "";
    CHECK(gfx_srt_load(fixture("overlap.srt"), &l, err, sizeof err) == GFX_BAD_INPUT,
          "overlap.srt accepted");
    CHECK(strstr(err, "overlap.srt:6:") && strstr(err, "cue 2") && strstr(err, "cue 1"),
          "overlap message: %s", err);
    CHECK(gfx_srt_load(fixture("bad_utf8.srt"), &l, err, sizeof err) == GFX_BAD_INPUT,
          "bad_utf8.srt accepted");
    CHECK(strstr(err, "bad_utf8.srt:8:") && strstr(err, "caf\\xe9"), "utf-8 message: %s", err);
    CHECK(gfx_srt_load(fixture("no-such-lyrics.srt"), &l, err, sizeof err) == GFX_BAD_INPUT,
          "a missing file loaded");
    CHECK(strstr(err, "no-such-lyrics.srt") && strstr(err, "lyrics file"),
          "missing file message: %s", err);
    CHECK(gfx_srt_load(fixture(""), &l, err, sizeof err) == GFX_BAD_INPUT, "a directory loaded");
}

int main(void)
{
    test_bom_crlf_fixture();
    test_accepted_forms();
    test_bad_inputs();
    test_nul_byte();
    test_file_errors();
    return CHECK_EXIT_STATUS();
}
