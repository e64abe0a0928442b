"""Pausing the cyclic garbage collector around bulk work.

Imports and history scoring allocate tens of thousands of small objects and make no cycles;
the collector's repeated passes over the young ones cost 15-25% of such work. Reference counting
still frees everything as usual.
"""

from __future__ import annotations

import gc
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from functools import cache


@contextmanager
def paused_gc(*, freeze: bool = False) -> Iterator[None]:
    """Run the block with the cyclic collector off (restored after, if it was on).

    With `freeze`, what the block leaves alive (an import's rows, a store's documents) is
    moved out of the collector's reach before it is back on: its first pass would otherwise
    walk all of it (tenths of a second at 100,000 objects). Reference counting still frees
    them; only cycles among them would stay (bulk data makes none)."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if freeze:
            gc.freeze()
        if enabled:
            gc.enable()


_paused_for_startup = False


def pause_for_startup() -> None:
    """Turn the cyclic collector off while the app starts: the imports and the first frame
    allocate some 10^5 objects that live as long as the app and make few cycles, and the
    collector's passes over them cost ~25 ms of a ~350 ms start. `resume_after_startup` turns
    it back on (a no-op when it was off already)."""
    global _paused_for_startup
    if gc.isenabled():
        gc.disable()
        _paused_for_startup = True


def resume_after_startup(*, freeze: bool = False) -> None:
    """Turn the collector back on if `pause_for_startup` turned it off (once; later calls do
    nothing). With `freeze`, what start-up left alive (modules, classes, the first screen)
    moves out of the collector's reach first: its passes never walk it again."""
    global _paused_for_startup
    if _paused_for_startup:
        _paused_for_startup = False
        if freeze:
            gc.freeze()
        gc.enable()


@cache
def _malloc_trim() -> Callable[[int], int] | None:
    try:
        import ctypes

        return ctypes.CDLL(None).malloc_trim  # type: ignore[no-any-return]
    except (ImportError, OSError, AttributeError, TypeError):
        return None  # (not glibc: Windows, macOS and musl give freed memory back themselves)


def give_back_freed_memory() -> None:
    """Hand the memory the C allocator keeps after frees back to the system (glibc's
    `malloc_trim`; nothing elsewhere). A pass over a large history reads and frees hundreds of
    MB of documents a segment at a time: glibc kept ~60 MB of them at a million activities."""
    trim = _malloc_trim()
    if trim is not None:
        trim(0)
