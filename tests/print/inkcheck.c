/*
 * inkcheck.c — test helper of test_print.sh: reads a page rendered to PNG
 * (pdftoppm -r DPI -png) and counts the dark pixels that lie wholly
 * outside the text area of print.h (the page less its margins).  Exits 0
 * when there are none and the page has ink inside; else 1, saying where
 * the first stray ink is.
 *
 *   inkcheck PAGE.png DPI
 */
#include <stdio.h>
#include <stdlib.h>
#include <cairo.h>

#include "yichuang/print.h"

int main(int argc, char **argv)
{
	cairo_surface_t *img;
	double dpi, left, right, top, bottom;
	long outside = 0, inside = 0;
	int w, h, stride, fx = -1, fy = -1;
	unsigned char *px;

	if (argc != 3) {
		fprintf(stderr, "usage: inkcheck PAGE.png DPI\n");
		return 2;
	}
	dpi = atof(argv[2]);
	img = cairo_image_surface_create_from_png(argv[1]);
	if (cairo_surface_status(img) != CAIRO_STATUS_SUCCESS) {
		fprintf(stderr, "inkcheck: cannot read %s\n", argv[1]);
		return 2;
	}
	w = cairo_image_surface_get_width(img);
	h = cairo_image_surface_get_height(img);
	stride = cairo_image_surface_get_stride(img);
	px = cairo_image_surface_get_data(img);
	left = PRINT_MARGIN_LEFT_MM * dpi / 25.4;
	right = (PRINT_PAGE_W_MM - PRINT_MARGIN_RIGHT_MM) * dpi / 25.4;
	top = PRINT_MARGIN_TOP_MM * dpi / 25.4;
	bottom = (PRINT_PAGE_H_MM - PRINT_MARGIN_BOTTOM_MM) * dpi / 25.4;
	for (int y = 0; y < h; y++)
		for (int x = 0; x < w; x++) {
			/* RGB24 or ARGB32: the low three bytes are the colour */
			unsigned int v = *(unsigned int *)(px + (size_t)y * (size_t)stride + (size_t)x * 4);
			unsigned r = (v >> 16) & 0xff, g = (v >> 8) & 0xff, b = v & 0xff;
			int dark = r < 160 || g < 160 || b < 160;

			if (!dark)
				continue;
			if (x + 1 <= left || x >= right || y + 1 <= top || y >= bottom) {
				if (outside++ == 0) {
					fx = x;
					fy = y;
				}
			} else {
				inside++;
			}
		}
	cairo_surface_destroy(img);
	printf("%s: %dx%d, ink inside %ld, outside %ld", argv[1], w, h, inside, outside);
	if (outside)
		printf(" (first at %d,%d)", fx, fy);
	printf("\n");
	return outside == 0 && inside > 0 ? 0 : 1;
}
