#ifndef ALLOT_CXLSXWRITER_SHIM_H
#define ALLOT_CXLSXWRITER_SHIM_H
// Debian's libxlsxwriter-dev installs the header here.
#include <xlsxwriter.h>
#endif
