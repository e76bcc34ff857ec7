/* A live view in a terminal: a grid of coloured characters as ANSI escape
 * text, one terminal character per cell.
 *
 * The encoder (gfx_term_encoder) turns a grid of (code point, r, g, b) into
 * the text that brings the terminal from the last frame it was given to this
 * one: only cells whose character or colour (after mapping to the colour
 * depth) changed are sent. It tracks the cursor and the foreground colour, so
 * a run of changed cells costs one cursor move and a colour escape only when
 * the colour changes; a move is the shorter of ESC[nC (same row, forward)
 * and ESC[row;colH. Blank cells (code point 0 or ' ', and black cells) are
 * plain spaces with no colour. No background colour is ever set.
 *
 * Colour depths:
 *   24-bit  ESC[38;2;R;G;Bm, each channel kept to its top `bits` bits and
 *           those repeated down to bit 0 (6 bits: c & 0xfc | c >> 6), so
 *           0 and 255 stay; 8 bits sends the colour exact. Fewer bits make
 *           runs of one colour longer and changes between frames rarer: at
 *           6 bits (steps of 4/255) a 200x60 plasma takes 37 % fewer bytes
 *           than exact (tools/cmd_play.c has the measurement)
 *   256     ESC[38;5;Nm, N = 16 + 36*(R/51) + 6*(G/51) + B/51 (the 6x6x6
 *           cube, each channel's quotient rounded down)
 *   16      ESC[3Nm / ESC[9Nm: the nearest (squared RGB distance, the lower
 *           index on a tie) of xterm's default 16 colours, gfx_term_palette16
 * gfx_term_depth_detect picks one from the environment: COLORTERM truecolor
 * or 24bit -> 24-bit; else TERM containing "256color" -> 256; else 16.
 *
 * The session (gfx_term) owns a terminal file descriptor while a video
 * plays: the alternate screen, the cursor hidden, echo and line editing
 * off, Ctrl-Z off (a stopped player would leave the shell in its modes) and
 * no flush of the output on Ctrl-C (NOFLSH) on open; on
 * close the attributes reset, the cursor shown, the main screen and the
 * terminal's modes restored. It fits the grid to the terminal (TIOCGWINSZ):
 * a grid that fits is shown whole, centred; a larger one is sampled (nearest
 * cell, the grid's aspect kept) to the largest size that fits, centred. A
 * SIGWINCH makes the next frame a full redraw at the new size. Library code:
 * statuses and one line in err, nothing printed. */
#ifndef GFX_TERMINAL_H
#define GFX_TERMINAL_H

#include <signal.h>
#include <stddef.h>
#include <stdint.h>
#include <termios.h>

#include "status.h"

typedef struct gfx_term_cell {
    uint32_t codepoint; /* 0 or ' ': blank */
    uint8_t r, g, b;
} gfx_term_cell;

enum gfx_term_depth { GFX_TERM_16 = 0, GFX_TERM_256, GFX_TERM_24BIT };

/* From the values of COLORTERM and TERM (either may be NULL). */
enum gfx_term_depth gfx_term_depth_detect(const char *colorterm, const char *term);
/* "16", "256", "24bit" (also "truecolor"); -1 for anything else. */
int gfx_term_depth_parse(const char *name);
const char *gfx_term_depth_name(enum gfx_term_depth depth);

/* The 256-colour index and the 16-colour index (0..15) of a colour. */
int gfx_term_colour256(uint8_t r, uint8_t g, uint8_t b);
int gfx_term_colour16(uint8_t r, uint8_t g, uint8_t b);
extern const uint8_t gfx_term_palette16[16][3];

/* What the terminal shows of one cell: the code point and the colour as
 * sent (24-bit RGB, or the palette index). */
typedef struct gfx_term_shown {
    uint32_t codepoint;
    uint32_t colour;
} gfx_term_shown;

typedef struct gfx_term_encoder {
    int rows, cols; /* the view */
    int top, left;  /* its place on the screen, 0-based */
    enum gfx_term_depth depth;
    int bits;                   /* per channel, 24-bit only: 1..8 */
    gfx_term_shown *shown;      /* rows*cols: what the terminal shows now */
    int redraw;                 /* the next frame clears the screen and sends every cell */
    int cursor_row, cursor_col; /* view coordinates; row -1: unknown */
    int64_t colour;             /* the foreground in effect; -1: the default */
    char *text;                 /* the last frame's escape text */
    size_t len, cap;
} gfx_term_encoder;

/* A rows x cols view at (top, left) of the screen, `bits` per channel at
 * 24-bit (1..8; ignored otherwise); the first frame is a full redraw. 0, or
 * -1 with a line in err (out of memory). */
int gfx_term_encoder_init(gfx_term_encoder *e, int rows, int cols, int top, int left,
                          enum gfx_term_depth depth, int bits, char *err, size_t err_size);
void gfx_term_encoder_free(gfx_term_encoder *e);
/* The text bringing the terminal to `cells` (rows*cols, row-major) from the
 * last frame encoded: owned by the encoder, valid until its next call; *len
 * its length (0 when nothing changed). NULL when out of memory. */
const char *gfx_term_encode(gfx_term_encoder *e, const gfx_term_cell *cells, size_t *len);

/* Where a grid_rows x grid_cols grid goes on a term_rows x term_cols screen. */
typedef struct gfx_term_fit {
    int rows, cols; /* cells shown */
    int top, left;  /* where, 0-based */
    int grid_rows, grid_cols;
} gfx_term_fit;
void gfx_term_fit_grid(int grid_rows, int grid_cols, int term_rows, int term_cols,
                       gfx_term_fit *fit);
/* The fit's rows*cols cells of grid (grid_rows*grid_cols, row-major): shown
 * cell (i, j) is grid cell ((2i+1)*grid_rows / (2*rows), (2j+1)*grid_cols /
 * (2*cols)), the nearest to its centre. */
void gfx_term_sample(const gfx_term_fit *fit, const gfx_term_cell *grid, gfx_term_cell *out);

/* The size of the terminal on fd: 0, or -1 with a line in err. */
int gfx_term_size(int fd, int *rows, int *cols, char *err, size_t err_size);

typedef struct gfx_term {
    int fd;
    enum gfx_term_depth depth;
    int bits;
    int open;
    int term_rows, term_cols;
    gfx_term_fit fit;
    gfx_term_encoder enc;
    gfx_term_cell *view; /* the fit's cells */
    size_t view_cap;
    struct termios saved_modes;
    int modes_saved;
    struct sigaction saved_winch;
    uint64_t bytes, frames, redraws; /* written so far */
    double encode_s, write_s;        /* spent fitting and encoding; writing */
} gfx_term;

/* Takes over the terminal on fd: GFX_BAD_INPUT when fd is not a terminal,
 * GFX_FAILED when it cannot be set up (with a line in err). On failure the
 * terminal is left as it was. */
gfx_status gfx_term_open(gfx_term *t, int fd, enum gfx_term_depth depth, int bits, char *err,
                         size_t err_size);
/* Shows a grid: a full redraw at the new size after a resize or when the
 * grid's size changed, else the changed cells. Writes the whole frame even
 * when a signal interrupts the write, so the terminal never holds half an
 * escape sequence. GFX_FAILED with a line in err when the write fails. */
gfx_status gfx_term_show(gfx_term *t, const gfx_term_cell *grid, int grid_rows, int grid_cols,
                         char *err, size_t err_size);
/* 1 when a q (or Q) was typed: the keys waiting on in_fd (the terminal's
 * input; nothing when it is not a terminal) are read; 0 otherwise. */
int gfx_term_quit_key(int in_fd);
/* Gives the terminal back as it was (safe to call twice, and after a failed
 * show). */
void gfx_term_close(gfx_term *t);

#endif
