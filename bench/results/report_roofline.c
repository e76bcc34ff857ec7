#include "report_roofline.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "roofline.h"

typedef void (*escape_fn)(FILE *out, const char *s);

/* Chart geometry, shared by both charts. */
#define CHART_W 1100
#define CHART_H 460
#define LEFT 80
#define RIGHT 30
#define TOP 50
#define BOTTOM 60
#define PLOT_W (CHART_W - LEFT - RIGHT)
#define PLOT_H (CHART_H - TOP - BOTTOM)

static const char *const size_colours[] = {"#4e79a7", "#59a14f", "#e15759",
                                           "#b07aa1", "#f28e2b", "#76b7b2"};
#define N_SIZE_COLOURS (int)(sizeof size_colours / sizeof size_colours[0])

typedef struct log_axis {
    double lo, hi; /* log10 of the range */
} log_axis;

static double log_pos(const log_axis *a, double v, double length)
{
    double l = v > 0 ? log10(v) : a->lo;
    l = l < a->lo ? a->lo : l > a->hi ? a->hi : l;
    return (l - a->lo) / (a->hi - a->lo) * length;
}

static double px_x(const log_axis *a, double v)
{
    return LEFT + log_pos(a, v, PLOT_W);
}

static double px_y(const log_axis *a, double v)
{
    return TOP + PLOT_H - log_pos(a, v, PLOT_H);
}

static void format_bytes(char *buf, size_t size, double bytes)
{
    if (bytes >= (1 << 30))
        snprintf(buf, size, "%.3g GiB", bytes / (1 << 30));
    else if (bytes >= (1 << 20))
        snprintf(buf, size, "%.3g MiB", bytes / (1 << 20));
    else
        snprintf(buf, size, "%.3g KiB", bytes / (1 << 10));
}

static void chart_open(FILE *out, const char *id, const char *title)
{
    fprintf(out,
            "<svg xmlns=\"http://www.w3.org/2000/svg\" id=\"%s\" width=\"%d\" height=\"%d\" "
            "viewBox=\"0 0 %d %d\" font-family=\"sans-serif\">\n",
            id, CHART_W, CHART_H, CHART_W, CHART_H);
    fprintf(out, "<style>.rt{font-size:15px;font-weight:bold}.ax{stroke:#333}.gr{stroke:#e4e4e4}"
                 ".tk{font-size:11px;fill:#333}.lb{font-size:10px;fill:#222;paint-order:stroke;"
                 "stroke:#fff;stroke-width:3px}"
                 ".cl{font-size:11px;font-weight:bold}.ceiling{fill:none;stroke-width:2.5}"
                 ".ceiling-all{fill:none;stroke-width:1.5;stroke-dasharray:6 4}"
                 ".ideal{stroke:#999;stroke-width:1.5;stroke-dasharray:6 4;fill:none}"
                 ".measured{stroke:#e15759;stroke-width:2.5;fill:none}</style>\n"
                 "<rect width=\"100%%\" height=\"100%%\" fill=\"#fff\"/>\n");
    fprintf(out, "<text x=\"%d\" y=\"24\" class=\"rt\">%s</text>\n", LEFT, title);
    fprintf(out,
            "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" class=\"ax\"/>"
            "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" class=\"ax\"/>\n",
            LEFT, TOP, LEFT, TOP + PLOT_H, LEFT, TOP + PLOT_H, LEFT + PLOT_W, TOP + PLOT_H);
}

static void axis_titles(FILE *out, const char *x_title, const char *y_title)
{
    fprintf(out, "<text x=\"%d\" y=\"%d\" class=\"tk\" text-anchor=\"middle\">%s</text>\n",
            LEFT + PLOT_W / 2, CHART_H - 14, x_title);
    fprintf(out,
            "<text transform=\"translate(18,%d) rotate(-90)\" class=\"tk\" "
            "text-anchor=\"middle\">%s</text>\n",
            TOP + PLOT_H / 2, y_title);
}

/* ------------------------------------------------------------ roofline */

typedef struct label {
    double x, y;
    int stage;
} label;

static int by_x(const void *a, const void *b)
{
    double d = ((const label *)a)->x - ((const label *)b)->x;
    return d < 0 ? -1 : d > 0;
}

/* Points close together on x share one column of labels to their right,
 * in the order of their heights, 11 px apart, each joined to its point by
 * a thin line. l[i].x, .y are the point's on entry; the label's on return,
 * the point's kept in px, py. */
static void place_labels(label *l, int n, double *px, double *py)
{
    qsort(l, (size_t)n, sizeof *l, by_x);
    for (int i = 0; i < n; i++) {
        px[i] = l[i].x;
        py[i] = l[i].y;
    }
    for (int start = 0; start < n;) {
        int end = start + 1;
        /* a point within a column's width of the first joins it too */
        while (end < n && (l[end].x - l[end - 1].x < 40 || l[end].x - l[start].x < 170))
            end++;
        double column = l[end - 1].x + 40;
        /* heights in order; the points' px, py move with them */
        for (int i = start + 1; i < end; i++)
            for (int j = i; j > start && l[j].y < l[j - 1].y; j--) {
                label t = l[j];
                l[j] = l[j - 1];
                l[j - 1] = t;
                double tx = px[j], ty = py[j];
                px[j] = px[j - 1], py[j] = py[j - 1];
                px[j - 1] = tx, py[j - 1] = ty;
            }
        for (int i = start; i < end; i++) {
            l[i].x = column;
            l[i].y = i > start && l[i].y < l[i - 1].y + 11 ? l[i - 1].y + 11 : l[i].y;
        }
        start = end;
    }
}

static int size_index(const char *name, char sizes[][64], int *n_sizes)
{
    char stage[64], isa[64], size[64];
    gfx_bench_name_split(name, stage, isa, size, sizeof stage);
    for (int i = 0; i < *n_sizes; i++)
        if (!strcmp(sizes[i], size))
            return i;
    if (*n_sizes == 8)
        return 7;
    snprintf(sizes[*n_sizes], 64, "%s", size);
    return (*n_sizes)++;
}

static void roofline_chart(FILE *out, const gfx_bench_results *r, const gfx_roofline *rl,
                           escape_fn text)
{
    /* ranges: every cache, every working set, every ceiling and point */
    double x_min = 1e300, x_max = 0, y_min = 1e300, y_max = 0;
    for (int i = 0; i < rl->n_ceilings; i++) {
        const gfx_roofline_ceiling *c = &rl->ceilings[i];
        if (c->cache_bytes > 0) {
            x_min = fmin(x_min, c->cache_bytes / 4);
            x_max = fmax(x_max, c->cache_bytes * 8);
        }
        y_max = fmax(y_max, fmax(c->gbps_1, c->gbps_all));
        y_min = fmin(y_min, c->gbps_1);
    }
    for (int i = 0; i < rl->n_stages; i++)
        if (gfx_roofline_stage_shown(r, rl->stages[i].name) && rl->stages[i].gbps > 0) {
            x_min = fmin(x_min, rl->stages[i].working_set / 2);
            x_max = fmax(x_max, rl->stages[i].working_set * 2);
            y_min = fmin(y_min, rl->stages[i].gbps);
        }
    if (x_max <= 0 || y_max <= 0)
        return;
    /* bytes on powers of 4 from 1 KiB, so the ticks read 1 KiB, 4 KiB, 16 KiB ... */
    double x_lo = 1024, x_hi = 1024;
    while (x_lo / 4 >= x_min && x_lo > 1)
        x_lo /= 4;
    while (x_lo * 4 <= x_min)
        x_lo *= 4;
    while (x_hi < x_max)
        x_hi *= 4;
    log_axis ax = {log10(x_lo), log10(x_hi > x_lo ? x_hi : x_lo * 4)};
    log_axis ay = {floor(log10(y_min / 1.5)), ceil(log10(y_max * 1.5))};
    chart_open(out, "roofline",
               "Roofline: each stage's GB/s (one core) under the bandwidth of the level its "
               "working set fits in");
    for (double v = x_lo; v <= pow(10, ax.hi) * 1.001; v *= 4) {
        double x = px_x(&ax, v);
        char b[32];
        format_bytes(b, sizeof b, v);
        fprintf(out,
                "<line x1=\"%.1f\" x2=\"%.1f\" y1=\"%d\" y2=\"%d\" class=\"gr\"/>"
                "<text x=\"%.1f\" y=\"%d\" class=\"tk\" text-anchor=\"middle\">%s</text>\n",
                x, x, TOP, TOP + PLOT_H, x, TOP + PLOT_H + 16, b);
    }
    for (int e = (int)ay.lo; e <= (int)ay.hi; e++) {
        double y = px_y(&ay, pow(10, e));
        fprintf(out,
                "<line x1=\"%d\" x2=\"%d\" y1=\"%.1f\" y2=\"%.1f\" class=\"gr\"/>"
                "<text x=\"%d\" y=\"%.1f\" class=\"tk\" text-anchor=\"end\">%g</text>\n",
                LEFT, LEFT + PLOT_W, y, y, LEFT - 6, y + 4, pow(10, e));
    }
    axis_titles(out, "working set per frame (bytes, log scale)", "GB/s (log scale)");
    /* the ceilings: one step per level, from the level inside it to its own size */
    for (int all = 0; all < 2; all++) {
        fprintf(out, "<path class=\"%s\" stroke=\"%s\" d=\"", all ? "ceiling-all" : "ceiling",
                all ? "#999" : "#222");
        double from = pow(10, ax.lo);
        for (int i = 0; i < rl->n_ceilings; i++) {
            const gfx_roofline_ceiling *c = &rl->ceilings[i];
            double to = c->cache_bytes > 0 ? c->cache_bytes : pow(10, ax.hi);
            double g = all ? c->gbps_all : c->gbps_1;
            if (g <= 0)
                continue;
            fprintf(out, "%s%.1f %.1f H%.1f ", i ? "L" : "M", px_x(&ax, from), px_y(&ay, g),
                    px_x(&ax, to));
            from = to;
        }
        fprintf(out, "\"/>\n");
    }
    double from = pow(10, ax.lo);
    for (int i = 0; i < rl->n_ceilings; i++) {
        const gfx_roofline_ceiling *c = &rl->ceilings[i];
        double to = c->cache_bytes > 0 ? c->cache_bytes : pow(10, ax.hi);
        /* DRAM's at its right end: the stages' labels stand at its left */
        if (c->cache_bytes > 0)
            fprintf(out, "<text x=\"%.1f\" y=\"%.1f\" class=\"cl\">", px_x(&ax, from) + 6,
                    px_y(&ay, c->gbps_1) - 6);
        else
            fprintf(out, "<text x=\"%d\" y=\"%.1f\" class=\"cl\" text-anchor=\"end\">",
                    LEFT + PLOT_W - 6, px_y(&ay, c->gbps_1) - 6);
        text(out, c->level);
        fprintf(out, " %.0f GB/s</text>\n", c->gbps_1);
        from = to;
    }
    /* the stages */
    char sizes[8][64];
    int n_sizes = 0, n_labels = 0;
    label *labels = calloc((size_t)rl->n_stages + 1, sizeof *labels);
    for (int i = 0; i < rl->n_stages; i++) {
        const gfx_roofline_stage *s = &rl->stages[i];
        if (!gfx_roofline_stage_shown(r, s->name) || s->gbps <= 0)
            continue;
        int c = size_index(s->name, sizes, &n_sizes);
        double x = px_x(&ax, s->working_set), y = px_y(&ay, s->gbps);
        fprintf(out,
                "<circle class=\"stage-point\" cx=\"%.1f\" cy=\"%.1f\" r=\"5\" fill=\"%s\" "
                "stroke=\"#fff\"><title>",
                x, y, size_colours[c % N_SIZE_COLOURS]);
        text(out, s->name);
        fprintf(out, ": %.1f GB/s, %.0f%% of the ", s->gbps, 100 * s->share);
        text(out, s->level);
        fprintf(out, " ceiling (%.1f GB/s)</title></circle>\n", s->ceiling_gbps);
        if (labels)
            labels[n_labels++] = (label){x, y, i};
    }
    double *px = labels ? calloc((size_t)n_labels + 1, 2 * sizeof *px) : NULL;
    if (px) {
        double *py = px + n_labels + 1;
        place_labels(labels, n_labels, px, py);
        for (int i = 0; i < n_labels; i++) {
            char stage[64], isa[64], size[64];
            gfx_bench_name_split(rl->stages[labels[i].stage].name, stage, isa, size, sizeof stage);
            fprintf(out,
                    "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"#bbb\" "
                    "stroke-width=\"0.8\"/>",
                    px[i] + 5, py[i], labels[i].x - 2, labels[i].y - 3);
            fprintf(out, "<text x=\"%.1f\" y=\"%.1f\" class=\"lb\">", labels[i].x, labels[i].y);
            text(out, stage);
            if (n_sizes > 1) {
                fprintf(out, " ");
                text(out, size);
            }
            fprintf(out, " %.0f%%</text>\n", 100 * rl->stages[labels[i].stage].share);
        }
    }
    free(px);
    free(labels);
    /* legend */
    double lx = LEFT + 10;
    for (int i = 0; i < n_sizes; i++, lx += 80) {
        fprintf(out, "<circle cx=\"%.0f\" cy=\"38\" r=\"5\" fill=\"%s\"/>", lx,
                size_colours[i % N_SIZE_COLOURS]);
        fprintf(out, "<text x=\"%.0f\" y=\"42\" class=\"tk\">", lx + 9);
        text(out, sizes[i]);
        fprintf(out, "</text>\n");
    }
    fprintf(out,
            "<line x1=\"%.0f\" x2=\"%.0f\" y1=\"38\" y2=\"38\" stroke=\"#222\" "
            "stroke-width=\"2.5\"/><text x=\"%.0f\" y=\"42\" class=\"tk\">one core</text>\n",
            lx, lx + 24, lx + 28);
    lx += 100;
    fprintf(out,
            "<line x1=\"%.0f\" x2=\"%.0f\" y1=\"38\" y2=\"38\" stroke-width=\"1.5\" "
            "stroke-dasharray=\"6 4\" stroke=\"#999\"/><text x=\"%.0f\" y=\"42\" class=\"tk\">all "
            "%d cores</text>\n",
            lx, lx + 24, lx + 28, rl->threads);
    fprintf(out, "</svg>\n");
}

/* ------------------------------------------------------------ scaling */

static void scaling_chart(FILE *out, const gfx_roofline *rl, escape_fn text)
{
    const gfx_scaling_point *p = rl->points;
    int n = rl->n_points, max_w = p[n - 1].workers;
    double fps1 = p[0].fps / (p[0].workers > 0 ? p[0].workers : 1);
    double y_max = fps1 * max_w;
    for (int i = 0; i < n; i++)
        y_max = fmax(y_max, p[i].fps);
    y_max *= 1.15;
    double x_span = max_w > 1 ? max_w - 1 : 1;
#define SX(w) (LEFT + 40 + ((w)-1) / x_span * (PLOT_W - 80))
#define SY(f) (TOP + PLOT_H - (f) / y_max * PLOT_H)
    chart_open(out, "scaling", "Worker scaling: frames per second against the worker count");
    double step = pow(10, floor(log10(y_max / 2)));
    if (y_max / step > 10)
        step *= 2;
    for (double f = 0; f <= y_max; f += step)
        fprintf(out,
                "<line x1=\"%d\" x2=\"%d\" y1=\"%.1f\" y2=\"%.1f\" class=\"gr\"/>"
                "<text x=\"%d\" y=\"%.1f\" class=\"tk\" text-anchor=\"end\">%g</text>\n",
                LEFT, LEFT + PLOT_W, SY(f), SY(f), LEFT - 6, SY(f) + 4, f);
    for (int w = 1; w <= max_w; w += max_w > 16 ? max_w / 8 : 1)
        fprintf(out, "<text x=\"%.1f\" y=\"%d\" class=\"tk\" text-anchor=\"middle\">%d</text>\n",
                SX(w), TOP + PLOT_H + 16, w);
    axis_titles(out, "workers", "frames per second");
    fprintf(out, "<path class=\"ideal\" d=\"M%.1f %.1f L%.1f %.1f\"/>\n", SX(1), SY(fps1),
            SX(max_w), SY(fps1 * max_w));
    fprintf(out,
            "<text x=\"%.1f\" y=\"%.1f\" class=\"tk\" text-anchor=\"end\">ideal: %d x the "
            "1-worker fps</text>\n",
            SX(max_w) - 8, SY(fps1 * max_w) - 8, max_w);
    fprintf(out, "<path class=\"measured\" d=\"");
    for (int i = 0; i < n; i++)
        fprintf(out, "%s%.1f %.1f ", i ? "L" : "M", SX(p[i].workers), SY(p[i].fps));
    fprintf(out, "\"/>\n");
    for (int i = 0; i < n; i++) {
        fprintf(out,
                "<circle class=\"scaling-point\" cx=\"%.1f\" cy=\"%.1f\" r=\"6\" "
                "fill=\"#e15759\"><title>%d worker%s: %.1f fps, speed-up %.2fx, efficiency "
                "%.0f%%</title></circle>\n",
                SX(p[i].workers), SY(p[i].fps), p[i].workers, p[i].workers == 1 ? "" : "s",
                p[i].fps, p[i].speedup, 100 * p[i].efficiency);
        fprintf(out,
                "<text x=\"%.1f\" y=\"%.1f\" class=\"lb\" text-anchor=\"%s\">%.1f fps, "
                "%.2fx, %.0f%%</text>\n",
                SX(p[i].workers) + (i == n - 1 && n > 1 ? -10 : 10), SY(p[i].fps) + 18,
                i == n - 1 && n > 1 ? "end" : "start", p[i].fps, p[i].speedup,
                100 * p[i].efficiency);
    }
    fprintf(out, "<text x=\"%d\" y=\"42\" class=\"tk\">", LEFT + 10);
    text(out, rl->scaling_command);
    fprintf(out, "; labels: fps, speed-up, efficiency (speed-up / workers)</text>\n</svg>\n");
#undef SX
#undef SY
}

/* ------------------------------------------------------------ tables */

static void ceiling_table(FILE *out, const gfx_roofline *rl, escape_fn text)
{
    fprintf(out,
            "<table><tr><th>level</th><th>cache</th><th>GB/s, 1 core</th>"
            "<th>GB/s, all %d cores</th></tr>\n",
            rl->threads);
    for (int i = 0; i < rl->n_ceilings; i++) {
        const gfx_roofline_ceiling *c = &rl->ceilings[i];
        char b[32] = "-";
        if (c->cache_bytes > 0)
            format_bytes(b, sizeof b, c->cache_bytes);
        fprintf(out, "<tr><td>");
        text(out, c->level);
        fprintf(out, "</td><td>%s</td><td>%.1f</td><td>%.1f</td></tr>\n", b, c->gbps_1,
                c->gbps_all);
    }
    fprintf(out, "</table>\n");
}

static void stage_table(FILE *out, const gfx_bench_results *r, const gfx_roofline *rl,
                        escape_fn text)
{
    fprintf(out, "<table class=\"roofline\"><tr><th>benchmark</th><th>working set</th>"
                 "<th>bytes/frame</th><th>GB/s</th><th>level</th><th>ceiling GB/s</th>"
                 "<th>%% of roofline</th></tr>\n");
    for (int i = 0; i < rl->n_stages; i++) {
        const gfx_roofline_stage *s = &rl->stages[i];
        if (!gfx_roofline_stage_shown(r, s->name))
            continue;
        char ws[32], bytes[32];
        format_bytes(ws, sizeof ws, s->working_set);
        format_bytes(bytes, sizeof bytes, s->bytes_per_frame);
        fprintf(out, "<tr><td>");
        text(out, s->name);
        fprintf(out, "</td><td>%s</td><td>%s</td><td>%.1f</td><td>", ws, bytes, s->gbps);
        text(out, s->level);
        fprintf(out, "</td><td>%.1f</td><td>%.0f%%</td></tr>\n", s->ceiling_gbps, 100 * s->share);
    }
    fprintf(out, "</table>\n");
}

void gfx_report_roofline(FILE *out, const gfx_bench_results *r, escape_fn text)
{
    gfx_roofline rl;
    if (gfx_roofline_read(r, &rl))
        return;
    if (rl.n_ceilings) {
        fprintf(out, "<h2>Roofline</h2>\n<p>Each stage's achieved GB/s on one core against this "
                     "machine's bandwidth (STREAM-like triad or copy, the better) of the level "
                     "its working set fits in; the stages of the best ISA and the plain-C "
                     "ones. Hover a point for its figures; the tables are below the "
                     "charts.</p>\n");
        roofline_chart(out, r, &rl, text);
    }
    if (rl.n_points) {
        fprintf(out, "<h2>Worker scaling</h2>\n<p>");
        text(out, rl.scaling_command);
        fprintf(out, ", best of the rounds, for each worker count.</p>\n");
        scaling_chart(out, &rl, text);
    }
    if (rl.n_ceilings) {
        fprintf(out, "<h3>Bandwidths and each stage's share of its roofline</h3>\n");
        ceiling_table(out, &rl, text);
        stage_table(out, r, &rl, text);
    }
    if (rl.n_ceilings || rl.n_points)
        fprintf(out, "<h2>Stages against their budgets</h2>\n");
    gfx_roofline_free(&rl);
}
