/* The module's functions are inline in its header; this file gives the target a translation unit. */
#include "CRunbookZlib.h"
