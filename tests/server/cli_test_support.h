// Running the real `firebeat` binary (FIREBEAT_CLI, set by ctest) from a test.
#pragma once

#include <QProcess>
#include <QString>
#include <QStringList>

namespace firebeat::test {

struct CliResult {
    int code;
    QString out, err;
};

inline CliResult cli(const QStringList& arguments) {
    QProcess p;
    p.start(QString::fromLocal8Bit(qgetenv("FIREBEAT_CLI")), arguments);
    p.waitForFinished(600000);
    return {p.exitCode(), QString::fromUtf8(p.readAllStandardOutput()),
            QString::fromUtf8(p.readAllStandardError())};
}

} // namespace firebeat::test
