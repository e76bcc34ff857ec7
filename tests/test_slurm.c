/* The Slurm submission's pure parts: a command line quoted for the shell
 * comes back word for word through sh, and array task lists. (The cluster
 * itself: tests/test_slurm_render.sh.) */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "slurm.h"

int main(void)
{
    const char *words[] = {"plain", "with space", "it's", "$HOME", "a\"b", "*", "", "x;y", "-o"};
    char line[1024] = "printf '%s|'";
    for (size_t i = 0; i < sizeof words / sizeof *words; i++) {
        strcat(line, " ");
        CHECK(gfx_shell_quote_append(words[i], line, sizeof line) == 0, "quote %s", words[i]);
    }
    FILE *p = popen(line, "r");
    char out[1024] = "";
    if (p) {
        size_t n = fread(out, 1, sizeof out - 1, p);
        out[n] = '\0';
        pclose(p);
    }
    CHECK(!strcmp(out, "plain|with space|it's|$HOME|a\"b|*||x;y|-o|"), "sh read back '%s' from %s",
          out, line);
    char tiny[8] = "";
    CHECK(gfx_shell_quote_append("far too long", tiny, sizeof tiny) < 0, "overflow accepted");

    int tasks[] = {2, 4, 17};
    char list[16];
    CHECK(gfx_slurm_task_list(tasks, 3, list, sizeof list) == 0 && !strcmp(list, "2,4,17"),
          "task list '%s'", list);
    CHECK(gfx_slurm_task_list(tasks, 3, list, 5) < 0, "a task list that does not fit");
    gfx_slurm_state none = {0};
    CHECK(!gfx_slurm_state_final(&none), "an unknown job counts as final");
    gfx_slurm_state done = {.known = 1, .records = 2, .completed = 1, .failed = 1};
    CHECK(gfx_slurm_state_final(&done), "a job with every record ended is not final");
    printf("test_slurm: %s\n", check_failures ? "FAILED" : "ok");
    return CHECK_EXIT_STATUS();
}
