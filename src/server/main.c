/* main.c — placeholder for yichuangd until the central service lands. */
#include <stdio.h>

int main(void)
{
	fputs("yichuangd: not built yet\n", stderr);
	return 2;
}
