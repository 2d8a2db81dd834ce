// `firebeat districts`: the job of firebeat/districts.h and its summary.
#include "command.h"
#include "job_command.h"
#include "terminal_progress.h"

#include "firebeat/districts.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

#include <cstdio>

namespace firebeat::cli {

int runDistricts(const QStringList& arguments) {
    JobCommand command(districtsJob());
    command.parse(arguments);
    return guarded([&] {
        TerminalProgress progress(command.quiet());
        const JobParameters parameters = command.parameters();
        const std::string output = parameters.output("output");
        const DistrictJobResult r = runDistrictsJob(command.source(), parameters, &progress);
        progress.finish();
        const DistrictDesign& d = r.design;
        for (const std::string& note : d.notes)
            std::fprintf(stderr, "note: %s\n", note.c_str());
        const double pct = 100 * d.largestDeviation / d.meanWorkload;
        if (command.json()) {
            QJsonObject o{{"output", QString::fromStdString(output)},
                          {"blocks", static_cast<qint64>(d.district.size())},
                          {"districts", d.zones},
                          {"workload", QString::fromStdString(r.workloadDescription)},
                          {"mean_workload", d.meanWorkload},
                          {"largest_workload", d.largestWorkload},
                          {"smallest_workload", d.smallestWorkload},
                          {"largest_deviation_pct", pct},
                          {"cv", d.cv},
                          {"within_10_pct", d.withinTenPercent},
                          {"lower_bound_pct", 100 * d.deviationLowerBound / d.meanWorkload},
                          {"ten_pct_impossible", d.tenPercentImpossible},
                          {"bound_reason", QString::fromStdString(d.boundReason)}};
            if (r.current)
                o.insert("current_cv", r.current->cv);
            std::printf("%s\n", QJsonDocument(o).toJson(QJsonDocument::Compact).constData());
        } else {
            std::printf("wrote %s: %zu blocks in %d districts (workload: %s)\n", output.c_str(),
                        d.district.size(), d.zones, r.workloadDescription.c_str());
            std::printf(
                "  mean %.1f h, largest %.1f h, smallest %.1f h: largest deviation %.2f %%, CV %.4f\n",
                d.meanWorkload, d.largestWorkload, d.smallestWorkload, pct, d.cv);
            if (r.current)
                std::printf("  current districts: %d, largest deviation %.2f %%, CV %.4f\n",
                            r.current->districts, r.current->largestDeviationPct, r.current->cv);
            if (!d.withinTenPercent)
                std::printf("  %s\n", d.tenPercentImpossible
                                          ? ("within 10 % is impossible: " + d.boundReason).c_str()
                                          : "not within 10 % of the mean, and no bound proves it impossible");
        }
        return kOk;
    });
}

} // namespace firebeat::cli
