// Raw HTTP requests to a `firebeat serve` process (started with server_test_support.h): the
// request target goes out byte for byte (QNetworkAccessManager would normalise `..` and encodings, which
// is exactly what path-safety tests must not have done for them).
#pragma once

#include "server_test_support.h"

#include <QByteArray>
#include <QProcess>
#include <QRegularExpression>
#include <QString>
#include <QStringList>
#include <QTcpSocket>
#include <QUrl>

namespace firebeat::test {

struct RawReply {
    int status = 0; // 0: no HTTP answer
    QByteArray contentType;
    QByteArray body;
};

// GET `target` (path and query, sent exactly as given) from the server at `base`.
inline RawReply rawGet(const QString& base, const QByteArray& target) {
    const QUrl url(base);
    QTcpSocket socket;
    socket.connectToHost(url.host(), static_cast<quint16>(url.port()));
    if (!socket.waitForConnected(10000))
        return {};
    socket.write("GET " + target + " HTTP/1.1\r\nHost: " + url.authority().toUtf8() +
                 "\r\nConnection: close\r\n\r\n");
    QByteArray data;
    qsizetype headerEnd = -1;
    qsizetype length = -1;
    while (headerEnd < 0 || data.size() < headerEnd + 4 + length) {
        if (!socket.waitForReadyRead(120000))
            break;
        data += socket.readAll();
        if (headerEnd < 0 && (headerEnd = data.indexOf("\r\n\r\n")) >= 0) {
            const auto match = QRegularExpression("(?im)^content-length:\\s*(\\d+)")
                                   .match(QString::fromLatin1(data.left(headerEnd)));
            length = match.hasMatch() ? match.captured(1).toLongLong() : 0;
        }
    }
    if (headerEnd < 0)
        return {};
    const QString head = QString::fromLatin1(data.left(headerEnd));
    const auto type = QRegularExpression("(?im)^content-type:\\s*([^\\r\\n]*)").match(head);
    return {head.section(' ', 1, 1).toInt(), type.captured(1).trimmed().toLatin1(), data.mid(headerEnd + 4)};
}

} // namespace firebeat::test
