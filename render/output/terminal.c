#include "terminal.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <poll.h>
#include <sys/ioctl.h>
#include <unistd.h>

#include "timing.h"

/* Set by SIGWINCH, read and cleared by gfx_term_show: like the interrupt
 * flag, the one state a signal handler may reach. */
static volatile sig_atomic_t resized;

static void on_resize(int sig)
{
    (void)sig;
    resized = 1;
}

/* ------------------------------------------------------------ colour depth */

enum gfx_term_depth gfx_term_depth_detect(const char *colorterm, const char *term)
{
    if (colorterm && (!strcmp(colorterm, "truecolor") || !strcmp(colorterm, "24bit")))
        return GFX_TERM_24BIT;
    if (term && strstr(term, "256color"))
        return GFX_TERM_256;
    return GFX_TERM_16;
}

int gfx_term_depth_parse(const char *name)
{
    if (!strcmp(name, "24bit") || !strcmp(name, "truecolor"))
        return GFX_TERM_24BIT;
    if (!strcmp(name, "256"))
        return GFX_TERM_256;
    if (!strcmp(name, "16"))
        return GFX_TERM_16;
    return -1;
}

const char *gfx_term_depth_name(enum gfx_term_depth depth)
{
    return depth == GFX_TERM_24BIT ? "24bit" : depth == GFX_TERM_256 ? "256" : "16";
}

const uint8_t gfx_term_palette16[16][3] = {
    {0, 0, 0},     {205, 0, 0},     {0, 205, 0},     {205, 205, 0},   {0, 0, 238}, {205, 0, 205},
    {0, 205, 205}, {229, 229, 229}, {127, 127, 127}, {255, 0, 0},     {0, 255, 0}, {255, 255, 0},
    {92, 92, 255}, {255, 0, 255},   {0, 255, 255},   {255, 255, 255},
};

int gfx_term_colour256(uint8_t r, uint8_t g, uint8_t b)
{
    return 16 + 36 * (r / 51) + 6 * (g / 51) + b / 51;
}

int gfx_term_colour16(uint8_t r, uint8_t g, uint8_t b)
{
    int best = 0, best_d = -1;
    for (int i = 0; i < 16; i++) {
        int dr = r - gfx_term_palette16[i][0], dg = g - gfx_term_palette16[i][1],
            db = b - gfx_term_palette16[i][2];
        int d = dr * dr + dg * dg + db * db;
        if (best_d < 0 || d < best_d)
            best = i, best_d = d;
    }
    return best;
}

/* ----------------------------------------------------------------- encoder */

#define BLANK_COLOUR UINT32_MAX

/* The top `bits` bits of c, repeated down to bit 0. */
static uint32_t keep_bits(uint8_t c, int bits)
{
    uint32_t top = (uint32_t)c >> (8 - bits), v = 0;
    for (int shift = 8 - bits; shift > -bits; shift -= bits)
        v |= shift >= 0 ? top << shift : top >> -shift;
    return v & 255;
}

static gfx_term_shown shown_of(const gfx_term_cell *c, const gfx_term_encoder *e)
{
    if (c->codepoint == 0 || c->codepoint == ' ' || (c->r | c->g | c->b) == 0)
        return (gfx_term_shown){' ', BLANK_COLOUR};
    uint32_t colour;
    if (e->depth == GFX_TERM_24BIT)
        colour = keep_bits(c->r, e->bits) << 16 | keep_bits(c->g, e->bits) << 8 |
                 keep_bits(c->b, e->bits);
    else if (e->depth == GFX_TERM_256)
        colour = (uint32_t)gfx_term_colour256(c->r, c->g, c->b);
    else
        colour = (uint32_t)gfx_term_colour16(c->r, c->g, c->b);
    return (gfx_term_shown){c->codepoint, colour};
}

static void clear_shown(gfx_term_encoder *e)
{
    for (size_t i = 0; i < (size_t)e->rows * (size_t)e->cols; i++)
        e->shown[i] = (gfx_term_shown){' ', BLANK_COLOUR};
}

int gfx_term_encoder_init(gfx_term_encoder *e, int rows, int cols, int top, int left,
                          enum gfx_term_depth depth, int bits, char *err, size_t err_size)
{
    *e = (gfx_term_encoder){.rows = rows,
                            .cols = cols,
                            .top = top,
                            .left = left,
                            .depth = depth,
                            .bits = bits < 1   ? 1
                                    : bits > 8 ? 8
                                               : bits,
                            .redraw = 1,
                            .cursor_row = -1,
                            .colour = -1};
    e->shown = malloc((size_t)rows * (size_t)cols * sizeof *e->shown);
    if (!e->shown) {
        snprintf(err, err_size, "out of memory for a %dx%d terminal view", cols, rows);
        return -1;
    }
    clear_shown(e);
    return 0;
}

void gfx_term_encoder_free(gfx_term_encoder *e)
{
    free(e->shown);
    free(e->text);
    *e = (gfx_term_encoder){0};
}

/* Appends n bytes; -1 when out of memory (the frame is then given up). */
static int put(gfx_term_encoder *e, const char *s, size_t n)
{
    if (e->len + n > e->cap) {
        size_t cap = e->cap ? e->cap : 4096;
        while (cap < e->len + n)
            cap *= 2;
        char *text = realloc(e->text, cap);
        if (!text)
            return -1;
        e->text = text, e->cap = cap;
    }
    memcpy(e->text + e->len, s, n);
    e->len += n;
    return 0;
}

static int putf(gfx_term_encoder *e, const char *fmt, int a, int b)
{
    char s[32];
    int n = snprintf(s, sizeof s, fmt, a, b);
    return put(e, s, (size_t)n);
}

static int digits(int v)
{
    return v >= 100 ? 3 : v >= 10 ? 2 : 1; /* terminals are under 1000 cells a side */
}

/* Moves the cursor to view cell (row, col) by the shorter escape. */
static int move_to(gfx_term_encoder *e, int row, int col)
{
    if (e->cursor_row == row && e->cursor_col == col)
        return 0;
    int screen_row = e->top + row + 1, screen_col = e->left + col + 1;
    int absolute = 4 + digits(screen_row) + digits(screen_col); /* ESC[r;cH */
    if (e->cursor_row == row && e->cursor_col < col) {
        int n = col - e->cursor_col;
        int forward = n == 1 ? 3 : 3 + digits(n); /* ESC[C, ESC[nC */
        if (forward <= absolute)
            return n == 1 ? put(e, "\033[C", 3) : putf(e, "\033[%dC", n, 0);
    }
    return putf(e, "\033[%d;%dH", screen_row, screen_col);
}

static int set_colour(gfx_term_encoder *e, uint32_t colour)
{
    if (colour == BLANK_COLOUR || e->colour == (int64_t)colour)
        return 0;
    e->colour = colour;
    if (e->depth == GFX_TERM_24BIT) {
        char s[32];
        int n = snprintf(s, sizeof s, "\033[38;2;%u;%u;%um", colour >> 16, (colour >> 8) & 255,
                         colour & 255);
        return put(e, s, (size_t)n);
    }
    if (e->depth == GFX_TERM_256)
        return putf(e, "\033[38;5;%dm", (int)colour, 0);
    return putf(e, "\033[%dm", colour < 8 ? 30 + (int)colour : 90 + (int)colour - 8, 0);
}

static int put_utf8(gfx_term_encoder *e, uint32_t cp)
{
    char s[4];
    size_t n;
    if (cp < 0x80)
        s[0] = (char)cp, n = 1;
    else if (cp < 0x800)
        s[0] = (char)(0xc0 | cp >> 6), s[1] = (char)(0x80 | (cp & 63)), n = 2;
    else if (cp < 0x10000)
        s[0] = (char)(0xe0 | cp >> 12), s[1] = (char)(0x80 | ((cp >> 6) & 63)),
        s[2] = (char)(0x80 | (cp & 63)), n = 3;
    else
        s[0] = (char)(0xf0 | cp >> 18), s[1] = (char)(0x80 | ((cp >> 12) & 63)),
        s[2] = (char)(0x80 | ((cp >> 6) & 63)), s[3] = (char)(0x80 | (cp & 63)), n = 4;
    return put(e, s, n);
}

const char *gfx_term_encode(gfx_term_encoder *e, const gfx_term_cell *cells, size_t *len)
{
    int fail = 0;
    e->len = 0;
    if (e->redraw) {
        /* the screen is blank and the colour the default afterwards */
        fail |= put(e, "\033[0m\033[2J", 8);
        clear_shown(e);
        e->colour = -1;
        e->cursor_row = -1;
        e->redraw = 0;
    }
    for (int row = 0; row < e->rows && !fail; row++)
        for (int col = 0; col < e->cols && !fail; col++) {
            size_t i = (size_t)row * (size_t)e->cols + (size_t)col;
            gfx_term_shown s = shown_of(&cells[i], e);
            if (s.codepoint == e->shown[i].codepoint && s.colour == e->shown[i].colour)
                continue;
            fail |= move_to(e, row, col) | set_colour(e, s.colour) | put_utf8(e, s.codepoint);
            e->shown[i] = s;
            /* past the last column terminals differ (pending wrap): ask no more */
            e->cursor_row = col + 1 < e->cols ? row : -1;
            e->cursor_col = col + 1;
        }
    if (fail) {
        e->redraw = 1; /* what the terminal shows is no longer known */
        return NULL;
    }
    *len = e->len;
    return e->text ? e->text : "";
}

/* ----------------------------------------------------------------- fitting */

void gfx_term_fit_grid(int grid_rows, int grid_cols, int term_rows, int term_cols,
                       gfx_term_fit *fit)
{
    int rows = grid_rows, cols = grid_cols;
    if (rows > term_rows || cols > term_cols) {
        /* the largest size of the grid's aspect that fits */
        if ((long)term_rows * grid_cols <= (long)term_cols * grid_rows) {
            rows = term_rows;
            cols = (int)(((long)grid_cols * term_rows * 2 + grid_rows) / (2L * grid_rows));
        } else {
            cols = term_cols;
            rows = (int)(((long)grid_rows * term_cols * 2 + grid_cols) / (2L * grid_cols));
        }
        rows = rows < 1 ? 1 : rows > term_rows ? term_rows : rows;
        cols = cols < 1 ? 1 : cols > term_cols ? term_cols : cols;
    }
    *fit = (gfx_term_fit){.rows = rows,
                          .cols = cols,
                          .top = (term_rows - rows) / 2,
                          .left = (term_cols - cols) / 2,
                          .grid_rows = grid_rows,
                          .grid_cols = grid_cols};
}

void gfx_term_sample(const gfx_term_fit *fit, const gfx_term_cell *grid, gfx_term_cell *out)
{
    for (int i = 0; i < fit->rows; i++) {
        int src_row = (int)((2L * i + 1) * fit->grid_rows / (2L * fit->rows));
        const gfx_term_cell *line = grid + (size_t)src_row * (size_t)fit->grid_cols;
        for (int j = 0; j < fit->cols; j++)
            *out++ = line[(2L * j + 1) * fit->grid_cols / (2L * fit->cols)];
    }
}

/* ----------------------------------------------------------------- session */

int gfx_term_size(int fd, int *rows, int *cols, char *err, size_t err_size)
{
    struct winsize ws;
    if (ioctl(fd, TIOCGWINSZ, &ws) < 0) {
        snprintf(err, err_size, "cannot read the terminal's size: %s", strerror(errno));
        return -1;
    }
    if (ws.ws_row < 1 || ws.ws_col < 1) {
        snprintf(err, err_size, "the terminal reports a size of %ux%u; expected at least 1x1",
                 ws.ws_col, ws.ws_row);
        return -1;
    }
    *rows = ws.ws_row, *cols = ws.ws_col;
    return 0;
}

/* Writes all of s: a signal may cut a write short, never leave a frame half
 * sent. 0, or -1 with errno. */
static int write_all(int fd, const char *s, size_t n)
{
    while (n) {
        ssize_t w = write(fd, s, n);
        if (w < 0 && errno == EINTR)
            continue;
        if (w < 0)
            return -1;
        s += w, n -= (size_t)w;
    }
    return 0;
}

#define ENTER "\033[?1049h\033[?25l\033[0m\033[2J"
#define LEAVE "\033[0m\033[?25h\033[?1049l"

gfx_status gfx_term_open(gfx_term *t, int fd, enum gfx_term_depth depth, int bits, char *err,
                         size_t err_size)
{
    *t = (gfx_term){.fd = fd, .depth = depth, .bits = bits};
    if (!isatty(fd))
        return gfx_fail(err, err_size, GFX_BAD_INPUT, "file descriptor %d is not a terminal", fd);
    if (gfx_term_size(fd, &t->term_rows, &t->term_cols, err, err_size))
        return GFX_FAILED;
    if (tcgetattr(fd, &t->saved_modes) == 0) {
        /* keys typed while playing would echo into the picture, and Ctrl-C
         * would make the terminal driver drop the output queued, cutting an
         * escape sequence so its tail shows as text (NOFLSH keeps it) */
        struct termios quiet = t->saved_modes;
        quiet.c_lflag &= ~(tcflag_t)(ECHO | ICANON);
        quiet.c_lflag |= NOFLSH;
        quiet.c_cc[VSUSP] = _POSIX_VDISABLE;
        quiet.c_cc[VMIN] = 1, quiet.c_cc[VTIME] = 0;
        t->modes_saved = tcsetattr(fd, TCSANOW, &quiet) == 0;
    }
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = on_resize;
    sigemptyset(&sa.sa_mask);
    sigaction(SIGWINCH, &sa, &t->saved_winch);
    resized = 0;
    t->open = 1;
    if (write_all(fd, ENTER, sizeof ENTER - 1)) {
        gfx_fail(err, err_size, GFX_FAILED, "cannot write to the terminal: %s", strerror(errno));
        gfx_term_close(t);
        return GFX_FAILED;
    }
    return GFX_OK;
}

/* A new fit (and encoder) when the terminal or the grid changed size. */
static gfx_status refit(gfx_term *t, int grid_rows, int grid_cols, char *err, size_t err_size)
{
    if (resized) {
        resized = 0;
        if (gfx_term_size(t->fd, &t->term_rows, &t->term_cols, err, err_size))
            return GFX_FAILED;
    }
    gfx_term_fit fit;
    gfx_term_fit_grid(grid_rows, grid_cols, t->term_rows, t->term_cols, &fit);
    if (t->enc.shown && !memcmp(&fit, &t->fit, sizeof fit))
        return GFX_OK;
    size_t cells = (size_t)fit.rows * (size_t)fit.cols;
    if (cells > t->view_cap) {
        gfx_term_cell *view = realloc(t->view, cells * sizeof *view);
        if (!view)
            return gfx_fail(err, err_size, GFX_FAILED, "out of memory for the terminal view");
        t->view = view, t->view_cap = cells;
    }
    gfx_term_encoder_free(&t->enc);
    t->fit = fit;
    t->redraws++;
    return gfx_term_encoder_init(&t->enc, fit.rows, fit.cols, fit.top, fit.left, t->depth, t->bits,
                                 err, err_size)
               ? GFX_FAILED
               : GFX_OK;
}

gfx_status gfx_term_show(gfx_term *t, const gfx_term_cell *grid, int grid_rows, int grid_cols,
                         char *err, size_t err_size)
{
    gfx_status status = refit(t, grid_rows, grid_cols, err, err_size);
    if (status)
        return status;
    double start = gfx_now_s();
    gfx_term_sample(&t->fit, grid, t->view);
    size_t len;
    const char *text = gfx_term_encode(&t->enc, t->view, &len);
    if (!text)
        return gfx_fail(err, err_size, GFX_FAILED, "out of memory encoding a terminal frame");
    double encoded = gfx_now_s();
    if (write_all(t->fd, text, len))
        return gfx_fail(err, err_size, GFX_FAILED, "cannot write to the terminal: %s",
                        strerror(errno));
    t->encode_s += encoded - start;
    t->write_s += gfx_now_s() - encoded;
    t->bytes += len;
    t->frames++;
    return GFX_OK;
}

int gfx_term_quit_key(int in_fd)
{
    struct pollfd p = {.fd = in_fd, .events = POLLIN};
    int quit = 0;
    char keys[64];
    while (isatty(in_fd) && poll(&p, 1, 0) == 1 && (p.revents & POLLIN)) {
        ssize_t n = read(in_fd, keys, sizeof keys);
        if (n <= 0)
            break;
        quit |= memchr(keys, 'q', (size_t)n) || memchr(keys, 'Q', (size_t)n);
    }
    return quit;
}

void gfx_term_close(gfx_term *t)
{
    if (t->open) {
        write_all(t->fd, LEAVE, sizeof LEAVE - 1);
        if (t->modes_saved)
            tcsetattr(t->fd, TCSADRAIN, &t->saved_modes);
        sigaction(SIGWINCH, &t->saved_winch, NULL);
        t->open = 0;
    }
    gfx_term_encoder_free(&t->enc);
    free(t->view);
    t->view = NULL, t->view_cap = 0;
}
