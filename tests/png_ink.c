/* png_ink FILE.png [RRGGBB]: how much of a screenshot is drawn. Prints
 * "WIDTHxHEIGHT ink N" where N counts the pixels that differ from the
 * top-left pixel (the page's background) by more than 24 in some channel,
 * and with a colour also "colour N": the pixels within 40 of it in every
 * channel. Exit 0, or 1 with one line when the file is not a readable PNG.
 * A helper of test_report_browser.sh (libpng's simplified reader). */
#include <png.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int near(const unsigned char *p, const int *c, int tolerance)
{
    for (int i = 0; i < 3; i++)
        if (abs(p[i] - c[i]) > tolerance)
            return 0;
    return 1;
}

int main(int argc, char **argv)
{
    if (argc < 2 || argc > 3) {
        fprintf(stderr, "usage: png_ink FILE.png [RRGGBB]\n");
        return 2;
    }
    int colour[3] = {0};
    unsigned rgb = 0;
    if (argc == 3) {
        if (strlen(argv[2]) != 6 || sscanf(argv[2], "%6x", &rgb) != 1) {
            fprintf(stderr, "png_ink: colour %s: expected RRGGBB in hex\n", argv[2]);
            return 2;
        }
        colour[0] = (int)(rgb >> 16), colour[1] = (int)(rgb >> 8 & 255),
        colour[2] = (int)(rgb & 255);
    }
    png_image img;
    memset(&img, 0, sizeof img);
    img.version = PNG_IMAGE_VERSION;
    if (!png_image_begin_read_from_file(&img, argv[1])) {
        fprintf(stderr, "png_ink: %s: %s\n", argv[1], img.message);
        return 1;
    }
    img.format = PNG_FORMAT_RGB;
    size_t bytes = PNG_IMAGE_SIZE(img);
    unsigned char *px = malloc(bytes);
    if (!px || !png_image_finish_read(&img, NULL, px, 0, NULL)) {
        fprintf(stderr, "png_ink: %s: %s\n", argv[1], px ? img.message : "out of memory");
        free(px);
        png_image_free(&img);
        return 1;
    }
    int background[3] = {px[0], px[1], px[2]};
    long ink = 0, matching = 0;
    for (size_t i = 0; i + 2 < bytes; i += 3) {
        ink += !near(px + i, background, 24);
        matching += argc == 3 && near(px + i, colour, 40);
    }
    printf("%ux%u ink %ld", img.width, img.height, ink);
    if (argc == 3)
        printf(" colour %ld", matching);
    printf("\n");
    free(px);
    return 0;
}
