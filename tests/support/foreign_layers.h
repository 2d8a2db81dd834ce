// The "foreign" layers of tests/fixtures/make_foreign_layers.py (UTM 48N points with multipoints
// and no data-model field, villages with integer ids and Chinese field names), made at test time,
// and the rule for peers a test compares with: missing under CI=true is a failure, not a skip.
// Header-only Qt code: used by the Qt 6 suites and the Qt 5 (QGIS) plugin suites alike.
#pragma once

#include <QFileInfo>
#include <QProcess>
#include <QString>
#include <QStringList>
#include <QtTest>

#include "require_tool.h"

namespace firebeat::test {

// A peer (qgis_process.bin, Rscript with spdep, PostGIS) the test needs: the one rule of
// require_tool.h (fails under CI=true, skips elsewhere).
#define FIREBEAT_REQUIRE_PEER(available, what) FIREBEAT_REQUIRE_TOOL(available, what)

inline const QString kPython = QStringLiteral("/usr/bin/python3");
inline const QString kQgisProcess = QStringLiteral("/usr/bin/qgis_process.bin");

// Writes the layers into `gpkg` (and into the PostGIS source `postgis` when given, e.g.
// "PG:host=127.0.0.1 port=... dbname=..."). Returns the script's error output on failure.
inline QString makeForeignLayers(const QString& gpkg, const QString& postgis = {}) {
    QStringList args{QStringLiteral(FIREBEAT_SOURCE_DIR "/tests/fixtures/make_foreign_layers.py"), gpkg};
    if (!postgis.isEmpty())
        args << QStringLiteral("--postgis") << postgis;
    QProcess p;
    p.setProcessChannelMode(QProcess::MergedChannels);
    p.start(kPython, args);
    if (!p.waitForFinished(120000) || p.exitStatus() != QProcess::NormalExit || p.exitCode() != 0)
        return QStringLiteral("make_foreign_layers.py failed: ") + QString::fromUtf8(p.readAll()) +
               p.errorString();
    return QFileInfo::exists(gpkg) ? QString() : QStringLiteral("make_foreign_layers.py wrote nothing");
}

} // namespace firebeat::test
