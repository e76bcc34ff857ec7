#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "bench_modes.h"

int gfx_bench_binary_at(const char *dir, char *path, size_t size)
{
    char self[PATH_MAX];
    if (!dir) {
        ssize_t n = readlink("/proc/self/exe", self, sizeof self - 1);
        if (n <= 0)
            return -1;
        self[n] = 0;
        char *slash = strrchr(self, '/');
        if (slash)
            *slash = 0;
        dir = self;
    }
    struct stat st;
    const char *tries[] = {"%s/glyphfx_bench", "%s/tools/glyphfx_bench", "%s"};
    for (int i = 0; i < 3; i++) {
        if (snprintf(path, size, tries[i], dir) >= (int)size)
            continue;
        if (!stat(path, &st) && S_ISREG(st.st_mode) && !access(path, X_OK))
            return 0;
    }
    fprintf(stderr,
            "glyphfx bench: no glyphfx_bench in %s (nor in its tools/); expected a build "
            "directory with the target glyphfx_bench built\n",
            dir);
    return -1;
}

int gfx_name_list_add(gfx_name_list *l, const char *name)
{
    if ((l->n & (l->n - 1)) == 0 || l->n == 0) { /* grow at powers of two */
        char **bigger = realloc(l->names, (size_t)(l->n ? 2 * l->n : 1) * sizeof *bigger);
        if (!bigger)
            return -1;
        l->names = bigger;
    }
    return (l->names[l->n] = strdup(name)) ? (l->n++, 0) : -1;
}

void gfx_name_list_free(gfx_name_list *l)
{
    for (int i = 0; i < l->n; i++)
        free(l->names[i]);
    free(l->names);
    memset(l, 0, sizeof *l);
}

int gfx_name_list_read(const char *binary, gfx_name_list *l)
{
    memset(l, 0, sizeof *l);
    char cmd[PATH_MAX + 64];
    snprintf(cmd, sizeof cmd, "'%s' --benchmark_list_tests=true", binary);
    FILE *p = popen(cmd, "r");
    if (!p)
        return -1;
    char line[512];
    while (fgets(line, sizeof line, p)) {
        line[strcspn(line, "\n")] = 0;
        if (strchr(line, '/') && gfx_name_list_add(l, line))
            break;
    }
    if (pclose(p) != 0 || l->n == 0) {
        fprintf(stderr, "glyphfx bench: %s --benchmark_list_tests failed\n", binary);
        gfx_name_list_free(l);
        return -1;
    }
    return 0;
}

int gfx_in_list(const char *list, const char *item)
{
    size_t len = strlen(item);
    for (const char *at = list; at && *at;) {
        size_t word = strcspn(at, ",");
        if (word == len && !strncmp(at, item, len))
            return 1;
        at += word + (at[word] == ',');
    }
    return 0;
}

char *gfx_names_regex(char *const *names, int from, int to)
{
    size_t size = 8;
    for (int i = from; i < to; i++)
        size += strlen(names[i]) + 1;
    char *regex = malloc(size);
    if (!regex)
        return NULL;
    strcpy(regex, "^(");
    for (int i = from; i < to; i++) {
        strcat(regex, i > from ? "|" : "");
        strcat(regex, names[i]);
    }
    strcat(regex, ")$");
    return regex;
}

/* Starts argv[0]: stdout and stderr to the file out_path; else stdout to
 * stderr unless keep_stdout. */
static int spawn(char *const argv[], const char *out_path, int keep_stdout)
{
    fflush(NULL);
    pid_t pid = fork();
    if (pid < 0) {
        perror("glyphfx bench: fork");
        return -1;
    }
    if (pid == 0) {
        if (out_path) {
            int fd = open(out_path, O_WRONLY | O_CREAT | O_TRUNC, 0644);
            if (fd < 0)
                _exit(127);
            dup2(fd, STDOUT_FILENO);
            dup2(fd, STDERR_FILENO);
            close(fd);
        } else if (!keep_stdout) {
            dup2(STDERR_FILENO, STDOUT_FILENO);
        }
        execvp(argv[0], argv);
        fprintf(stderr, "glyphfx bench: cannot run %s: %s\n", argv[0], strerror(errno));
        _exit(127);
    }
    return (int)pid;
}

int gfx_spawn(char *const argv[], const char *out_path)
{
    return spawn(argv, out_path, 0);
}

int gfx_wait(int pid)
{
    int status;
    while (waitpid(pid, &status, 0) < 0)
        if (errno != EINTR)
            return -1;
    return WIFEXITED(status) && WEXITSTATUS(status) == 0 ? 0 : -1;
}

int gfx_run(char *const argv[], int keep_stdout)
{
    int pid = spawn(argv, NULL, keep_stdout);
    if (pid < 0)
        return -1;
    if (gfx_wait(pid)) {
        fprintf(stderr, "glyphfx bench: %s failed\n", argv[0]);
        return -1;
    }
    return 0;
}

char *gfx_read_stream(FILE *f)
{
    size_t cap = 1 << 16, len = 0, got;
    char *text = malloc(cap);
    while (text && (got = fread(text + len, 1, cap - len - 1, f)) > 0)
        if ((len += got) + 1 == cap) {
            char *bigger = realloc(text, cap *= 2);
            if (!bigger)
                free(text);
            text = bigger;
        }
    if (text)
        text[len] = 0;
    return text;
}

char *gfx_read_text(const char *path)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return NULL;
    char *text = gfx_read_stream(f);
    fclose(f);
    return text;
}
