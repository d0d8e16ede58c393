#ifndef ALLOT_NUMBER_FORMAT_H
#define ALLOT_NUMBER_FORMAT_H
#include <stddef.h>

/// snprintf of one double with a printf format such as "%.6g", called with a fixed signature:
/// Swift reaches C's variadic functions only through a boxed va_list, which cost about 4 % of a
/// small `allot lp solve` run. Returns what snprintf returns.
int allot_format_double(char *buffer, size_t size, const char *format, double value);

#endif
