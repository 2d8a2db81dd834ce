"""Shim for qgis_process: load FireBeat's C++ library and register its provider."""
import ctypes
import os

_CANDIDATES = [
    os.path.join(os.path.dirname(__file__), "libfirebeatplugin.so"),
    "/usr/lib/qgis/plugins/libfirebeatplugin.so",
]


class FireBeatShim:
    def __init__(self, iface):
        self._lib = None

    def initProcessing(self):
        path = next((p for p in _CANDIDATES if os.path.exists(p)), None)
        if path is None:
            raise RuntimeError("libfirebeatplugin.so not found in " + ", ".join(_CANDIDATES))
        self._lib = ctypes.CDLL(path)
        self._lib.firebeat_register_provider()

    def initGui(self):
        self.initProcessing()

    def unload(self):
        if self._lib is not None:
            self._lib.firebeat_unregister_provider()


def classFactory(iface):
    return FireBeatShim(iface)
