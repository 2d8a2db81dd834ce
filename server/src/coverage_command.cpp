// `firebeat coverage` and `firebeat sizing`: the jobs of firebeat/coverage_job.h, their summaries.
#include "command.h"
#include "job_command.h"
#include "terminal_progress.h"

#include "firebeat/coverage_job.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

#include <algorithm>
#include <cstdio>

namespace firebeat::cli {
namespace {

void printCoverage(const CoverageJobResult& run, bool json) {
    std::vector<const DistrictCoverage*> ranked;
    for (const DistrictCoverage& d : run.result.districts)
        ranked.push_back(&d);
    std::sort(ranked.begin(), ranked.end(), [](auto* a, auto* b) { return a->gapRank < b->gapRank; });
    const CoverageResult& r = run.result;
    if (json) {
        QJsonArray districts;
        for (const DistrictCoverage* d : ranked)
            districts.append(QJsonObject{{"district_id", QString::fromStdString(d->districtId)},
                                         {"gap_rank", d->gapRank},
                                         {"gap_score", d->gapScore}});
        const QJsonObject o{{"output", QString::fromStdString(run.output)},
                            {"window_start", QString::fromStdString(formatTimestamp(r.windowStart))},
                            {"window_end", QString::fromStdString(formatTimestamp(r.windowEnd))},
                            {"districts", districts}};
        std::printf("%s\n", QJsonDocument(o).toJson(QJsonDocument::Compact).constData());
        return;
    }
    std::printf("wrote %s (window %s .. %s); largest gaps:\n", run.output.c_str(),
                formatDate(r.windowStart).c_str(), formatDate(r.windowEnd).c_str());
    for (std::size_t i = 0; i < ranked.size() && i < 5; ++i)
        std::printf("  %d. %s %s  gap score %.1f\n", ranked[i]->gapRank, ranked[i]->districtId.c_str(),
                    ranked[i]->name.c_str(), ranked[i]->gapScore);
}

} // namespace

int runCoverage(const QStringList& arguments) {
    JobCommand command(coverageJobSpec());
    command.parse(arguments);
    return guarded([&] {
        TerminalProgress progress(command.quiet());
        const CoverageJobResult run = runCoverageJob(command.source(), command.parameters(), &progress);
        progress.finish();
        printProblems(run);
        printCoverage(run, command.json());
        return kOk;
    });
}

int runSizing(const QStringList& arguments) {
    JobCommand command(sizingJobSpec());
    command.parse(arguments);
    return guarded([&] {
        TerminalProgress progress(command.quiet());
        const SizingJobResult run = runSizingJob(command.source(), command.parameters(), &progress);
        progress.finish();
        printProblems(run);
        if (command.json())
            std::printf("%s\n", QJsonDocument(QJsonObject{{"output", QString::fromStdString(run.output)}})
                                    .toJson(QJsonDocument::Compact)
                                    .constData());
        else
            std::printf("wrote %s\n", run.output.c_str());
        return kOk;
    });
}

} // namespace firebeat::cli
