#ifndef C_RUNBOOK_ZLIB_H
#define C_RUNBOOK_ZLIB_H

#include <zlib.h>

/* deflateInit2 and inflateInit2 are macros (they pass zlib's version and the stream's size), which Swift cannot
 * call: these are the same calls as functions. A negative windowBits means raw DEFLATE (RFC 1951), no header. */

static inline int runbook_deflateInit2(z_streamp stream, int level, int windowBits, int memLevel) {
    return deflateInit2(stream, level, Z_DEFLATED, windowBits, memLevel, Z_DEFAULT_STRATEGY);
}

static inline int runbook_inflateInit2(z_streamp stream, int windowBits) {
    return inflateInit2(stream, windowBits);
}

#endif
