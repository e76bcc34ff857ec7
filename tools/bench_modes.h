/* The two modes of `glyphfx bench` that run the benchmark binary under
 * another regime, each with its own options: --count (instruction and
 * simulated-cache counts under valgrind, cmd_bench_count.c) and --ab (two
 * builds timed interleaved, cmd_bench_ab.c); and what they share. */
#ifndef GFX_BENCH_MODES_H
#define GFX_BENCH_MODES_H

#include <stddef.h>
#include <stdio.h>

int cmd_bench_count(int argc, char **argv);
int cmd_bench_ab(int argc, char **argv);

/* The glyphfx_bench binary in dir (a build directory, its tools/, or the
 * binary itself); dir NULL: the one next to this glyphfx. Returns 0, or -1
 * after one line on stderr. */
int gfx_bench_binary_at(const char *dir, char *path, size_t size);

/* The benchmark names a binary registers (--benchmark_list_tests). */
typedef struct gfx_name_list {
    char **names;
    int n;
} gfx_name_list;
int gfx_name_list_read(const char *binary, gfx_name_list *l);
int gfx_name_list_add(gfx_name_list *l, const char *name);
void gfx_name_list_free(gfx_name_list *l);
/* 1 when item is one of the comma-separated words of list. */
int gfx_in_list(const char *list, const char *item);
/* "^(a|b|c)$" for names[from..to); the caller frees it. */
char *gfx_names_regex(char *const *names, int from, int to);

/* Starts argv[0] with stdout and stderr to the file out_path (NULL: stdout
 * to stderr). Returns the child's pid or -1. */
int gfx_spawn(char *const argv[], const char *out_path);
/* Waits for pid; 0 when it exited 0. */
int gfx_wait(int pid);
/* Runs argv[0] to its end, its stdout to stderr unless keep_stdout. Returns
 * 0 when it exited 0, else -1 after a line on stderr. */
int gfx_run(char *const argv[], int keep_stdout);

/* The rest of f, NUL-terminated, or NULL; the caller frees it. */
char *gfx_read_stream(FILE *f);
/* The whole file, NUL-terminated, or NULL; the caller frees it. */
char *gfx_read_text(const char *path);

#endif
