// firebeat: FireBeat's command line and OGC server.
#include "command.h"

#include <QCoreApplication>

#include <cstdio>
#include <cstring>

namespace {

void usage(std::FILE* out) {
    std::fprintf(out, "usage: firebeat COMMAND [options]   (firebeat COMMAND --help for its options)\n\ncommands:\n");
    for (const auto& c : firebeat::cli::commands())
        std::fprintf(out, "  %-10s %s\n", c.name, c.summary);
}

} // namespace

int main(int argc, char** argv) {
    QCoreApplication app(argc, argv);
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
