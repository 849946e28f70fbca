// A memory prefetch hint, which Swift cannot emit.
//
// `verify` interns some ten million ids at 10^6 records, and the id tables outgrow the caches, so
// nearly every lookup waits for memory. The decoder names each id's table slot as soon as it reads
// the id and looks it up only after hashing the line, by when the slot has arrived. The function
// itself is inline in CPrefetch.h; SwiftPM wants a source file in every C target.

#include "CPrefetch.h"
