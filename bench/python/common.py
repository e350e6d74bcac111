"""Helpers shared by the Python side of Overlap's benchmark suite."""
import os

_PAGE_KIB = os.sysconf("SC_PAGE_SIZE") // 1024


def rss_kib():
    """Resident set size of this process now, in KiB."""
    with open("/proc/self/statm") as f:
        return int(f.read().split()[1]) * _PAGE_KIB
