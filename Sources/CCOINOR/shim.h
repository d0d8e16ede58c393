#ifndef ALLOT_CCOINOR_SHIM_H
#define ALLOT_CCOINOR_SHIM_H
// Debian's coinor-libcbc-dev and coinor-libclp-dev install their C interfaces here.
#include <coin/Clp_C_Interface.h>
#include <coin/Cbc_C_Interface.h>
#endif
