// Headless Chromium driven over the DevTools protocol on a pipe (--remote-debugging-pipe:
// commands in on fd 3, replies and events out on fd 4, one NUL-terminated JSON message each), so
// a test can click, tick boxes and read the page like a user, with no extra packages.
#pragma once

#include <QJsonDocument>
#include <QJsonObject>
#include <QList>
#include <QProcess>
#include <QString>
#include <QStringList>
#include <QTemporaryDir>
#include <QThread>

#include <fcntl.h>
#include <poll.h>
#include <unistd.h>

namespace firebeat::test {

class ChromiumDevTools {
  public:
    // Starts `chromium` headless at `width` x `height` with a page on `url`.
    ChromiumDevTools(const QString& chromium, const QString& url, int width, int height) {
        int toBrowser[2];
        int fromBrowser[2];
        if (pipe2(toBrowser, O_CLOEXEC) != 0 || pipe2(fromBrowser, O_CLOEXEC) != 0)
            return;
        // The browser expects its ends as fds 3 and 4; moved above 10 first so dup2 never
        // lands on itself (which would keep close-on-exec).
        process_.setChildProcessModifier([in = toBrowser[0], out = fromBrowser[1]] {
            const int high_in = fcntl(in, F_DUPFD, 10);
            const int high_out = fcntl(out, F_DUPFD, 10);
            dup2(high_in, 3);
            dup2(high_out, 4);
        });
        process_.setStandardOutputFile(QProcess::nullDevice());
        process_.setStandardErrorFile(QProcess::nullDevice()); // D-Bus complaints
        process_.start(chromium, {"--headless=new", "--no-sandbox", "--disable-gpu",
                                  "--remote-debugging-pipe", "--user-data-dir=" + profile_.path(),
                                  QString("--window-size=%1,%2").arg(width).arg(height), "about:blank"});
        ::close(toBrowser[0]);
        ::close(fromBrowser[1]);
        send_ = toBrowser[1];
        receive_ = fromBrowser[0];
        if (!process_.waitForStarted())
            return;
        const QString target = call("Target.createTarget", {{"url", url}}).value("targetId").toString();
        session_ = call("Target.attachToTarget", {{"targetId", target}, {"flatten", true}})
                       .value("sessionId")
                       .toString();
    }

    ~ChromiumDevTools() {
        if (!session_.isEmpty())
            call("Browser.close");
        if (!process_.waitForFinished(10000))
            process_.kill();
        process_.waitForFinished();
        ::close(send_);
        ::close(receive_);
    }

    ChromiumDevTools(const ChromiumDevTools&) = delete;
    ChromiumDevTools& operator=(const ChromiumDevTools&) = delete;

    bool attached() const { return !session_.isEmpty(); }

    // The value of the JavaScript expression `js` in the page (promises awaited).
    QJsonValue evaluate(const QString& js) {
        return call("Runtime.evaluate", {{"expression", js}, {"returnByValue", true}, {"awaitPromise", true}},
                    session_)
            .value("result")
            .toObject()
            .value("value");
    }

    // Polls `js` until it is true, for at most `seconds`.
    bool waitFor(const QString& js, int seconds = 120) {
        for (int i = 0; i < seconds * 10; ++i) {
            if (evaluate(js).toBool())
                return true;
            QThread::msleep(100);
        }
        return false;
    }

    // A left click at (x, y) CSS pixels of the page, as a user's mouse does it.
    void click(int x, int y) {
        for (const char* type : {"mousePressed", "mouseReleased"})
            call("Input.dispatchMouseEvent",
                 {{"type", type}, {"x", x}, {"y", y}, {"button", "left"}, {"clickCount", 1}}, session_);
    }

    // A command to the page's session, e.g. "Runtime.enable" or "Page.navigate"; its result.
    QJsonObject command(const QString& method, const QJsonObject& params = {}) {
        return call(method, params, session_);
    }

    // The events received so far (of the domains enabled with command()) named `method`, e.g.
    // "Runtime.exceptionThrown".
    QList<QJsonObject> events(const QString& method) const {
        QList<QJsonObject> found;
        for (const QJsonObject& e : events_)
            if (e.value("method").toString() == method)
                found.append(e.value("params").toObject());
        return found;
    }

  private:
    // Sends a command and waits for its reply (events in between are skipped); its "result".
    QJsonObject call(const QString& method, const QJsonObject& params = {}, const QString& session = {}) {
        const int id = nextId_++;
        QJsonObject message{{"id", id}, {"method", method}, {"params", params}};
        if (!session.isEmpty())
            message["sessionId"] = session;
        const QByteArray bytes = QJsonDocument(message).toJson(QJsonDocument::Compact) + '\0';
        if (::write(send_, bytes.constData(), static_cast<size_t>(bytes.size())) != bytes.size())
            return {};
        for (;;) {
            const qsizetype end = buffer_.indexOf('\0');
            if (end >= 0) {
                const QJsonObject reply = QJsonDocument::fromJson(buffer_.left(end)).object();
                buffer_.remove(0, end + 1);
                if (reply.value("id").toInt() == id)
                    return reply.value("result").toObject();
                if (reply.contains("method"))
                    events_.append(reply);
                continue;
            }
            pollfd ready{receive_, POLLIN, 0};
            char chunk[65536];
            const ssize_t n = poll(&ready, 1, 120000) > 0 ? ::read(receive_, chunk, sizeof chunk) : 0;
            if (n <= 0)
                return {};
            buffer_.append(chunk, n);
        }
    }

    QTemporaryDir profile_;
    QProcess process_;
    int send_ = -1;
    int receive_ = -1;
    int nextId_ = 1;
    QString session_;
    QByteArray buffer_;
    QList<QJsonObject> events_;
};

} // namespace firebeat::test
