#include <stdio.h>
#include "number_format.h"

int allot_format_double(char *buffer, size_t size, const char *format, double value) {
    return snprintf(buffer, size, format, value);
}
