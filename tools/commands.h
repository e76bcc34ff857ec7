/* The glyphfx subcommands. Each takes argc/argv starting at its own name and
 * returns the process exit status (0 ok, 1 failure, 2 bad usage or input). */
#ifndef GFX_COMMANDS_H
#define GFX_COMMANDS_H

#include <stdio.h>

int cmd_render(int argc, char **argv);
int cmd_play(int argc, char **argv);
int cmd_selfcheck(int argc, char **argv);
int cmd_probe(int argc, char **argv);
int cmd_bench(int argc, char **argv);
int cmd_verify(int argc, char **argv);
int cmd_tune(int argc, char **argv);

/* The wisdom lines of `probe` and `--version` (tools/cmd_tune.c). */
void print_wisdom_status(FILE *out);

/* The bandwidth table of `probe` (tools/probe_bandwidth.c). */
struct gfx_bandwidth;
void print_bandwidth(FILE *out, const struct gfx_bandwidth *bw);

#endif
