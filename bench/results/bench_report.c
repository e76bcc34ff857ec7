#include "bench_report.h"

#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "files.h"
#include "report_roofline.h"

#define PART 64
#define MAX_KEYS 32

/* The distinct values of one part of the stage names, in order of first
 * appearance (stages, ISAs, sizes). */
typedef struct key_list {
    char keys[MAX_KEYS][PART];
    int n;
} key_list;

static void key_add(key_list *l, const char *k)
{
    for (int i = 0; i < l->n; i++)
        if (!strcmp(l->keys[i], k))
            return;
    if (l->n < MAX_KEYS)
        snprintf(l->keys[l->n++], PART, "%s", k);
}

static void collect_keys(const gfx_bench_results *r, key_list *stages, key_list *isas,
                         key_list *sizes)
{
    memset(stages, 0, sizeof *stages);
    memset(isas, 0, sizeof *isas);
    memset(sizes, 0, sizeof *sizes);
    for (int i = 0; i < r->count; i++) {
        if (gfx_bench_is_reference(r->entries[i].name))
            continue;
        char stage[PART], isa[PART], size[PART];
        gfx_bench_name_split(r->entries[i].name, stage, isa, size, PART);
        key_add(stages, stage);
        key_add(isas, isa);
        key_add(sizes, size);
    }
}

/* The one escape for text from a results file, in SVG and HTML alike:
 * element content and attribute values (either quote). */
static void xml_text(FILE *out, const char *s)
{
    for (; *s; s++)
        switch (*s) {
        case '&': fputs("&amp;", out); break;
        case '<': fputs("&lt;", out); break;
        case '>': fputs("&gt;", out); break;
        case '"': fputs("&quot;", out); break;
        case '\'': fputs("&#39;", out); break;
        default: fputc(*s, out);
        }
}

static const char *const isa_colours[] = {"#8c8c8c", "#4e79a7", "#59a14f", "#e15759",
                                          "#b07aa1", "#f28e2b", "#76b7b2"};
#define N_COLOURS (int)(sizeof isa_colours / sizeof isa_colours[0])

/* Chart geometry: fractions of the budget on a log scale, 1% to 100x. */
#define LOG_MIN (-2.0)
#define LOG_MAX 2.0
#define PANEL_W 560
#define PANEL_H 270
#define PLOT_TOP 40
#define PLOT_H 180
#define PLOT_LEFT 60
#define BAR_W 14
#define GROUP_GAP 22
#define HEADER_H 70

static double y_of(double fraction)
{
    double l = fraction > 0 ? log10(fraction) : LOG_MIN;
    l = l < LOG_MIN ? LOG_MIN : l > LOG_MAX ? LOG_MAX : l;
    return PLOT_TOP + (LOG_MAX - l) / (LOG_MAX - LOG_MIN) * PLOT_H;
}

static void panel_axes(FILE *out, const char *stage, double plot_w)
{
    static const struct {
        double v;
        const char *label;
    } ticks[] = {{0.01, "1%"}, {0.1, "10%"}, {1, "budget"}, {10, "10x"}, {100, "100x"}};
    fprintf(out, "<text x=\"%d\" y=\"20\" class=\"title\">", PLOT_LEFT);
    xml_text(out, stage);
    fprintf(out, "</text>\n");
    for (size_t t = 0; t < sizeof ticks / sizeof ticks[0]; t++) {
        double y = y_of(ticks[t].v);
        fprintf(out, "<line x1=\"%d\" x2=\"%.0f\" y1=\"%.1f\" y2=\"%.1f\" class=\"%s\"/>\n",
                PLOT_LEFT, PLOT_LEFT + plot_w, y, y, ticks[t].v == 1 ? "budget" : "grid");
        fprintf(out, "<text x=\"%d\" y=\"%.1f\" class=\"tick\">%s</text>\n", PLOT_LEFT - 4, y + 3,
                ticks[t].label);
    }
}

static void bar(FILE *out, const gfx_bench_entry *e, int colour, double x)
{
    double base = y_of(pow(10, LOG_MIN));
    if (!e || e->skipped || e->budget_ms <= 0) {
        fprintf(out, "<text x=\"%.1f\" y=\"%.1f\" class=\"na\">n/a</text>\n", x + BAR_W / 2.0,
                base - 4);
        return;
    }
    double top = y_of(e->budget_used);
    fprintf(out, "<rect x=\"%.1f\" y=\"%.1f\" width=\"%d\" height=\"%.1f\" fill=\"%s\">", x, top,
            BAR_W - 2, base - top, isa_colours[colour % N_COLOURS]);
    fprintf(out, "<title>");
    xml_text(out, e->name);
    fprintf(out, ": %.3f ms, %.0f%% of the %.2f ms budget, %.1fx memcpy, %.1f GB/s", e->ms,
            100 * e->budget_used, e->budget_ms, e->x_memcpy, e->gbps);
    if (*e->label) {
        fprintf(out, "; ");
        xml_text(out, e->label);
    }
    fprintf(out, "</title></rect>\n");
    fprintf(out,
            "<text transform=\"translate(%.1f,%.1f) rotate(-90)\" class=\"value\">%.3g ms "
            "(%.1fx)</text>\n",
            x + BAR_W / 2.0 + 3, top - 3, e->ms, e->x_memcpy);
}

/* The memcpy bound of a size group, and the seed's budget across the panel. */
static void reference_lines(FILE *out, const gfx_bench_entry *any, double x0, double x1)
{
    if (!any || any->budget_ms <= 0)
        return;
    if (any->memcpy_ms > 0) {
        double y = y_of(any->memcpy_ms / any->budget_ms);
        fprintf(out, "<line x1=\"%.1f\" x2=\"%.1f\" y1=\"%.1f\" y2=\"%.1f\" class=\"memcpy\"/>\n",
                x0 - 2, x1 + 2, y, y);
    }
    if (any->seed_budget_used > 0) {
        double y = y_of(any->budget_used / any->seed_budget_used);
        fprintf(out, "<line x1=\"%.1f\" x2=\"%.1f\" y1=\"%.1f\" y2=\"%.1f\" class=\"seed\"/>\n",
                x0 - 2, x1 + 2, y, y);
    }
}

static double panel_width(const key_list *isas, const key_list *sizes)
{
    return sizes->n * (isas->n * BAR_W + GROUP_GAP);
}

/* Indices (into all_isas, which fixes the colours) of the ISAs `stage` has. */
static int stage_isas(const gfx_bench_results *r, const char *stage, const key_list *all_isas,
                      int *which)
{
    int n = 0;
    for (int i = 0; i < all_isas->n; i++)
        for (int e = 0; e < r->count; e++) {
            char st[PART], isa[PART], size[PART];
            gfx_bench_name_split(r->entries[e].name, st, isa, size, PART);
            if (!strcmp(st, stage) && !strcmp(isa, all_isas->keys[i])) {
                which[n++] = i;
                break;
            }
        }
    return n;
}

static void panel(FILE *out, const gfx_bench_results *r, const char *stage,
                  const key_list *all_isas, const key_list *sizes)
{
    int which[MAX_KEYS];
    int n_isas = stage_isas(r, stage, all_isas, which);
    panel_axes(out, stage, sizes->n * (n_isas * BAR_W + GROUP_GAP));
    for (int s = 0; s < sizes->n; s++) {
        double x0 = PLOT_LEFT + GROUP_GAP / 2.0 + s * (n_isas * BAR_W + GROUP_GAP);
        const gfx_bench_entry *any = NULL;
        for (int i = 0; i < n_isas; i++) {
            char name[3 * PART + 2];
            snprintf(name, sizeof name, "%s/%s/%s", stage, all_isas->keys[which[i]],
                     sizes->keys[s]);
            const gfx_bench_entry *e = gfx_bench_results_find(r, name);
            if (e && !e->skipped && !any)
                any = e;
            bar(out, e, which[i], x0 + i * BAR_W);
        }
        reference_lines(out, any, x0, x0 + n_isas * BAR_W);
        fprintf(out, "<text x=\"%.1f\" y=\"%d\" class=\"size\">", x0 + n_isas * BAR_W / 2.0,
                PLOT_TOP + PLOT_H + 16);
        xml_text(out, sizes->keys[s]);
        fprintf(out, "</text>\n");
    }
}

static void legend(FILE *out, const key_list *isas)
{
    double x = 10;
    for (int i = 0; i < isas->n; i++, x += 90) {
        fprintf(out, "<rect x=\"%.0f\" y=\"28\" width=\"12\" height=\"12\" fill=\"%s\"/>", x,
                isa_colours[i % N_COLOURS]);
        fprintf(out, "<text x=\"%.0f\" y=\"38\" class=\"legend\">", x + 16);
        xml_text(out, isas->keys[i]);
        fprintf(out, "</text>\n");
    }
    fprintf(out,
            "<line x1=\"%.0f\" x2=\"%.0f\" y1=\"34\" y2=\"34\" class=\"budget\"/>"
            "<text x=\"%.0f\" y=\"38\" class=\"legend\">glyphfx budget</text>\n",
            x, x + 20, x + 24);
    x += 130;
    fprintf(out,
            "<line x1=\"%.0f\" x2=\"%.0f\" y1=\"34\" y2=\"34\" class=\"seed\"/>"
            "<text x=\"%.0f\" y=\"38\" class=\"legend\">seed budget</text>\n",
            x, x + 20, x + 24);
    x += 110;
    fprintf(out,
            "<line x1=\"%.0f\" x2=\"%.0f\" y1=\"34\" y2=\"34\" class=\"memcpy\"/>"
            "<text x=\"%.0f\" y=\"38\" class=\"legend\">memcpy (roofline)</text>\n",
            x, x + 20, x + 24);
    fprintf(out, "<text x=\"10\" y=\"56\" class=\"legend\">Bar labels: ms per frame (x the "
                 "time of a warm memcpy of one frame, measured in the same run). Hover a bar "
                 "for GB/s and notes.</text>\n");
}

static void write_svg(FILE *out, const gfx_bench_results *r)
{
    key_list stages, isas, sizes;
    collect_keys(r, &stages, &isas, &sizes);
    double pw = PLOT_LEFT + panel_width(&isas, &sizes) + 20;
    pw = pw < PANEL_W ? PANEL_W : pw;
    int per_row = 2, rows = (stages.n + per_row - 1) / per_row;
    double width = per_row * pw, height = HEADER_H + rows * PANEL_H;
    fprintf(out,
            "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%.0f\" height=\"%.0f\" "
            "viewBox=\"0 0 %.0f %.0f\" font-family=\"sans-serif\">\n",
            width, height, width, height);
    fprintf(out, "<style>.title{font-size:14px;font-weight:bold}.tick{font-size:10px;"
                 "text-anchor:end}.size{font-size:11px;text-anchor:middle}.value{font-size:8px}"
                 ".na{font-size:8px;text-anchor:middle;fill:#999}.legend{font-size:11px}"
                 ".grid{stroke:#ddd}.budget{stroke:#d00;stroke-width:1.5}"
                 ".seed{stroke:#999;stroke-dasharray:4 3}.memcpy{stroke:#000;stroke-width:2}"
                 "</style>\n<rect width=\"100%%\" height=\"100%%\" fill=\"#fff\"/>\n");
    fprintf(out, "<text x=\"10\" y=\"18\" class=\"title\">glyphfx bench: ms per frame against "
                 "the stage budget (log scale), one core; ");
    xml_text(out, r->cpu_model);
    fprintf(out, "</text>\n");
    legend(out, &isas);
    for (int s = 0; s < stages.n; s++) {
        fprintf(out, "<g transform=\"translate(%.0f,%.0f)\">\n", (s % per_row) * pw,
                HEADER_H + (double)(s / per_row) * PANEL_H);
        panel(out, r, stages.keys[s], &isas, &sizes);
        fprintf(out, "</g>\n");
    }
    fprintf(out, "</svg>\n");
}

static void table_row(FILE *out, const gfx_bench_entry *e)
{
    fprintf(out, "<tr><td>");
    xml_text(out, e->name);
    if (e->skipped) {
        fprintf(out, "</td><td colspan=\"6\">skipped: ");
        xml_text(out, e->error ? e->error : "");
        fprintf(out, "</td></tr>\n");
        return;
    }
    fprintf(out, "</td><td>%.3f</td>", e->ms);
    if (e->gbps > 0)
        fprintf(out, "<td>%.1f</td>", e->gbps);
    else
        fprintf(out, "<td></td>");
    if (e->budget_ms > 0)
        fprintf(out, "<td>%.2f</td><td class=\"%s\">%.0f%% %s</td>", e->budget_ms,
                e->budget_used > 1 ? "over" : "within", 100 * e->budget_used,
                e->budget_used > 1 ? "over" : "within");
    else
        fprintf(out, "<td></td><td></td>");
    if (e->x_memcpy > 0)
        fprintf(out, "<td>%.2f</td>", e->x_memcpy);
    else
        fprintf(out, "<td></td>");
    fprintf(out, "<td>");
    xml_text(out, e->label);
    fprintf(out, "</td></tr>\n");
}

static void write_html(FILE *out, const gfx_bench_results *r)
{
    fprintf(out, "<!DOCTYPE html>\n<html xmlns=\"http://www.w3.org/1999/xhtml\"><head>"
                 "<meta charset=\"utf-8\"/><title>glyphfx bench</title><style>"
                 "body{font-family:sans-serif}td,th{padding:2px 8px;text-align:right}"
                 "td:first-child,td:last-child{text-align:left}.over{color:#c00}"
                 ".within{color:#080}</style></head><body>\n<h1>glyphfx bench</h1>\n<p>");
    xml_text(out, r->cpu_model);
    fprintf(out, "; ");
    xml_text(out, r->topology);
    fprintf(out, "; best ISA ");
    xml_text(out, r->isa_best);
    fprintf(out, "; glyphfx ");
    xml_text(out, r->version);
    fprintf(out, ", commit ");
    xml_text(out, r->commit);
    fprintf(out, "; results ");
    xml_text(out, r->path);
    fprintf(out, "</p>\n");
    gfx_report_roofline(out, r, xml_text);
    write_svg(out, r);
    fprintf(out, "<table><tr><th>benchmark</th><th>ms/frame</th><th>GB/s</th><th>budget ms</th>"
                 "<th>budget used</th><th>x memcpy</th><th>note</th></tr>\n");
    for (int i = 0; i < r->count; i++)
        table_row(out, &r->entries[i]);
    fprintf(out, "</table></body></html>\n");
}

int gfx_bench_report_write(const gfx_bench_results *r, const char *path, char *err, size_t err_size)
{
    size_t len = strlen(path);
    int html = len > 5 && !strcmp(path + len - 5, ".html");
    int svg = len > 4 && !strcmp(path + len - 4, ".svg");
    if (!html && !svg) {
        snprintf(err, err_size, "--report %s: expected a name ending in .html or .svg", path);
        return -1;
    }
    gfx_atomic tmp;
    char why[GFX_FILE_PATH_MAX + 128];
    if (gfx_atomic_open(&tmp, path, GFX_ATOMIC_STREAM, why, sizeof why) < 0) {
        snprintf(err, err_size, "--report %s", why);
        return -1;
    }
    FILE *out = tmp.f;
    if (html)
        write_html(out, r);
    else
        write_svg(out, r);
    /* commit checks the stream's error flag, the only trace of a failed fprintf */
    if (gfx_atomic_commit(&tmp, 0, why, sizeof why) < 0) {
        snprintf(err, err_size, "--report %s", why);
        return -1;
    }
    return 0;
}
