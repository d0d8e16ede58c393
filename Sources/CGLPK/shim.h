#ifndef ALLOT_CGLPK_SHIM_H
#define ALLOT_CGLPK_SHIM_H
// Debian's libglpk-dev installs the header here and ships no pkg-config file.
#include <glpk.h>
#endif
