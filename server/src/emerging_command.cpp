// `firebeat emerging`: the job of firebeat/emerging.h and its summary.
#include "command.h"
#include "job_command.h"
#include "terminal_progress.h"

#include "firebeat/emerging.h"

#include <QJsonDocument>
#include <QJsonObject>

#include <cstdio>

namespace firebeat::cli {

int runEmerging(const QStringList& arguments) {
    JobCommand command(emergingJob());
    command.parse(arguments);
    return guarded([&] {
        TerminalProgress progress(command.quiet());
        const EmergingJobResult run = runEmergingJob(command.source(), command.parameters(), &progress);
        progress.finish();
        const EmergingResult& result = run.result;
        for (const std::string& note : result.notes)
            std::fprintf(stderr, "note: %s\n", note.c_str());
        std::map<int, int> byCode;
        for (const EmergingRow& r : result.rows)
            ++byCode[patternCode(r.cls.pattern)];
        if (command.json()) {
            QJsonObject patterns;
            for (const auto& [code, count] : byCode)
                patterns.insert(QString::fromUtf8(patternName(static_cast<EmergingPattern>(code)).data()),
                                count);
            const QJsonObject o{{"output", QString::fromStdString(run.output)},
                                {"locations", static_cast<qint64>(result.rows.size())},
                                {"months", static_cast<qint64>(result.months)},
                                {"first_month", QString::fromStdString(monthLabel(result.firstMonth))},
                                {"events", static_cast<qint64>(result.eventsUsed)},
                                {"islands", static_cast<qint64>(result.islands.size())},
                                {"patterns", patterns}};
            std::printf("%s\n", QJsonDocument(o).toJson(QJsonDocument::Compact).constData());
        } else {
            std::printf("wrote %s: %zu locations x %zu months (%s ..)\n", run.output.c_str(),
                        result.rows.size(), result.months, monthLabel(result.firstMonth).c_str());
            for (const auto& [code, count] : byCode)
                std::printf("  %3d %-24s %d\n", code, patternName(static_cast<EmergingPattern>(code)).data(),
                            count);
        }
        return kOk;
    });
}

} // namespace firebeat::cli
