/* The PNG encoder (see png_encode.h): scalar C around the table's SIMD
 * filter and checksums. */
#include "png_encode.h"

#include <assert.h>
#include <stdlib.h>
#include <string.h>

#define MAX_DIM ((1 << 24) - 1)
#define LITLEN_SYMS 286 /* 0..255 literals, 256 end of block, 257..285 lengths */
#define MAX_BITS 14     /* four literal codes fit between flushes */
#define EOB 256

/* -------------------------------------------------------------- bit writer
 * Bits go in LSB first; flush() stores 8 bytes and keeps fewer than 8 bits,
 * so up to 56 bits may be put between flushes (4 codes of 14 bits), and the output needs 8 bytes of slack. */
typedef struct bitwriter {
    uint8_t *out;
    uint64_t bits;
    unsigned count;
} bitwriter;

static inline void put(bitwriter *w, uint64_t bits, unsigned count)
{
    w->bits |= bits << w->count;
    w->count += count;
}

static inline void flush(bitwriter *w)
{
    memcpy(w->out, &w->bits, 8);
    unsigned bytes = w->count >> 3;
    w->out += bytes;
    w->bits = bytes ? w->bits >> (8 * bytes) : w->bits;
    w->count &= 7;
}

static inline void put_flush(bitwriter *w, uint64_t bits, unsigned count)
{
    put(w, bits, count);
    flush(w);
}

/* Pads to a byte boundary with zero bits; returns the end of the bytes. */
static uint8_t *align_byte(bitwriter *w)
{
    flush(w);
    if (w->count)
        w->out++;
    w->bits = 0, w->count = 0;
    return w->out;
}

/* ---------------------------------------------------------------- Huffman */
typedef struct sym_freq {
    uint32_t key, sym;
} sym_freq;

static int by_freq(const void *x, const void *y)
{
    const sym_freq *a = x, *b = y;
    if (a->key != b->key)
        return a->key < b->key ? -1 : 1;
    return a->sym < b->sym ? -1 : a->sym > b->sym;
}

/* In-place minimum-redundancy code lengths (Moffat and Katajainen) over A,
 * sorted by ascending frequency: A[i].key becomes the depth of A[i]. */
static void min_redundancy(sym_freq *A, int n)
{
    if (n == 1) {
        A[0].key = 1;
        return;
    }
    A[0].key += A[1].key;
    int root = 0, leaf = 2;
    for (int next = 1; next < n - 1; next++) {
        if (leaf >= n || A[root].key < A[leaf].key) {
            A[next].key = A[root].key;
            A[root++].key = (uint32_t)next;
        } else {
            A[next].key = A[leaf++].key;
        }
        if (leaf >= n || (root < next && A[root].key < A[leaf].key)) {
            A[next].key += A[root].key;
            A[root++].key = (uint32_t)next;
        } else {
            A[next].key += A[leaf++].key;
        }
    }
    A[n - 2].key = 0;
    for (int next = n - 3; next >= 0; next--)
        A[next].key = A[A[next].key].key + 1;
    int avail = 1, used = 0, depth = 0;
    root = n - 2;
    int next = n - 1;
    while (avail > 0) {
        while (root >= 0 && (int)A[root].key == depth) {
            used++;
            root--;
        }
        while (avail > used) {
            A[next--].key = (uint32_t)depth;
            avail--;
        }
        avail = 2 * used;
        depth++;
        used = 0;
    }
}

/* Code lengths (at most max_bits) for n symbols from their frequencies;
 * symbols of frequency 0 get length 0. The lengths of a code longer than
 * max_bits are moved down as in miniz (the Kraft sum is kept exact). */
static void huffman_lengths(uint8_t *lengths, const uint32_t *freq, int n, int max_bits)
{
    assert(n <= LITLEN_SYMS && max_bits >= 1 && max_bits <= MAX_BITS);
    sym_freq A[LITLEN_SYMS];
    int used = 0;
    memset(lengths, 0, (size_t)n);
    for (int s = 0; s < n; s++)
        if (freq[s])
            A[used++] = (sym_freq){freq[s], (uint32_t)s};
    if (!used)
        return;
    qsort(A, (size_t)used, sizeof A[0], by_freq);
    min_redundancy(A, used);
    int count[LITLEN_SYMS + 1] = {0};
    for (int i = 0; i < used; i++)
        count[A[i].key > (uint32_t)max_bits ? (uint32_t)max_bits : A[i].key]++;
    if (used > 1) {
        uint32_t total = 0;
        for (int l = max_bits; l > 0; l--)
            total += (uint32_t)count[l] << (max_bits - l);
        while (total != (1u << max_bits)) {
            count[max_bits]--;
            for (int l = max_bits - 1; l > 0; l--)
                if (count[l]) {
                    count[l]--;
                    count[l + 1] += 2;
                    break;
                }
            total--;
        }
    }
    /* the most frequent symbols (the end of A) take the shortest codes */
    int j = used;
    for (int l = 1; l <= max_bits; l++)
        for (int c = count[l]; c > 0; c--)
            lengths[A[--j].sym] = (uint8_t)l;
}

/* Canonical codes, bit-reversed for the LSB-first writer. */
static void huffman_codes(uint16_t *codes, const uint8_t *lengths, int n)
{
    int count[MAX_BITS + 1] = {0};
    uint32_t next[MAX_BITS + 2] = {0};
    for (int s = 0; s < n; s++)
        count[lengths[s]]++;
    count[0] = 0;
    for (int l = 1; l <= MAX_BITS; l++)
        next[l + 1] = (next[l] + (uint32_t)count[l]) << 1;
    for (int s = 0; s < n; s++) {
        int len = lengths[s];
        uint32_t c = len ? next[len]++ : 0u, r = 0;
        for (int b = 0; b < len; b++, c >>= 1)
            r = (r << 1) | (c & 1);
        codes[s] = (uint16_t)r;
    }
}

/* ------------------------------------------------------------ length codes */
static const uint16_t length_base[29] = {3,  4,  5,  6,   7,   8,   9,   10,  11, 13,
                                         15, 17, 19, 23,  27,  31,  35,  43,  51, 59,
                                         67, 83, 99, 115, 131, 163, 195, 227, 258};
static const uint8_t length_extra[29] = {0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2,
                                         2, 3, 3, 3, 3, 4, 4, 4, 4, 5, 5, 5, 5, 0};

static int length_symbol(int len)
{
    int s = 28;
    while (length_base[s] > len)
        s--;
    return s;
}

/* What the main loop looks up: each literal's code and length, and each
 * match length's whole token (length code, extra bits, the 1-bit distance
 * code 0 for distance 1) and its bit count. */
typedef struct codebook {
    uint32_t literal[256]; /* code | bits << 16 */
    uint32_t match_bits[259];
    uint8_t match_count[259];
    uint16_t eob_code;
    uint8_t eob_bits;
} codebook;

/* --------------------------------------------------------------- the parse
 * One row's bytes as tokens, 8 at a time: 8 literals, or, where the 8 bytes
 * at the parse position are all zero, the whole run of zeros from there (r
 * bytes, to the next non-zero byte or the row's end) as a literal 0 and
 * matches of distance 1 covering r - 1 bytes (at most 258 each, none under
 * 3). The last n % 8 bytes after the parse are literals. One branch per 8
 * bytes, which noisy rows predict well; the histogram and the writer share
 * the parse. */
static inline uint64_t load64(const uint8_t *p)
{
    uint64_t w;
    memcpy(&w, p, 8);
    return w;
}

static inline size_t zero_run(const uint8_t *p, size_t n)
{
    size_t r = 0;
    for (; r + 8 <= n; r += 8) {
        uint64_t w = load64(p + r);
        if (w)
            return r + ((size_t)__builtin_ctzll(w) >> 3);
    }
    while (r < n && !p[r])
        r++;
    return r;
}

static inline int next_match(size_t *left)
{
    size_t m = *left;
    int len = m <= 258 ? (int)m : m - 258 < 3 ? (int)m - 3 : 258;
    *left = m - (size_t)len;
    return len;
}

/* Literals are counted in four tables, byte t of each 8 in table t % 4, so
 * runs of one residual value (0, +-1) do not wait on one counter; the
 * tables are summed into hist at the end. */
typedef uint32_t literal_counts[4][256];

static void count_row(uint32_t *hist, literal_counts lit, const uint8_t *p, size_t n)
{
    size_t i = 0;
    while (i + 8 <= n) {
        if (load64(p + i)) {
            for (int t = 0; t < 8; t++)
                lit[t & 3][p[i + t]]++;
            i += 8;
            continue;
        }
        size_t r = zero_run(p + i, n - i);
        i += r;
        hist[0]++;
        for (size_t left = r - 1; left >= 3;)
            hist[257 + length_symbol(next_match(&left))]++;
    }
    for (; i < n; i++)
        hist[p[i]]++;
}

/* Four literals of at most 14 bits each between flushes. */
static inline void put4(bitwriter *w, const codebook *cb, const uint8_t *p)
{
    uint32_t a = cb->literal[p[0]], b = cb->literal[p[1]], c = cb->literal[p[2]],
             d = cb->literal[p[3]];
    uint64_t ab = (a & 0xffff) | (uint64_t)(b & 0xffff) << (a >> 16);
    uint64_t cd = (c & 0xffff) | (uint64_t)(d & 0xffff) << (c >> 16);
    put_flush(w, ab | cd << ((a >> 16) + (b >> 16)), (a >> 16) + (b >> 16) + (c >> 16) + (d >> 16));
}

static void encode_row(bitwriter *w, const codebook *cb, const uint8_t *p, size_t n)
{
    size_t i = 0;
    while (i + 8 <= n) {
        if (load64(p + i)) {
            put4(w, cb, p + i);
            put4(w, cb, p + i + 4);
            i += 8;
            continue;
        }
        size_t r = zero_run(p + i, n - i);
        i += r;
        put_flush(w, cb->literal[0] & 0xffff, cb->literal[0] >> 16);
        for (size_t left = r - 1; left >= 3;) {
            int len = next_match(&left);
            put_flush(w, cb->match_bits[len], cb->match_count[len]);
        }
    }
    for (; i < n; i++)
        put_flush(w, cb->literal[p[i]] & 0xffff, cb->literal[p[i]] >> 16);
}

/* -------------------------------------------------------------- the header */
static void build_codebook(codebook *cb, const uint8_t *lengths, const uint16_t *codes)
{
    for (int s = 0; s < 256; s++)
        cb->literal[s] = codes[s] | (uint32_t)lengths[s] << 16;
    cb->eob_code = codes[EOB];
    cb->eob_bits = lengths[EOB];
    for (int len = 3; len <= 258; len++) {
        int s = length_symbol(len), sym = 257 + s;
        uint32_t bits = codes[sym], count = lengths[sym];
        bits |= (uint32_t)(len - length_base[s]) << count;
        count += length_extra[s];
        /* distance 1: distance code 0, no extra bits, its 1-bit code is 0 */
        cb->match_bits[len] = bits;
        cb->match_count[len] = (uint8_t)(count + 1);
    }
}

/* The dynamic block's header: HLIT 286, HDIST 1 (one distance code, length
 * 1), the code lengths sent as plain lengths 0..15 under a code of at most
 * 7 bits. */
static void put_block_header(bitwriter *w, const uint8_t *litlen_lengths)
{
    static const uint8_t order[19] = {16, 17, 18, 0, 8,  7, 9,  6, 10, 5,
                                      11, 4,  12, 3, 13, 2, 14, 1, 15};
    uint8_t all[LITLEN_SYMS + 1];
    memcpy(all, litlen_lengths, LITLEN_SYMS);
    all[LITLEN_SYMS] = 1;
    uint32_t freq[19] = {0};
    for (int i = 0; i <= LITLEN_SYMS; i++)
        freq[all[i]]++;
    uint8_t cl_lengths[19];
    uint16_t cl_codes[19];
    huffman_lengths(cl_lengths, freq, 19, 7);
    huffman_codes(cl_codes, cl_lengths, 19);
    int hclen = 19;
    while (hclen > 4 && !cl_lengths[order[hclen - 1]])
        hclen--;
    put(w, 1, 1); /* BFINAL */
    put(w, 2, 2); /* dynamic Huffman */
    put(w, LITLEN_SYMS - 257, 5);
    put(w, 0, 5); /* HDIST: 1 code */
    put_flush(w, (uint64_t)(hclen - 4), 4);
    for (int i = 0; i < hclen; i++)
        put_flush(w, cl_lengths[order[i]], 3);
    for (int i = 0; i <= LITLEN_SYMS; i++)
        put_flush(w, cl_codes[all[i]], cl_lengths[all[i]]);
}

/* ------------------------------------------------------------------ chunks */
static uint8_t *be32(uint8_t *p, uint32_t v)
{
    p[0] = (uint8_t)(v >> 24), p[1] = (uint8_t)(v >> 16), p[2] = (uint8_t)(v >> 8);
    p[3] = (uint8_t)v;
    return p + 4;
}

/* Closes a chunk whose type starts at `type` and whose data ends at `end`:
 * its length before the type, its CRC after the data. */
static uint8_t *close_chunk(const struct gfx_kernels *k, uint8_t *type, uint8_t *end)
{
    size_t len = (size_t)(end - type) - 4;
    be32(type - 4, (uint32_t)len);
    return be32(end, k->crc32(0, type, len + 4));
}

size_t gfx_png_encode_bound(int width, int height, int channels)
{
    if (width < 1 || height < 1 || width > MAX_DIM || height > MAX_DIM ||
        (channels != 3 && channels != 4))
        return 0;
    uint64_t raw = (uint64_t)height * ((uint64_t)channels * (uint64_t)width + 1);
    /* MAX_BITS per byte at worst, the block header (< 280 bytes), and the
     * signature, IHDR, IDAT framing, zlib header and Adler, IEND, slack */
    uint64_t idat = (raw * MAX_BITS + 7) / 8 + 280 + 6;
    uint64_t bound = idat + 8 + 25 + 12 + 12 + 8;
    /* one IDAT chunk: its length must fit in 31 bits */
    return idat > 0x7fffffffu || bound > (uint64_t)SIZE_MAX ? 0 : (size_t)bound;
}

static int sampled(int y, int height)
{
    return height < 16 || y % 8 == 0 || y % 8 == 5;
}

size_t gfx_png_encode(const struct gfx_kernels *k, uint8_t *out, size_t cap, const uint8_t *px,
                      ptrdiff_t stride, int width, int height, int channels)
{
    size_t bound = gfx_png_encode_bound(width, height, channels);
    if (!bound || cap < bound)
        return 0;
    if (!k)
        k = gfx_kernels_get();
    const size_t n = (size_t)channels * (size_t)width;
    uint8_t *scratch = calloc(2 * n + 64, 1);
    if (!scratch)
        return 0;
    uint8_t *filtered = scratch, *zero_row = scratch + n + 32;

    /* the histogram of a sample of rows, every symbol at least once */
    uint32_t freq[LITLEN_SYMS];
    for (int s = 0; s < LITLEN_SYMS; s++)
        freq[s] = 1;
    literal_counts lit = {{0}};
    for (int y = 0; y < height; y++)
        if (sampled(y, height)) {
            k->png_filter(filtered, px + y * stride, y ? px + (y - 1) * stride : zero_row, width,
                          channels);
            count_row(freq, lit, filtered, n + 1);
        }
    for (int t = 0; t < 4; t++)
        for (int s = 0; s < 256; s++)
            freq[s] += lit[t][s];
    uint8_t lengths[LITLEN_SYMS];
    uint16_t codes[LITLEN_SYMS];
    huffman_lengths(lengths, freq, LITLEN_SYMS, MAX_BITS);
    huffman_codes(codes, lengths, LITLEN_SYMS);
    codebook cb;
    build_codebook(&cb, lengths, codes);

    static const uint8_t signature[8] = {0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};
    uint8_t *p = out;
    memcpy(p, signature, 8);
    uint8_t *type = p + 12;
    p = be32(be32(type, 0x49484452u), (uint32_t)width); /* IHDR */
    p = be32(p, (uint32_t)height);
    /* 8 bits, RGB (2) or RGBA (6), deflate, no filter method but 0, no interlace */
    *p++ = 8, *p++ = channels == 4 ? 6 : 2, *p++ = 0, *p++ = 0, *p++ = 0;
    p = close_chunk(k, type, p);

    type = p + 4;
    p = be32(type, 0x49444154u); /* IDAT */
    *p++ = 0x78, *p++ = 0x01;    /* zlib: deflate, 32K window, fastest */
    bitwriter w = {p, 0, 0};
    put_block_header(&w, lengths);
    uint32_t adler = 1;
    for (int y = 0; y < height; y++) {
        k->png_filter(filtered, px + y * stride, y ? px + (y - 1) * stride : zero_row, width,
                      channels);
        adler = k->adler32(adler, filtered, n + 1);
        encode_row(&w, &cb, filtered, n + 1);
    }
    put(&w, cb.eob_code, cb.eob_bits);
    p = be32(align_byte(&w), adler);
    p = close_chunk(k, type, p);

    type = p + 4;
    p = close_chunk(k, type, be32(type, 0x49454e44u)); /* IEND */
    free(scratch);
    return (size_t)(p - out);
}
