// Tests that need a peer tool (qgis_process.bin, R with spdep, OWSLib, GDAL's WMS/WMTS drivers,
// Chromium, Xvfb, wrk, PostGIS, the firebeat command line) state it with FIREBEAT_REQUIRE_TOOL:
// on a developer's machine a missing tool skips the test with a message saying what to install;
// under CI=true it fails it, so a CI run can never go green without having tested.
// Header-only and plain QtTest, so the Qt 5 (plugin) and Qt 6 suites both use it.
#pragma once

#include <QtTest>

namespace firebeat::test {

inline bool runningOnCi() {
    return qEnvironmentVariable("CI") == QLatin1String("true");
}

} // namespace firebeat::test

// `available`: a condition; `missing`: a const char* or QString naming what is missing and how to get it.
// Returns from the test function when the tool is missing (QFAIL / QSKIP do).
#define FIREBEAT_REQUIRE_TOOL(available, missing)                                                            \
    do {                                                                                                     \
        if (!(available)) {                                                                                  \
            if (firebeat::test::runningOnCi())                                                               \
                QFAIL(qPrintable(QString(missing)));                                                         \
            QSKIP(qPrintable(QString(missing)));                                                             \
        }                                                                                                    \
    } while (false)
