#ifndef ALLOT_CZLIB_SHIM_H
#define ALLOT_CZLIB_SHIM_H
// Debian's zlib1g-dev: the what-if page's data is deflated, and the browser inflates it.
#include <zlib.h>
#endif
