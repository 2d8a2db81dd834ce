// firebeat: FireBeat's command line and OGC server.
#include "command.h"

#include <QCoreApplication>
#ifdef FIREBEAT_HAVE_HTTPSERVER
#include <QGuiApplication>
#endif

#include <cstdio>
#include <cstring>
#include <memory>

namespace {

void usage(std::FILE* out) {
    std::fprintf(
        out, "usage: firebeat COMMAND [options]   (firebeat COMMAND --help for its options)\n\ncommands:\n");
    for (const auto& c : firebeat::cli::commands())
        std::fprintf(out, "  %-10s %s\n", c.name, c.summary);
}

} // namespace

int main(int argc, char** argv) {
    // `serve` and `report` draw labels on maps, which need Qt's font database and so a QGuiApplication; on
    // the offscreen platform, which needs no display.
    std::unique_ptr<QCoreApplication> app;
#ifdef FIREBEAT_HAVE_HTTPSERVER
    if (argc > 1 && (std::strcmp(argv[1], "serve") == 0 || std::strcmp(argv[1], "report") == 0)) {
        qputenv("QT_QPA_PLATFORM", "offscreen");
        app = std::make_unique<QGuiApplication>(argc, argv);
    }
#endif
    if (!app)
        app = std::make_unique<QCoreApplication>(argc, argv);
    QCoreApplication::setApplicationName("firebeat");
    QCoreApplication::setApplicationVersion(FIREBEAT_VERSION);
    const QStringList args = QCoreApplication::arguments();
    if (args.size() < 2 || args[1] == "--help" || args[1] == "-h") {
        usage(args.size() < 2 ? stderr : stdout);
        return args.size() < 2 ? firebeat::cli::kBadInput : firebeat::cli::kOk;
    }
    if (args[1] == "--version") {
        std::printf("firebeat %s\n", FIREBEAT_VERSION);
        return 0;
    }
    for (const auto& c : firebeat::cli::commands())
        if (args[1] == QLatin1String(c.name)) {
            QStringList sub = args.mid(1);
            sub[0] = QStringLiteral("firebeat ") + c.name;
            return c.run(sub);
        }
    std::fprintf(stderr, "firebeat: unknown command '%s'\n", qPrintable(args[1]));
    usage(stderr);
    return firebeat::cli::kBadInput;
}
