#include "srt.h"

#include <errno.h>
#include <inttypes.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "files.h"

#define TIMING_FORM "a timing HH:MM:SS,mmm --> HH:MM:SS,mmm (MM and SS below 60)"

typedef struct line_reader {
    const char *p, *end;
    int number; /* of the line last returned */
} line_reader;

typedef struct line {
    const char *s;
    size_t len; /* without the line end */
} line;

/* The next line, its "\n" or "\r\n" dropped; 0 at the end of the data. */
static int next_line(line_reader *r, line *out)
{
    if (r->p >= r->end)
        return 0;
    const char *nl = memchr(r->p, '\n', (size_t)(r->end - r->p));
    const char *stop = nl ? nl : r->end;
    out->s = r->p;
    out->len = (size_t)(stop - r->p);
    if (out->len && out->s[out->len - 1] == '\r')
        out->len--;
    r->p = nl ? nl + 1 : r->end;
    r->number++;
    return 1;
}

static int is_space(char c)
{
    return c == ' ' || c == '\t';
}

static line trimmed(line l)
{
    while (l.len && is_space(l.s[0])) {
        l.s++;
        l.len--;
    }
    while (l.len && is_space(l.s[l.len - 1]))
        l.len--;
    return l;
}

static int is_blank(line l)
{
    return trimmed(l).len == 0;
}

size_t gfx_utf8_sequence(const unsigned char *s, size_t avail)
{
    unsigned c = s[0];
    if (c < 0x80)
        return 1;
    size_t len;
    unsigned lo = 0x80, hi = 0xbf; /* allowed range of the second byte */
    if (c >= 0xc2 && c <= 0xdf)
        len = 2;
    else if (c >= 0xe0 && c <= 0xef) {
        len = 3;
        if (c == 0xe0)
            lo = 0xa0;
        if (c == 0xed)
            hi = 0x9f;
    } else if (c >= 0xf0 && c <= 0xf4) {
        len = 4;
        if (c == 0xf0)
            lo = 0x90;
        if (c == 0xf4)
            hi = 0x8f;
    } else
        return 0;
    if (avail < len || s[1] < lo || s[1] > hi)
        return 0;
    for (size_t i = 2; i < len; i++)
        if ((s[i] & 0xc0) != 0x80)
            return 0;
    return len;
}

/* The value as a message shows it: in quotes, valid UTF-8 kept, quotes,
 * backslashes, control characters and invalid bytes escaped, cut after 48
 * bytes. */
static const char *quoted(char *buf, size_t size, const char *s, size_t len)
{
    size_t o = 0, shown = len < 48 ? len : 48;
    buf[o++] = '"';
    for (size_t i = 0; i < shown && o + 8 < size;) {
        const unsigned char *u = (const unsigned char *)s + i;
        size_t n = gfx_utf8_sequence(u, len - i);
        if (n == 1 && *u >= 0x20 && *u != 0x7f && *u != '"' && *u != '\\')
            buf[o++] = (char)*u;
        else if (n > 1 && o + n + 8 < size) {
            memcpy(buf + o, u, n);
            o += n;
        } else {
            o += (size_t)snprintf(buf + o, size - o, "\\x%02x", *u);
            n = 1;
        }
        i += n;
    }
    if (shown < len && o + 4 < size) {
        memcpy(buf + o, "...", 3);
        o += 3;
    }
    buf[o++] = '"';
    buf[o] = '\0';
    return buf;
}

static const char *format_ms(char *buf, size_t size, int64_t ms)
{
    snprintf(buf, size, "%02" PRId64 ":%02d:%02d,%03d", ms / 3600000, (int)(ms / 60000 % 60),
             (int)(ms / 1000 % 60), (int)(ms % 1000));
    return buf;
}

/* Reads exactly `n` digits at *s into *v. */
static int read_digits(const char **s, const char *end, int n, int64_t *v)
{
    *v = 0;
    for (int i = 0; i < n; i++, (*s)++) {
        if (*s >= end || **s < '0' || **s > '9')
            return -1;
        *v = *v * 10 + (**s - '0');
    }
    return 0;
}

/* HH:MM:SS,mmm at *s (1 to 6 hour digits), advancing *s. */
static int read_time(const char **s, const char *end, int64_t *ms)
{
    int64_t h = 0, m, sec, milli;
    int hour_digits = 0;
    while (*s < end && **s >= '0' && **s <= '9' && hour_digits < 7) {
        h = h * 10 + (**s - '0');
        (*s)++;
        hour_digits++;
    }
    if (hour_digits < 1 || hour_digits > 6 || *s >= end || *(*s)++ != ':' ||
        read_digits(s, end, 2, &m) || m > 59 || *s >= end || *(*s)++ != ':' ||
        read_digits(s, end, 2, &sec) || sec > 59 || *s >= end || *(*s)++ != ',' ||
        read_digits(s, end, 3, &milli))
        return -1;
    *ms = ((h * 60 + m) * 60 + sec) * 1000 + milli;
    return 0;
}

static int parse_timing(line l, int64_t *start, int64_t *stop)
{
    const char *s = l.s, *end = l.s + l.len;
    if (read_time(&s, end, start))
        return -1;
    while (s < end && is_space(*s))
        s++;
    if (end - s < 3 || memcmp(s, "-->", 3))
        return -1;
    s += 3;
    while (s < end && is_space(*s))
        s++;
    return read_time(&s, end, stop) || s != end ? -1 : 0;
}

/* A cue number: 1 to 9 digits. */
static int parse_number(line l, int *number)
{
    if (l.len < 1 || l.len > 9)
        return -1;
    int v = 0;
    for (size_t i = 0; i < l.len; i++) {
        if (l.s[i] < '0' || l.s[i] > '9')
            return -1;
        v = v * 10 + (l.s[i] - '0');
    }
    *number = v;
    return 0;
}

/* Valid UTF-8 with no control character but tab. */
static int is_text(line l)
{
    const unsigned char *u = (const unsigned char *)l.s;
    for (size_t i = 0; i < l.len;) {
        size_t n = gfx_utf8_sequence(u + i, l.len - i);
        if (!n || (n == 1 && ((u[i] < 0x20 && u[i] != '\t') || u[i] == 0x7f)))
            return 0;
        i += n;
    }
    return 1;
}

typedef struct parser {
    const char *name;
    line_reader in;
    gfx_lyrics *out;
    int capacity;
    size_t text_used;
    char *err;
    size_t err_size;
} parser;

static gfx_status bad_line(parser *p, line l, const char *expected)
{
    char q[256];
    return gfx_fail(p->err, p->err_size, GFX_BAD_INPUT, "%s:%d: %s: expected %s", p->name,
                    p->in.number, quoted(q, sizeof q, l.s, l.len), expected);
}

static gfx_status early_end(parser *p, const char *expected)
{
    return gfx_fail(p->err, p->err_size, GFX_BAD_INPUT, "%s:%d: end of file: expected %s", p->name,
                    p->in.number + 1, expected);
}

/* Checks cue `c` against the cue before it. */
static gfx_status check_order(parser *p, const gfx_lyric_cue *c)
{
    if (!p->out->n_cues)
        return GFX_OK;
    const gfx_lyric_cue *prev = &p->out->cues[p->out->n_cues - 1];
    char a[32], b[32];
    if (c->start_ms < prev->start_ms)
        return gfx_fail(p->err, p->err_size, GFX_BAD_INPUT,
                        "%s:%d: cue %d starts at %s, before cue %d (%s): expected cues in time "
                        "order",
                        p->name, p->in.number, c->number, format_ms(a, sizeof a, c->start_ms),
                        prev->number, format_ms(b, sizeof b, prev->start_ms));
    if (c->start_ms < prev->end_ms)
        return gfx_fail(p->err, p->err_size, GFX_BAD_INPUT,
                        "%s:%d: cue %d starts at %s, while cue %d runs until %s: expected cues "
                        "that do not overlap",
                        p->name, p->in.number, c->number, format_ms(a, sizeof a, c->start_ms),
                        prev->number, format_ms(b, sizeof b, prev->end_ms));
    return GFX_OK;
}

static gfx_status append_cue(parser *p, const gfx_lyric_cue *c)
{
    gfx_lyrics *out = p->out;
    if (out->n_cues == p->capacity) {
        int capacity = p->capacity ? 2 * p->capacity : 64;
        gfx_lyric_cue *grown = realloc(out->cues, (size_t)capacity * sizeof *grown);
        if (!grown)
            return gfx_fail(p->err, p->err_size, GFX_FAILED, "%s: out of memory for cues", p->name);
        out->cues = grown;
        p->capacity = capacity;
    }
    out->cues[out->n_cues++] = *c;
    return GFX_OK;
}

/* Text lines up to a blank line or the end, copied into the storage. */
static gfx_status read_text(parser *p, gfx_lyric_cue *c)
{
    char *text = p->out->text_storage + p->text_used;
    size_t used = 0;
    line l = {0};
    int got;
    while ((got = next_line(&p->in, &l)) && !is_blank(l)) {
        if (!is_text(l))
            return bad_line(p, l, "UTF-8 text without control characters");
        if (used)
            text[used++] = '\n';
        memcpy(text + used, l.s, l.len);
        used += l.len;
    }
    if (!used) {
        char what[64];
        snprintf(what, sizeof what, "the text of cue %d", c->number);
        if (!got)
            return early_end(p, what);
        return gfx_fail(p->err, p->err_size, GFX_BAD_INPUT, "%s:%d: blank line: expected %s",
                        p->name, p->in.number, what);
    }
    text[used++] = '\0';
    c->text = text;
    p->text_used += used;
    return GFX_OK;
}

static gfx_status read_cue(parser *p, line number_line)
{
    gfx_lyric_cue c = {0};
    line l = trimmed(number_line);
    if (parse_number(l, &c.number))
        return bad_line(p, l, "a cue number (1 to 9 digits)");
    if (p->out->n_cues && c.number <= p->out->cues[p->out->n_cues - 1].number) {
        char what[80];
        snprintf(what, sizeof what, "a cue number above %d (the cue before)",
                 p->out->cues[p->out->n_cues - 1].number);
        return bad_line(p, l, what);
    }
    if (!next_line(&p->in, &l))
        return early_end(p, TIMING_FORM);
    l = trimmed(l);
    if (parse_timing(l, &c.start_ms, &c.end_ms))
        return bad_line(p, l, TIMING_FORM);
    if (c.end_ms <= c.start_ms)
        return bad_line(p, l, "an end after the start");
    gfx_status st = check_order(p, &c);
    if (st == GFX_OK)
        st = read_text(p, &c);
    return st == GFX_OK ? append_cue(p, &c) : st;
}

gfx_status gfx_srt_parse(const char *name, const char *data, size_t size, gfx_lyrics *out,
                         char *err, size_t err_size)
{
    memset(out, 0, sizeof *out);
    if (size >= 3 && !memcmp(data, "\xef\xbb\xbf", 3)) {
        data += 3;
        size -= 3;
    }
    /* Cue text is at most the input's bytes plus one NUL. */
    out->text_storage = malloc(size + 1);
    if (!out->text_storage)
        return gfx_fail(err, err_size, GFX_FAILED, "%s: out of memory for %zu bytes of lyrics",
                        name, size);
    parser p = {
        .name = name, .in = {data, data + size, 0}, .out = out, .err = err, .err_size = err_size};
    gfx_status st = GFX_OK;
    line l;
    while (st == GFX_OK && next_line(&p.in, &l))
        if (!is_blank(l))
            st = read_cue(&p, l);
    if (st == GFX_OK && !out->n_cues)
        st = gfx_fail(err, err_size, GFX_BAD_INPUT,
                      "%s: no cues: expected at least one cue (number, timing, text lines)", name);
    if (st != GFX_OK)
        gfx_lyrics_free(out);
    return st;
}

gfx_status gfx_srt_load(const char *path, gfx_lyrics *out, char *err, size_t err_size)
{
    memset(out, 0, sizeof *out);
    char *data;
    size_t size;
    if (gfx_read_file(path, GFX_SRT_MAX_BYTES, "lyrics file (.srt)", &data, &size, err, err_size))
        return errno == ENOMEM ? GFX_FAILED : GFX_BAD_INPUT;
    gfx_status st = gfx_srt_parse(path, data, size, out, err, err_size);
    free(data);
    return st;
}

void gfx_lyrics_free(gfx_lyrics *lyrics)
{
    free(lyrics->cues);
    free(lyrics->text_storage);
    memset(lyrics, 0, sizeof *lyrics);
}

int gfx_lyrics_cue_at(const gfx_lyrics *lyrics, double t)
{
    if (!(fabs(t) < 1e12)) /* NaN, or past any cue's reach */
        return -1;
    int64_t us = llround(t * 1e6);
    int lo = 0, hi = lyrics->n_cues; /* first cue starting after us */
    while (lo < hi) {
        int mid = lo + (hi - lo) / 2;
        if (lyrics->cues[mid].start_ms * 1000 <= us)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo > 0 && us < lyrics->cues[lo - 1].end_ms * 1000 ? lo - 1 : -1;
}
